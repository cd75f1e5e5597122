"""In-place changes to values that backpropagation saved: torch's version counter catches them."""

# %% setup
import torch

# %% version-error raises="RuntimeError: one of the variables needed for gradient computation has been modified"
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
z = y**2  # the backward pass of y**2 needs y: autograd saves it
y.add_(1)
z.sum().backward()

# %% version-counter
y = x * 2
print(y._version)
z = y**2
y.add_(1)
print(y._version)  # saved at version 0, now at 1: backward would refuse

# %% detach-alias raises="RuntimeError: one of the variables needed for gradient computation has been modified"
e = x.exp()  # exp's backward pass needs its output e
e.detach().zero_()  # the detached alias shares e's memory and its version counter
e.sum().backward()

# %% in-place-fix
y = x * 2
z = y**2
y = y + 1  # a new tensor; the saved y is untouched
z.sum().backward()
x.grad
