"""A Python if decides which operation is recorded: the graph holds only the branch that ran."""
# exercise: kind="predict" answer="answer"

# %% inputs
import torch

CASES = []
for seed in (0, 1):
    torch.manual_seed(seed)
    CASES.append(
        {
            "pos": (torch.rand(3) + 0.1).requires_grad_(),
            "neg": (-torch.rand(3) - 0.1).requires_grad_(),
        }
    )
# edge cases: a single element, and a 0-d tensor
CASES.append({"pos": torch.tensor([0.5], requires_grad=True), "neg": torch.tensor(-2.0, requires_grad=True)})


# %% starter
def f(t):
    if t.sum() > 0:
        return t * 2
    return t.exp()


out_pos = f(pos)
out_neg = f(neg)
answer = ...


# %% solution
def f(t):
    if t.sum() > 0:
        return t * 2
    return t.exp()


out_pos = f(pos)
out_neg = f(neg)
answer = (type(out_pos.grad_fn).__name__, type(out_neg.grad_fn).__name__)

# %% wrong-same-graph fails="values"
answer = ("MulBackward0", "MulBackward0")

# %% wrong-swapped fails="values"
answer = ("ExpBackward0", "MulBackward0")
