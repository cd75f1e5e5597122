"""Computing without recording: torch.no_grad(), torch.inference_mode() and detach()."""

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

# %% no-grad-then-graph
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    doubled = w * 2
print(doubled.is_leaf)
(doubled * w).sum().backward()  # doubled joins a later graph as a constant
print(w.grad)
w.grad = None

# %% inference-mode sandbox="no: npgrad has no inference_mode"
with torch.inference_mode():
    doubled = w * 2
print(doubled.requires_grad, doubled.is_inference())
try:
    doubled._version
except RuntimeError as error:
    print(error)

# %% inference-graph raises="RuntimeError: Inference tensors cannot be saved" sandbox="no: npgrad has no inference_mode"
doubled * w

# %% update-fails raises="RuntimeError: a leaf Variable that requires grad is being used in an in-place operation."
w = torch.tensor([1.0, 2.0], requires_grad=True)
(w**2).sum().backward()
w -= 0.1 * w.grad

# %% update
with torch.no_grad():
    w -= 0.1 * w.grad
w
