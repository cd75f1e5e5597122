"""Joining tensors: cat along an existing dimension, stack along a new one."""

# %% setup
import torch

# %% cat
a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5, 6]])
print(torch.cat([a, b]))  # dim=0: more rows
print(torch.cat([a, a], dim=1))  # more columns

# %% cat-mismatch raises="RuntimeError: Sizes of tensors must match except in dimension 1"
torch.cat([a, b], dim=1)

# %% cat-empty
print(torch.cat([a, torch.empty(0)]).shape)  # an empty 1-D tensor is skipped, whatever the other sizes

# %% stack
x = torch.tensor([1, 2, 3])
y = torch.tensor([4, 5, 6])
print(torch.stack([x, y]))
print(torch.stack([x, y]).shape, torch.stack([x, y], dim=1).shape, torch.cat([x, y]).shape)

# %% stack-mismatch raises="RuntimeError: stack expects each tensor to be equal size"
torch.stack([a, b])
