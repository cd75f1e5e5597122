"""Tensors on a CUDA GPU: where they live, moving them there and back, and what mixing devices does.

CPU builds never run this file; they show its capture, devices.capture.json, made by scripts/capture_cuda.py.
"""
# snippet: requires="cuda"

# %% setup
import torch

# %% available
torch.cuda.is_available(), torch.cuda.device_count()

# %% name
torch.cuda.get_device_name(0)

# %% pick-device
device = "cuda" if torch.cuda.is_available() else "cpu"
x = torch.ones(2, 3, device=device)
x.device

# %% to-cuda
t = torch.tensor([1.0, 2.0, 3.0])
g = t.to("cuda")
print(t.device, g.device)
g

# %% compute
(g * 2).sum()

# %% mix-devices raises="RuntimeError: Expected all tensors to be on the same device"
t + g

# %% back-to-cpu
back = g.cpu()
print(back.device, g.to("cpu").device)
back.numpy()

# %% numpy-needs-cpu raises="TypeError: can't convert cuda:0 device type tensor to numpy"
g.numpy()

# %% item
g.sum().item()
