"""Mistakes with autograd, each followed by its fix."""

# %% setup
import warnings

import torch

# %% int-grad raises="RuntimeError: Only Tensors of floating point and complex dtype can require gradients"
torch.tensor([1, 2, 3], requires_grad=True)

# %% int-grad-fix
torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# %% nonscalar raises="RuntimeError: grad can be implicitly created only for scalar outputs"
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x**2
y.backward()

# %% nonscalar-fix
y.sum().backward()
x.grad

# %% twice raises="RuntimeError: Trying to backward through the graph a second time"
x.grad = None
loss = (x**2).sum()
loss.backward()
loss.backward()

# %% twice-fix
x.grad = None
loss = (x**2).sum()
loss.backward(retain_graph=True)
loss.backward()
x.grad

# %% forgot-zero
w = torch.tensor(1.0, requires_grad=True)
for _ in range(3):
    (3 * w).backward()
w.grad

# %% forgot-zero-fix
w.grad = None
for _ in range(3):
    (3 * w).backward()
    print(w.grad)
    w.grad.zero_()

# %% inplace-leaf raises="RuntimeError: a leaf Variable that requires grad is being used in an in-place operation."
w = torch.tensor(1.0, requires_grad=True)
(w**2).backward()
w -= 0.1 * w.grad

# %% inplace-leaf-fix
with torch.no_grad():
    w -= 0.1 * w.grad
w

# %% rebind
w = torch.tensor(1.0, requires_grad=True)
(w**2).backward()
w = w - 0.1 * w.grad
print(w, w.is_leaf)

# %% nonleaf-grad
w = torch.rand(3, requires_grad=True) * 0.01
(w * 2).sum().backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(w.is_leaf, w.grad)
print(str(caught[0].message).split(". ")[0])

# %% nonleaf-grad-fix
w = (torch.rand(3) * 0.01).requires_grad_()
(w * 2).sum().backward()
print(w.is_leaf, w.grad)

# %% inplace-saved raises="RuntimeError: one of the variables needed for gradient computation has been modified"
x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x.sigmoid()  # sigmoid's backward pass needs its output h
h.mul_(2)
h.sum().backward()

# %% inplace-saved-fix
h = x.sigmoid()
h = h * 2
h.sum().backward()
x.grad
