"""view changes the shape and keeps element order and memory; .t() has the same shape but another order."""
# exercise: kind="write" answer="y" requires="shares:y:x"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (2, 3)), (1, (4, 2)), (2, (3, 3))):
    torch.manual_seed(seed)
    CASES.append({"x": torch.randn(shape)})
CASES.append({"x": torch.randn(1, 3)})  # edge case: a size-1 dimension

# %% starter
y = ...

# %% solution
y = x.view(x.shape[1], x.shape[0])

# %% wrong-transposed fails="values"
y = x.t()

# %% wrong-copy fails="property"
y = x.reshape(x.shape[1], x.shape[0]).clone()
