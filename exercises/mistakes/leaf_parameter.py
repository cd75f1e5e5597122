"""A parameter made as tensor(..., requires_grad=True) * 0.01 is not a leaf, so its .grad stays None; scale first."""
# exercise: kind="write" answer="w,w_grad"

# %% inputs
import torch

CASES = []
for seed, n in ((0, 3), (1, 5)):
    torch.manual_seed(seed)
    CASES.append({"init": torch.randn(n), "x": torch.randn(n)})
CASES.append({"init": torch.tensor([2.0]), "x": torch.tensor([-1.0])})  # edge case: a single parameter

# %% starter
w = torch.tensor(init.tolist(), requires_grad=True) * 0.01
loss = (w * x).sum()
loss.backward()
w_grad = w.grad

# %% solution
w = (init * 0.01).requires_grad_()
loss = (w * x).sum()
loss.backward()
w_grad = w.grad

# %% wrong-not-a-leaf fails="type"
w = torch.tensor(init.tolist(), requires_grad=True) * 0.01
loss = (w * x).sum()
loss.backward()
w_grad = w.grad

# %% wrong-scale-in-loss fails="values"
w = init.clone().requires_grad_()
loss = (w * 0.01 * x).sum()
loss.backward()
w_grad = w.grad
