# %% no-grad
import torch
from torch.autograd import grad

w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = w * 2
print(y, y.requires_grad, y.grad_fn)
print(torch.is_grad_enabled())


@torch.no_grad()
def double(t):
    return t * 2


print(double(w).requires_grad)
z = w.detach()
print(z, z.requires_grad)
z[0] = 10.0
print(w)
# %% inplace-leaf
w.add_(1)
# %% inplace-leaf-no-grad
with torch.no_grad():
    w.add_(1)
    w.mul_(2)
    w -= 1
print(w)
# %% data
w.data.fill_(0.5)
print(w)
w.data = torch.tensor([3.0, 4.0])
print(w)
# %% autograd-grad
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x**2).sum()
(g,) = torch.autograd.grad(y, x)
print(g, x.grad)
h = x * 3
print(torch.autograd.grad(h.sum(), [x, h]))
print(grad((x * x).sum(), x, retain_graph=True))
# %% autograd-grad-unused
u = torch.tensor(1.0, requires_grad=True)
torch.autograd.grad((x * 2).sum(), [x, u])
# %% autograd-grad-unused-allowed
print(torch.autograd.grad((x * 2).sum(), [x, u], allow_unused=True))
# %% nonleaf-inplace
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
b.add_(1)
print(b)
b.mul_(a)
print(b)
b.sum().backward()
print(a.grad)
# %% setitem-grad
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor(5.0, requires_grad=True)
c = a * 1
c[0] = b * 2
print(c)
c.sum().backward()
print(a.grad, b.grad)
z = torch.zeros(3)
z[1:] = a[:2] ** 2
print(z)
z.sum().backward()
print(a.grad)
# %% chain-long
x = torch.tensor(1.0, requires_grad=True)
y = x
for _ in range(20000):
    y = y * 1.0001
y.backward()
print(x.grad)
# %% shared-input
x = torch.tensor([1.0, -2.0], requires_grad=True)
y = x * x + x.exp() * x - torch.tanh(x)
y.sum().backward()
print(x.grad)
# %% broadcast-grads
a = torch.ones(3, 1, requires_grad=True)
b = torch.arange(4.0, requires_grad=True)
c = (a * b + b - a / (b + 1)).sum()
c.backward()
print(a.grad, b.grad)
M = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
v = torch.tensor([1.0, -1.0], requires_grad=True)
out = (M @ v).pow(2).sum() + (v @ M).sum() + M.max() + M.min(dim=1).values.sum()
out.backward()
print(M.grad, v.grad)
# %% linear-regression
X = torch.arange(10.0).reshape(10, 1) / 10
Y = 3 * X + 2
w = torch.zeros(1, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.5
for epoch in range(200):
    pred = X @ w + b
    loss = ((pred - Y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if epoch % 50 == 0:
        print(epoch, round(loss.item(), 4))
print(w, b)
print(torch.allclose(w, torch.tensor([[3.0]]), atol=1e-2))
# %% grad-layout
w = torch.randn(5, 4, requires_grad=True)
(torch.ones(3, 4) @ w.T).sum().backward()
print(w.grad.is_contiguous(), w.grad.stride())
leaf = torch.randn(4, 3).t().requires_grad_()
(leaf * 2).sum().backward()
print(leaf.is_contiguous(), leaf.grad.is_contiguous(), leaf.grad.stride())
# %% signed_zero_gradients
# where an input gets no gradient, torch writes +0, whatever the sign of the gradient arriving
x = torch.tensor([-1.0, 0.0, 2.0, 5.0], requires_grad=True)
(x.relu() * -3).sum().backward()
print(x.grad)
x.grad = None
(torch.clamp(x, min=0.5, max=3) * -2).sum().backward()
print(x.grad)
x.grad = None
(x.clamp(max=1) * -1).sum().backward()
print(x.grad)
