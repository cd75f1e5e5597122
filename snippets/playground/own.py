"""Playground: a cell for the reader's own code."""

# %% own
import torch

t = torch.tensor([1., 2., 3.], requires_grad=True)
loss = (t ** 2).mean()
loss.backward()
print(loss)
print(t.grad)
