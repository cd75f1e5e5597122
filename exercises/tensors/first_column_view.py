"""Keep a dimension while selecting: a slice 0:1 gives an (n, 1) view; an integer drops the dimension, a list copies."""
# exercise: kind="write" answer="col" requires="shares:col:t"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (3, 4)), (1, (2, 2)), (2, (5, 1)), (3, (1, 3))):  # (5, 1) and (1, 3): size-1 dimensions
    torch.manual_seed(seed)
    CASES.append({"t": torch.randn(shape)})

# %% starter
col = ...

# %% solution
col = t[:, 0:1]

# %% wrong-integer-index fails="shape"
col = t[:, 0]

# %% wrong-list-index-copies fails="property"
col = t[:, [0]]

# %% wrong-unsqueeze-copy fails="property"
col = t[:, 0].clone().unsqueeze(1)
