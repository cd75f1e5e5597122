"""Elementwise arithmetic and broadcasting."""

# %% setup
import torch

# %% elementwise
a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
print(a + b)
print(a * b)
print(b / a)
print(a**2)

# %% scalar
a * 10 + 1

# %% broadcast-row
m = torch.zeros(2, 3)
row = torch.tensor([1.0, 2.0, 3.0])
m + row

# %% broadcast-outer
col = torch.tensor([[0.0], [10.0], [20.0]])
vec = torch.tensor([1.0, 2.0, 3.0, 4.0])
print(col.shape, vec.shape)
out = col + vec
print(out.shape)
out

# %% broadcast-shapes
print(torch.broadcast_shapes((3, 1), (4,)))
print(torch.broadcast_shapes((2, 1, 5), (3, 1)))

# %% broadcast-fails raises="RuntimeError: The size of tensor a (3) must match the size of tensor b (2)"
torch.ones(2, 3) + torch.ones(3, 2)
