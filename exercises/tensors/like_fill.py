"""Fill-in: zeros_like copies shape and dtype; ones_like(..., dtype=) keeps the shape and changes the dtype alone."""
# exercise: kind="fill" answer="zeros,ones"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (2, 3)), (1, (4,)), (2, (1, 3))):
    torch.manual_seed(seed)
    CASES.append({"x": torch.randint(0, 10, shape)})
CASES.append({"x": torch.tensor(7)})  # edge case: a 0-d integer tensor

# %% starter
zeros = torch.___(x)
ones = torch.ones_like(x, ___)

# %% solution
zeros = torch.zeros_like(x)
ones = torch.ones_like(x, dtype=torch.float32)

# %% wrong-shape-only fails="dtype"
zeros = torch.zeros(x.shape)
ones = torch.ones_like(x, dtype=torch.float32)

# %% wrong-ones-keep-dtype fails="dtype"
zeros = torch.zeros_like(x)
ones = torch.ones_like(x)
