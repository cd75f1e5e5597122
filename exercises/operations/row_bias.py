"""Fix a broadcasting bug: one value per row must be a column (unsqueeze(1)); an (n,) vector meets the columns."""
# exercise: kind="write" answer="out"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (2, 3)), (1, (3, 3)), (2, (4, 2))):  # (3, 3): the bug gives wrong values, not an error
    torch.manual_seed(seed)
    CASES.append({"x": torch.randn(shape), "bias": torch.randn(shape[0])})
CASES.append({"x": torch.randn(1, 5), "bias": torch.randn(1)})  # edge case: a single row

# %% starter
out = x + bias

# %% solution
out = x + bias.unsqueeze(1)

# %% wrong-sum-of-bias fails="values"
out = x + bias.sum()

# %% wrong-first-bias-only fails="values"
out = x + bias[0]
