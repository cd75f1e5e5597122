"""Warm-up: a result records the operation that made it; grad_fn is the last operation, here the addition."""
# exercise: kind="predict" answer="answer"

# %% inputs
import torch

CASES = []
for seed in (0, 1):
    torch.manual_seed(seed)
    CASES.append({"x": torch.randn(3, requires_grad=True)})
CASES.append({"x": torch.tensor(2.0, requires_grad=True)})  # edge case: a 0-d tensor

# %% starter
z = x * 3 + 1
answer = ...

# %% solution
z = x * 3 + 1
answer = type(z.grad_fn).__name__

# %% wrong-first-operation fails="values"
answer = "MulBackward0"

# %% wrong-node-not-name fails="type"
z = x * 3 + 1
answer = z.grad_fn
