"""Changing in place a value that backward needs (sigmoid's output) makes backward raise; make a new tensor instead."""
# exercise: kind="write" answer="y" grads="x"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (3,)), (1, (2, 2))):
    torch.manual_seed(seed)
    CASES.append({"x": torch.randn(shape, requires_grad=True)})
CASES.append({"x": torch.tensor(0.0, requires_grad=True)})  # edge case: a 0-d tensor

# %% starter
h = torch.sigmoid(x)
h.mul_(2)
y = h
y.sum().backward()

# %% solution
h = torch.sigmoid(x)
y = h * 2
y.sum().backward()

# %% wrong-in-place-through-detach fails="error"
h = torch.sigmoid(x)
h.detach().mul_(2)
y = h
y.sum().backward()

# %% wrong-no-backward fails="grad"
h = torch.sigmoid(x)
y = h * 2
