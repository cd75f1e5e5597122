"""A transposed tensor is not contiguous, so view(-1) fails on it; contiguous() copies it into order first."""
# exercise: kind="fill" answer="flat"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (2, 3)), (1, (3, 2)), (2, (2, 2))):
    torch.manual_seed(seed)
    CASES.append({"m": torch.randn(shape)})
CASES.append({"m": torch.arange(3.0).reshape(1, 3)})  # edge case: a single row; its transpose is contiguous

# %% starter
flat = m.t().___().view(-1)

# %% solution
flat = m.t().contiguous().view(-1)

# %% wrong-view-directly fails="error"
flat = m.t().view(-1)

# %% wrong-original-order fails="values"
flat = m.view(-1)
