"""Every tensor has a dtype (the type of its elements) and a shape."""

# %% setup
import torch

# %% attributes
t = torch.zeros(2, 3, 4)
print(t.dtype)
print(t.shape, t.size())
print(t.dim(), t.numel())

# %% explicit-dtype
print(torch.tensor([1, 2, 3], dtype=torch.float32))
print(torch.zeros(2, dtype=torch.float64))

# %% convert-dtype
i = torch.tensor([1, 2, 3])
print(i.float(), i.to(torch.float64).dtype)
print(torch.tensor([1.7, -1.7]).long())

# %% promotion
i = torch.tensor([1, 2, 3])
print(i + 0.5)
print(i / 2)
print(i // 2)
