"""A first taste of the site's three ideas: tensors, operations and autograd, as shown on the home page."""

# %% tensor
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
x

# %% operation
x @ x + 1

# %% autograd
w = torch.tensor(3.0, requires_grad=True)
loss = (w * 2 - 1) ** 2
loss.backward()
w.grad

# %% shape-error raises="RuntimeError: mat1 and mat2 shapes cannot be multiplied"
torch.ones(2, 3) @ torch.ones(2, 3)
