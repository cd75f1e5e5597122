"""What this site's build machine, which has no GPU, says about CUDA. The same code, captured on a GPU, is in
devices.py: the page shows the two side by side."""

# %% setup
import torch

# %% available
torch.cuda.is_available(), torch.cuda.device_count()

# %% pick-device
device = "cuda" if torch.cuda.is_available() else "cpu"
x = torch.ones(2, 3, device=device)
x.device

# %% accelerator sandbox="no: npgrad does not implement torch.accelerator"
print(torch.accelerator.is_available(), torch.accelerator.current_accelerator())
print(torch.backends.mps.is_available())
device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
torch.ones(2, device=device).device

# %% to-cuda sandbox="no: depends on how torch was built"
t = torch.tensor([1.0, 2.0, 3.0])
try:
    t.to("cuda")
except (AssertionError, RuntimeError) as error:  # which one depends on how torch was built
    print(f"{type(error).__name__}: {error}")
