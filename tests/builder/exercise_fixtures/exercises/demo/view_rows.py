"""A view with rows and columns swapped in count, not transposed: shares memory with x."""
# exercise: kind="write" answer="y" requires="shares:y:x"

# %% inputs
import torch

CASES = [{"x": torch.arange(6.0).view(2, 3)}, {"x": torch.randn(1, 4)}]

# %% starter
y = ...

# %% solution
y = x.view(x.shape[1], x.shape[0])

# %% wrong-transposed fails="values"
y = x.t()

# %% wrong-copy fails="property"
y = x.reshape(x.shape[1], x.shape[0]).clone()
