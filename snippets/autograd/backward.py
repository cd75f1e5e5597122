"""backward() on a scalar, and backward(gradient=...) on a non-scalar."""

# %% setup
import torch

# %% scalar
x = torch.tensor(3.0, requires_grad=True)
y = x**2 + 2 * x
y.backward()
x.grad

# %% seed-q
a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a**3 - b**2
Q

# %% nonscalar-fails raises="RuntimeError: grad can be implicitly created only for scalar outputs"
Q.backward()

# %% seed-backward
external_grad = torch.tensor([1.0, 1.0])
Q.backward(gradient=external_grad)
print(a.grad)
print(b.grad)

# %% by-hand
print(9 * a.detach() ** 2)
print(-2 * b.detach())

# %% same-as-sum
a2 = torch.tensor([2.0, 3.0], requires_grad=True)
b2 = torch.tensor([6.0, 4.0], requires_grad=True)
(3 * a2**3 - b2**2).sum().backward()
print(a2.grad, b2.grad)

# %% weighted
a3 = torch.tensor([2.0, 3.0], requires_grad=True)
Q3 = 3 * a3**3
Q3.backward(gradient=torch.tensor([1.0, 0.5]))
a3.grad

# %% jacobian sandbox="no: torch.autograd.functional is outside the sandbox engine"
J = torch.autograd.functional.jacobian(lambda t: 3 * t**3, torch.tensor([2.0, 3.0]))
print(J)
print(torch.tensor([1.0, 0.5]) @ J)

# %% chain-rule
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x**2  # the first part of a computation: a vector
(3 * y).sum().backward()  # the whole computation ends in a scalar l
print(x.grad)

x.grad = None
y = x**2
y_as_input = y.detach().requires_grad_()  # the rest of the computation, on its own
(3 * y_as_input).sum().backward()
v = y_as_input.grad  # dl/dy
print(v)
y.backward(gradient=v)  # vᵀJ = dl/dy · dy/dx = dl/dx
print(x.grad)

# %% vjp-matrix
M = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
v = torch.tensor([1.0, 10.0])
x = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
y = M @ x
y.backward(gradient=v)
print(x.grad)
print(v @ M)
