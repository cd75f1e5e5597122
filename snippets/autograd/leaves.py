"""requires_grad, leaf tensors and the tensors computed from them."""

# %% setup
import torch

# %% requires-grad
w = torch.tensor([2.0, 3.0], requires_grad=True)
plain = torch.tensor([2.0, 3.0])
print(w.requires_grad, plain.requires_grad)
y = w * plain
y

# %% not-recorded
print((w > 2).requires_grad, w.argmax().requires_grad)  # bool and integer results
with torch.no_grad():
    print((w * 2).requires_grad)

# %% leaves
print(w.is_leaf, plain.is_leaf, y.is_leaf)
print(w.grad_fn, type(y.grad_fn).__name__)

# %% scaled-not-leaf
small = torch.rand(3, requires_grad=True) * 0.01  # the leaf is torch.rand's result; small is a product
print(small.is_leaf, type(small.grad_fn).__name__)
small = (torch.rand(3) * 0.01).requires_grad_()  # scale first, then start recording
print(small.is_leaf, small.grad_fn)

# %% requires-grad-later
later = torch.zeros(3)
later.requires_grad_()
later

# %% int-requires-grad raises="RuntimeError: Only Tensors of floating point and complex dtype can require gradients"
torch.tensor([1, 2, 3], requires_grad=True)
