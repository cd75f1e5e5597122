"""Computing without recording: torch.no_grad() and detach()."""

# %% setup
import torch

# %% no-grad
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = w * 2
print(y, y.requires_grad)
z = w * 2
print(z.requires_grad)

# %% detach
d = w.detach()
print(d, d.requires_grad)
d[0] = 10.0
w

# %% detach-stops
x = torch.tensor(3.0, requires_grad=True)
y = x * x.detach()
y.backward()
x.grad

# %% update-fails raises="RuntimeError: a leaf Variable that requires grad is being used in an in-place operation."
w = torch.tensor([1.0, 2.0], requires_grad=True)
(w**2).sum().backward()
w -= 0.1 * w.grad

# %% update
with torch.no_grad():
    w -= 0.1 * w.grad
w
