"""transpose swaps two dimensions; permute reorders all of them."""

# %% setup
import torch

# %% transpose
x = torch.arange(24).view(2, 3, 4)
print(x.transpose(0, 2).shape)
print(x.permute(2, 0, 1).shape)

# %% matrix-t
m = torch.arange(6).view(2, 3)
print(m.T)
print(m.transpose(0, 1).is_contiguous())

# %% transpose-contiguous
row = torch.zeros(1, 3)
print(row.t().stride(), row.t().is_contiguous())  # a dimension of size 1: its stride is never used
print(torch.zeros(2, 1, 3).permute(1, 0, 2).is_contiguous())

# %% permute-view
p = x.permute(2, 0, 1)
p[0, 0, 0] = 100
print(x[0, 0])
print(p.is_contiguous())
