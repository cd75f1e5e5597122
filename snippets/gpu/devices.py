"""Tensors on a CUDA GPU: where they live, moving them there and back, and what mixing devices does.

CPU builds never run this file; they show its capture, devices.capture.json, made by scripts/capture_cuda.py.
"""
# snippet: requires="cuda"

# %% setup
import warnings

import torch

# %% available
torch.cuda.is_available(), torch.cuda.device_count()

# %% name
torch.cuda.get_device_name(0)

# %% pick-device
device = "cuda" if torch.cuda.is_available() else "cpu"
x = torch.ones(2, 3, device=device)
x.device

# %% accelerator
print(torch.accelerator.is_available(), torch.accelerator.current_accelerator())
print(torch.backends.mps.is_available())
device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
torch.ones(2, device=device).device

# %% to-cuda
t = torch.tensor([1.0, 2.0, 3.0])
g = t.to("cuda")
print(t.device, g.device)
g

# %% compute
(g * 2).sum()

# %% mix-devices raises="RuntimeError: Expected all tensors to be on the same device"
t + g

# %% mix-matmul raises="RuntimeError: Expected all tensors to be on the same device"
torch.ones(2, 3) @ torch.ones(3, 2, device="cuda")

# %% mix-fix
print(t.to(g.device) + g)
print((g.cpu() + t).device)

# %% mix-zero-dim
scale = torch.tensor(10.0)  # zero-dimensional, on the CPU
print(scale.device, scale.dim())
g * scale

# %% back-to-cpu
back = g.cpu()
print(back.device, g.to("cpu").device)
back.numpy()

# %% numpy-needs-cpu raises="TypeError: can't convert cuda:0 device type tensor to numpy"
g.numpy()

# %% item
value = g.sum().item()
print(type(value).__name__, value)

# %% item-waits
torch.cuda.set_sync_debug_mode("warn")  # warn on every operation that makes the CPU wait for the GPU
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    g.sum().item()
torch.cuda.set_sync_debug_mode("default")
for warning in caught:
    print(str(warning.message).splitlines()[0])
