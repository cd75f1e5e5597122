"""PyTorch slicing has no negative step: flip(0) reverses the rows where NumPy code would write [::-1]."""
# exercise: kind="write" answer="rev"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (3, 2)), (1, (4, 3))):
    torch.manual_seed(seed)
    CASES.append({"x": torch.randn(shape)})
CASES.append({"x": torch.arange(6).reshape(2, 3)})  # an integer tensor
CASES.append({"x": torch.tensor([[1.0, 2.0, 3.0]])})  # edge case: a single row

# %% starter
rev = x[::-1]

# %% solution
rev = x.flip(0)

# %% wrong-flip-columns fails="values"
rev = x.flip(1)

# %% wrong-negative-step fails="error"
rev = x[::-1, :]
