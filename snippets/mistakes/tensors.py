"""Mistakes with creating, indexing and converting tensors, each followed by its fix."""

# %% setup
import numpy as np
import torch

# %% from-numpy-list raises="TypeError: expected np.ndarray (got list)"
data = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
torch.from_numpy(data)

# %% from-numpy-list-fix
print(torch.tensor(data))
print(torch.from_numpy(np.array(data)).shape)

# %% negative-strides raises="ValueError: At least one stride"
reversed_array = np.arange(4.0)[::-1]  # numpy reverses with a negative stride, without copying
torch.from_numpy(reversed_array)

# %% negative-strides-copy raises="ValueError: At least one stride"
torch.tensor(reversed_array)  # refused too, although torch.tensor copies

# %% negative-strides-fix
reversed_array = np.arange(4.0)[::-1]
print(torch.from_numpy(reversed_array.copy()))
print(torch.tensor(np.ascontiguousarray(reversed_array)))

# %% list-index raises="TypeError: list indices must be integers or slices, not tuple"
data[:, 0]

# %% list-index-fix
torch.tensor(data)[:, 0]

# %% tensor-sizes
print(torch.Tensor(3).shape)
print(torch.tensor(3).shape)
print(torch.Tensor([3]).shape)

# %% negative-step raises="ValueError: step must be greater than zero"
t = torch.arange(5)
t[::-1]

# %% negative-step-fix
t.flip(0)

# %% item-many raises="RuntimeError: a Tensor with 2 elements cannot be converted to Scalar"
torch.tensor([1.5, 2.5]).item()

# %% item-many-fix
print(torch.tensor([1.5, 2.5]).tolist())
print(torch.tensor([1.5, 2.5]).sum().item())

# %% numpy-requires-grad raises="RuntimeError: Can't call numpy() on Tensor that requires grad"
w = torch.tensor([1.0, 2.0], requires_grad=True)
w.numpy()

# %% numpy-requires-grad-fix
w.detach().numpy()

# %% no-cuda raises="AssertionError: Torch not compiled with CUDA enabled" sandbox="no: depends on how torch was built"
torch.tensor([1.0, 2.0]).to("cuda")

# %% no-cuda-fix
device = "cuda" if torch.cuda.is_available() else "cpu"
torch.tensor([1.0, 2.0]).to(device)
