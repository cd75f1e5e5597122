"""A data-dependent loop: the number of recorded divisions, and so the gradient, depends on the input's value."""
# exercise: kind="predict" answer="answer"

# %% inputs
import torch

# every value lies in (8, 16], so the loop halves four times; 16 is the edge where the last halving gives exactly 1
CASES = [{"x": torch.tensor(value, requires_grad=True)} for value in (10.0, 8.5, 13.25, 16.0)]


# %% starter
def shrink(t):
    while t > 1:
        t = t / 2
    return t


out = shrink(x)
out.backward()
answer = ...


# %% solution
def shrink(t):
    while t > 1:
        t = t / 2
    return t


out = shrink(x)
out.backward()
answer = x.grad.item()

# %% wrong-one-halving fails="values"
answer = 0.5

# %% wrong-tensor-not-number fails="type"
answer = torch.tensor(0.0625)
