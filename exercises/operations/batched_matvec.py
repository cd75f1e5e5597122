"""Choosing the product: dot takes vectors only, mm 2-D matrices only; matmul (@) handles a batch times a vector."""
# exercise: kind="write" answer="out"

# %% inputs
import torch

CASES = []
# the last two cases are edge cases with size-1 dimensions
for seed, (b, n, k) in ((0, (2, 3, 4)), (1, (5, 2, 3)), (2, (1, 1, 2)), (3, (3, 2, 1))):
    torch.manual_seed(seed)
    CASES.append({"A": torch.randn(b, n, k), "v": torch.randn(k)})

# %% starter
out = torch.mm(A, v)

# %% solution
out = A @ v

# %% wrong-elementwise fails="shape"
out = A * v

# %% wrong-dot fails="error"
out = torch.dot(A, v)
