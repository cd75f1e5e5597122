"""A while loop steered by a value: one recorded multiplication per pass, so the gradient is 2**steps."""
# exercise: kind="write" answer="y,steps" grads="x"

# %% inputs
import torch

CASES = []
for seed, limit in ((0, 20.0), (1, 5.0)):
    torch.manual_seed(seed)
    CASES.append({"x": (torch.rand(3) + 0.5).requires_grad_(), "limit": limit})
# edge cases: the sum is exactly the limit (no step), and a 0-d tensor that needs many steps
CASES.append({"x": torch.tensor([3.0, 4.0], requires_grad=True), "limit": 7.0})
CASES.append({"x": torch.tensor(0.3, requires_grad=True), "limit": 100.0})

# %% starter
y = x
steps = 0
y.sum().backward()

# %% solution
y = x
steps = 0
while y.sum() < limit:
    y = y * 2
    steps += 1
y.sum().backward()

# %% wrong-if-not-while fails="values"
y = x
steps = 0
if y.sum() < limit:
    y = y * 2
    steps += 1
y.sum().backward()

# %% wrong-no-backward fails="grad"
y = x
steps = 0
while y.sum() < limit:
    y = y * 2
    steps += 1
