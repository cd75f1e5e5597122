"""Only leaves get .grad by default: retain_grad() on an intermediate result keeps its gradient (dz/dy = 2y)."""
# exercise: kind="write" answer="y_grad" grads="x"

# %% inputs
import torch

CASES = [{"x": torch.tensor([1.0, 2.0], requires_grad=True)}]
torch.manual_seed(0)
CASES.append({"x": torch.randn(4, requires_grad=True)})
CASES.append({"x": torch.tensor([-0.5], requires_grad=True)})  # edge case: one element
CASES.append({"x": torch.tensor(1.5, requires_grad=True)})  # edge case: a 0-d tensor

# %% starter
y = 3 * x
z = (y**2).sum()
z.backward()
y_grad = ...

# %% solution
y = 3 * x
y.retain_grad()
z = (y**2).sum()
z.backward()
y_grad = y.grad

# %% wrong-leaf-grad fails="values"
y = 3 * x
z = (y**2).sum()
z.backward()
y_grad = x.grad

# %% wrong-no-retain fails="type"
y = 3 * x
z = (y**2).sum()
z.backward()
y_grad = y.grad
