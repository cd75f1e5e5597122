"""Gradients accumulate: three backward passes of y = 2x add the gradient 2 three times, whatever x is."""
# exercise: kind="predict" answer="answer"

# %% inputs
import torch

CASES = [{"x": torch.tensor(value, requires_grad=True)} for value in (1.0, -2.5, 0.0)]

# %% starter
for _ in range(3):
    y = x * 2
    y.backward()
answer = ...

# %% solution
for _ in range(3):
    y = x * 2
    y.backward()
answer = x.grad.item()

# %% wrong-replaced fails="values"
answer = 2.0

# %% wrong-string fails="type"
answer = "6"
