"""One gradient-descent step: backward, then an in-place update of the leaf inside no_grad (outside it is refused)."""
# exercise: kind="fill" answer="w"

# %% inputs
import torch

CASES = []
for seed, n, lr in ((0, 3, 0.1), (1, 4, 0.05)):
    torch.manual_seed(seed)
    CASES.append({"w": torch.randn(n, requires_grad=True), "x": torch.randn(n), "target": torch.randn(n), "lr": lr})
# edge case: a single parameter
CASES.append(
    {
        "w": torch.tensor([0.5], requires_grad=True),
        "x": torch.tensor([2.0]),
        "target": torch.tensor([3.0]),
        "lr": 0.25,
    }
)

# %% starter
loss = ((w * x - target) ** 2).sum()
loss.backward()
with torch.___():
    w -= lr * w.___

# %% solution
loss = ((w * x - target) ** 2).sum()
loss.backward()
with torch.no_grad():
    w -= lr * w.grad

# %% wrong-outside-no-grad fails="error"
loss = ((w * x - target) ** 2).sum()
loss.backward()
w -= lr * w.grad

# %% wrong-uphill fails="values"
loss = ((w * x - target) ** 2).sum()
loss.backward()
with torch.no_grad():
    w += lr * w.grad
