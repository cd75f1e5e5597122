"""Reductions along a dimension, and keepdim."""

# %% setup
import torch

# %% sum-dim
m = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(m.sum())
print(m.sum(dim=0))  # dimension 0 disappears: one sum per column
print(m.sum(dim=1))  # dimension 1 disappears: one sum per row
print(m.mean(dim=1, keepdim=True))  # keepdim: the reduced dimension stays, with size 1

# %% max-dim
values, indices = m.max(dim=1)
print(values, indices)
print(m.argmax(dim=1))
print(m.argmax())  # no dim: the index into the flattened tensor

# %% keepdim-mistake
x = torch.tensor([[1.0, 2.0], [3.0, 5.0]])
row_means = x.mean(dim=1)
print(row_means.shape)
centered = x - row_means  # (2, 2) minus (2,): each row gets both means, no error
print(centered)
print(centered.sum(dim=1))  # centered rows should sum to 0

# %% keepdim-fix
row_means = x.mean(dim=1, keepdim=True)
print(row_means.shape)
centered = x - row_means  # (2, 2) minus (2, 1): each row gets its own mean
print(centered)
print(centered.sum(dim=1))
