"""Fill in a Python if on a tensor's value and the call that backpropagates: the gradient follows the branch taken."""
# exercise: kind="fill" answer="out" grads="x"

# %% inputs
import torch

CASES = []
for seed in (0, 1):
    torch.manual_seed(seed)
    CASES.append({"x": (torch.rand(3) + 0.1).requires_grad_()})  # positive sum: the doubling branch
    CASES.append({"x": (-torch.rand(2) - 0.1).requires_grad_()})  # negative sum: the exp branch
CASES.append({"x": torch.tensor([1.0, -1.0], requires_grad=True)})  # edge case: the sum is exactly 0, not positive


# %% starter
def f(t):
    if ___ > 0:
        return t * 2
    return t.exp()


out = f(x).sum()
out.___()


# %% solution
def f(t):
    if t.sum() > 0:
        return t * 2
    return t.exp()


out = f(x).sum()
out.backward()


# %% wrong-no-backward fails="grad"
def f(t):
    if t.sum() > 0:
        return t * 2
    return t.exp()


out = f(x).sum()


# %% wrong-always-double fails="values"
def f(t):
    return t * 2


out = f(x).sum()
out.backward()
