"""Leaving torch: back to numpy arrays, Python numbers and lists."""

# %% setup
import torch

# %% to-numpy
t = torch.tensor([1.0, 2.0, 3.0])
n = t.numpy()
t[0] = 100.0
print(type(n).__name__, n)

# %% item
total = torch.tensor([1.5, 2.5]).sum()
print(total, total.item(), type(total.item()).__name__)

# %% tolist
torch.tensor([[1, 2], [3, 4]]).tolist()
