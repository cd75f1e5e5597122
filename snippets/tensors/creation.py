"""Creating tensors: from Python data, from numpy, and with factory functions."""

# %% setup
import numpy as np
import torch

# %% from-list
ints = torch.tensor([1, 2, 3, 4])
floats = torch.tensor([1.0, 2.0, 3.0, 4.0])
print(ints, ints.dtype)
print(floats, floats.dtype)

# %% tensor-class
legacy = torch.Tensor([1, 2, 3, 4])
print(legacy, legacy.dtype)

# %% tensor-class-from-tensor
ints = torch.tensor([1, 2, 3])
same = torch.Tensor(ints)  # given a tensor, it keeps that tensor's dtype and memory
print(same.dtype, same.data_ptr() == ints.data_ptr())

# %% tensor-class-shape
empty = torch.Tensor(2, 3)  # sizes, not data: the values are uninitialized
empty.shape

# %% from-numpy sandbox="no: numpy's default integer is 32-bit in the browser"
a_numpy = np.array([1, 2, 3, 4])
a_tensor_from_numpy = torch.from_numpy(a_numpy)
print(a_numpy.dtype, a_tensor_from_numpy.dtype)
print(torch.from_numpy(np.array([0.5, 1.5])).dtype)

# %% from-numpy-list raises="TypeError: expected np.ndarray (got list)"
data = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
torch.from_numpy(data)

# %% sharing
source = np.array([1.0, 2.0, 3.0])
copied = torch.tensor(source)
shared = torch.from_numpy(source)
maybe_shared = torch.as_tensor(source)
legacy = torch.Tensor(source)
source[0] = 100.0
print("torch.tensor:    ", copied)
print("torch.Tensor:    ", legacy)
print("torch.from_numpy:", shared)
print("torch.as_tensor: ", maybe_shared)

# %% as-tensor-copy
source = np.array([1.0, 2.0, 3.0])
converted = torch.as_tensor(source, dtype=torch.float32)
source[0] = 100.0
print(source.dtype, converted.dtype, converted)

# %% tensor-class-shares
source32 = np.array([1.0, 2.0, 3.0], dtype=np.float32)
legacy32 = torch.Tensor(source32)
source32[0] = 100.0
legacy32

# %% factories
print(torch.zeros(2, 3))
print(torch.ones(2, 3, dtype=torch.int64))
print(torch.arange(5))
print(torch.arange(0, 1, 0.25))

# %% linspace
print(torch.arange(0, 1, 0.25))  # a step; the end is left out
print(torch.linspace(0, 1, 5))  # a number of points; both ends are in

# %% empty
e = torch.empty(2, 3)  # memory is allocated, not filled: set every value before reading any
print(e.shape, e.dtype)

# %% like
base = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(torch.zeros_like(base))  # the shape and dtype of base
print(torch.ones_like(base, dtype=torch.float32))

# %% new
print(base.new_zeros(2))  # the dtype (and device) of base, a shape of its own
print(base.new_tensor([7, 8]))

# %% seeded-rand
torch.manual_seed(42)
first = torch.rand(2, 3)
torch.manual_seed(42)
second = torch.rand(2, 3)
print(first, first.dtype)
print(torch.equal(first, second))

# %% randn
torch.manual_seed(0)
print(torch.randn(2, 3))
sample = torch.randn(100_000)
print(f"mean {sample.mean():.3f}, std {sample.std():.3f}")
