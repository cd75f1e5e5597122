"""Playground: make a tensor, look at its shape, reshape it and broadcast with it."""

# %% shapes
import torch

x = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
print(x.shape)
print(x.view(3, 2))
x + torch.tensor([10., 20., 30.])
