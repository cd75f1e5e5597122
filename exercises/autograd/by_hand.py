"""The seed's Q = 3a^3 - b^2: backward with gradient= for a vector output, and the same gradients worked out by hand."""
# exercise: kind="write" answer="Q,da,db" grads="a,b"

# %% inputs
import torch

CASES = [{"a": torch.tensor([2.0, 3.0], requires_grad=True), "b": torch.tensor([6.0, 4.0], requires_grad=True)}]
for seed in (0, 1):
    torch.manual_seed(seed)
    CASES.append({"a": torch.randn(3, requires_grad=True), "b": torch.randn(3, requires_grad=True)})
CASES.append({"a": torch.tensor([-1.5], requires_grad=True), "b": torch.tensor([0.0], requires_grad=True)})  # size 1

# %% starter
Q = 3 * a**3 - b**2
da = ...
db = ...

# %% solution
Q = 3 * a**3 - b**2
Q.backward(gradient=torch.ones_like(Q))
da = 9 * a.detach() ** 2
db = -2 * b.detach()

# %% wrong-power-rule-half fails="values"
Q = 3 * a**3 - b**2
Q.backward(gradient=torch.ones_like(Q))
da = 3 * a.detach() ** 2
db = -2 * b.detach()

# %% wrong-no-backward fails="grad"
Q = 3 * a**3 - b**2
da = 9 * a.detach() ** 2
db = -2 * b.detach()

# %% wrong-plain-backward fails="error"
Q = 3 * a**3 - b**2
Q.backward()
da = 9 * a.detach() ** 2
db = -2 * b.detach()
