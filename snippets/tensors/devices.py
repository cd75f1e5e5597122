"""Where a tensor lives: its device, and moving it with .to()."""

# %% setup
import torch

# %% device
t = torch.tensor([1, 2, 3])
t.device

# %% pick-device
device = "cuda" if torch.cuda.is_available() else "cpu"
print(torch.cuda.is_available(), device)
moved = t.to(device)
print(moved.device, t.device)
print(moved is t)
