"""Mistakes with shapes and products, each followed by its fix."""

# %% setup
import numpy as np
import torch

# %% view-noncontiguous raises="RuntimeError: view size is not compatible"
m = torch.arange(6).view(2, 3)
m.T.view(6)

# %% view-noncontiguous-fix
print(m.T.reshape(6))
print(m.T.contiguous().view(6))

# %% view-size raises="RuntimeError: shape '[4]' is invalid for input of size 6"
m.view(4)

# %% view-size-fix
m.view(-1, 2)

# %% broadcast raises="RuntimeError: The size of tensor a (3) must match the size of tensor b (2)"
x = torch.ones(2, 3)
bias = torch.tensor([1.0, 2.0])
x + bias

# %% broadcast-fix
x + bias.unsqueeze(1)

# %% silent-broadcast
points = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
target = torch.tensor([[1.0], [3.0], [5.0]])
pred = points[:, 0]
print(pred.shape, target.shape)
(pred - target).shape

# %% silent-broadcast-fix
pred = points[:, 0:1]
print(pred.shape)
pred - target

# %% reduced-without-keepdim
scores = torch.tensor([[1.0, 3.0], [2.0, 6.0]])
shares = scores / scores.sum(dim=1)  # (2, 2) / (2,): divides by the sums as a row
shares.sum(dim=1)  # each row of shares should sum to 1

# %% reduced-without-keepdim-fix
shares = scores / scores.sum(dim=1, keepdim=True)  # (2, 2) / (2, 1)
shares.sum(dim=1)

# %% inplace-broadcast raises="RuntimeError: output with shape [3] doesn't match the broadcast shape [2, 3]"
acc = torch.zeros(3)
acc.add_(x)

# %% inplace-broadcast-fix
acc = acc + x
acc.shape

# %% star-not-matmul raises="RuntimeError: The size of tensor a (3) must match the size of tensor b (2)"
a = torch.ones(2, 3)
b = torch.ones(3, 2)
a * b

# %% star-not-matmul-fix
a @ b

# %% dot-matrix raises="RuntimeError: 1D tensors expected, but got 2D and 2D tensors"
a.dot(b)

# %% dot-matrix-fix
print(a[0].dot(b[:, 0]))
print((a @ b)[0, 0])

# %% mm-vector raises="RuntimeError: self must be a matrix"
v = torch.ones(3)
v.mm(v)

# %% mm-vector-fix
print(v @ v)
print(a @ v)

# %% dtype-mix raises="RuntimeError: expected m1 and m2 to have the same dtype"
counts = torch.arange(6).view(2, 3)
counts @ b

# %% dtype-mix-fix
counts.to(torch.float32) @ b

# %% float64-meets-float32 raises="RuntimeError: expected m1 and m2 to have the same dtype, but got: double != float"
features = torch.from_numpy(np.array([[0.5, 1.5, 2.5]]))  # numpy's default float: float64
weights = torch.ones(3, 2)  # torch's default float: float32
features @ weights

# %% float64-meets-float32-fix
print(features.dtype, features.float().dtype)
features.float() @ weights
