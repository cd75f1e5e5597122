"""Indexing and slicing work as in numpy; the shape of the result depends on how you index."""

# %% setup
import numpy as np
import torch

# %% list-index raises="TypeError: list indices must be integers or slices, not tuple"
data = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
data[:, 0]

# %% numpy-column
data = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
np.array(data)[:, 0]

# %% tensor-column
tensor_from_data = torch.tensor(data)
column = tensor_from_data[:, 0]
print(column, column.shape)

# %% keep-dim
print(tensor_from_data[:, 0:1].shape)
print(tensor_from_data[:, [0]].shape)
tensor_from_data[:, 0:1]

# %% element
item = tensor_from_data[1, 2]
print(item, item.shape)

# %% slices
print(tensor_from_data[0])
print(tensor_from_data[1:, ::2])
print(tensor_from_data[-1])

# %% mask
mask = tensor_from_data > 4
print(mask)
print(tensor_from_data[mask])

# %% slice-is-view
row = tensor_from_data[0]
row[0] = 100
tensor_from_data

# %% index-copies
t = torch.tensor([[1, 2, 3], [4, 5, 6]])
picked = t[[0]]  # a list of indices: a copy
picked[0, 0] = -1
masked = t[t > 4]  # a boolean mask: a copy
masked[0] = -1
sliced = t[0:1]  # a slice: a view
sliced[0, 1] = -2
t
