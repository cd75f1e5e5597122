"""Matrix products: dot, mm, matmul and the @ operator."""

# %% setup
import numpy as np
import torch

# %% matrices
n1 = np.arange(10).reshape(2, 5)
n2 = np.arange(10).reshape(5, 2)
t1 = torch.tensor(n1, dtype=torch.float32)
t2 = torch.tensor(n2, dtype=torch.float32)
print(t1.mm(t2))
print(t1.matmul(t2))
print(t1 @ t2)

# %% mm-mismatch raises="RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x5 and 2x5)"
t1.mm(t1)

# %% dot-matrices raises="RuntimeError: 1D tensors expected, but got 2D and 2D tensors"
t1.dot(t2)

# %% numpy-dot
np.dot(n1, n2)

# %% vectors
a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([4.0, 5.0, 6.0])
print(a.dot(b))
print(a.matmul(b))
print(a @ b)

# %% mm-vectors raises="RuntimeError: self must be a matrix"
a.mm(b)

# %% dot-length raises="RuntimeError: inconsistent tensor size"
a.dot(torch.tensor([1.0, 2.0]))

# %% matrix-vector
print(t1.shape, torch.ones(5).shape)
t1 @ torch.ones(5)

# %% batched
batch = torch.ones(10, 2, 5)
print((batch @ t2).shape)

# %% mm-batched raises="RuntimeError: self must be a matrix"
batch.mm(t2)

# %% star-is-elementwise raises="RuntimeError: The size of tensor a (5) must match the size of tensor b (2)"
t1 * t2

# %% shape-table
pairs = [((5,), (5,)), ((2, 5), (5, 2)), ((2, 5), (5,)), ((10, 2, 5), (5, 2))]
for left, right in pairs:
    a, b = torch.ones(left), torch.ones(right)
    results = []
    for op in (torch.dot, torch.mm, torch.matmul):
        try:
            results.append(f"{op.__name__}: {tuple(op(a, b).shape)}")
        except RuntimeError:
            results.append(f"{op.__name__}: error")
    print(f"{left} x {right}".ljust(20), " | ".join(results))
