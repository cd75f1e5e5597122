"""Every tensor has a dtype (the type of its elements) and a shape."""

# %% setup
import numpy as np
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
print(torch.tensor([True, False, True]) + i)

# %% promotion-within-category sandbox="no: npgrad has no float16 and no torch.result_type"
f32 = torch.tensor([1.0, 2.0])
f64 = torch.tensor([1.0, 2.0], dtype=torch.float64)
print((f32 + torch.tensor(1.0, dtype=torch.float64)).dtype)  # a 0-d float64 does not widen a float32 tensor
print((f32 + f64).dtype)  # two dimensioned tensors: the wider one wins
print((torch.tensor(1.0) + torch.tensor(1.0, dtype=torch.float64)).dtype)  # two 0-d tensors: the wider one wins
print((i + torch.tensor([1.0, 2.0, 3.0], dtype=torch.float16)).dtype)  # a higher category wins, however narrow
print(torch.result_type(i, 0.5), torch.result_type(f32, f64))

# %% promotion-numpy
print((i + 0.5).dtype)
print((np.array([1, 2, 3]) + 0.5).dtype)

# %% floor-division
print(-3 // 2)
print(torch.tensor([-3, 3]) // 2)  # rounds down, like Python
print(torch.tensor([-1.5, 1.5]).long())  # truncates toward zero
