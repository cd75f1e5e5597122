"""Playground: the gradients of Q = 3a³ - b² with backward(gradient=...), then the graph that autograd recorded."""

# %% seed
import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3*a**3 - b**2
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(a.grad)  # dQ/da = 9 a**2
print(b.grad)  # dQ/db = -2 b

# %% graph
x = torch.tensor([1., 2., 3.], requires_grad=True)
w = torch.tensor([0.5, -1., 2.], requires_grad=True)
y = (x * w).sum()
y
