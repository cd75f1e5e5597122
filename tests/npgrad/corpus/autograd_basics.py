# %% seed
import torch

a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a**3 - b**2
print(Q)
Q.backward(gradient=torch.ones(2))
print(a.grad, b.grad)
print(9 * a**2 == a.grad, -2 * b == b.grad)
# %% names
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
M = torch.ones(2, 2, requires_grad=True)
for expr in [
    "x + y",
    "x + 1",
    "1 + x",
    "x - y",
    "x - 1",
    "1 - x",
    "x * y",
    "x * 2",
    "2 * x",
    "x / y",
    "x / 2",
    "2 / x",
    "x ** 2",
    "x ** y",
    "2 ** x",
    "-x",
    "x.abs()",
    "x.exp()",
    "x.log()",
    "x.sqrt()",
    "x.sin()",
    "x.cos()",
    "x.tanh()",
    "x.sigmoid()",
    "x.relu()",
    "x.sum()",
    "M.sum(0)",
    "x.mean()",
    "M.mean(1)",
    "x.max()",
    "M.max(0).values",
    "x.min()",
    "x.dot(y)",
    "M.mm(M)",
    "M @ M",
    "M @ x",
    "x @ y",
    "x.clamp(0, 1)",
    "x.clamp(min=1.5)",
    "M.view(4)",
    "M.reshape(4)",
    "M.t().reshape(4)",
    "M.t()",
    "M.T",
    "M.transpose(0, 1)",
    "M.permute(1, 0)",
    "M.unsqueeze(0)",
    "M.unsqueeze(0).squeeze()",
    "M.unsqueeze(0).squeeze(0)",
    "M.flatten()",
    "x.expand(3, 2)",
    "torch.cat([x, y])",
    "torch.stack([x, y])",
    "x[0]",
    "x[0:1]",
    "x[[0, 1]]",
    "x[x > 1]",
    "M.t().contiguous()",
    "x.clone()",
    "x.double()",
    "torch.relu(x)",
    "torch.sigmoid(x)",
    "torch.exp(x)",
    "torch.matmul(M, M)",
    "M[:, 0]",
    "M[0, 1:]",
    "M[None]",
    "M[...]",
    "M[:]",
    "torch.maximum(x, y)",
    "x.pow(2)",
    "x.square()",
]:
    r = eval(expr)
    nxt = [type(n).__name__ if n is not None else None for n, _ in r.grad_fn.next_functions]
    print(f"{expr:24} {type(r.grad_fn).__name__:22} {nxt}")
# %% leaves
w = torch.tensor(1.0, requires_grad=True)
c = torch.tensor(2.0)
z = w * c
print(w.is_leaf, c.is_leaf, z.is_leaf, z.requires_grad, c.requires_grad)
print(z.grad_fn.next_functions[0][0].variable is w)
# %% accumulate
w = torch.tensor(1.0, requires_grad=True)
for step in range(3):
    loss = 2 * w
    loss.backward()
    print(step, w.grad)
w.grad.zero_()
print(w.grad)
g = w.grad
(3 * w).backward()
print(g, g is w.grad)
w.grad = None
(5 * w).backward()
print(w.grad)
# %% second-backward
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(5.0, requires_grad=True)
d = a * b + a
d.backward()
d.backward()
# %% retain
a.grad = None
e = a * b + a
e.backward(retain_graph=True)
print(a.grad, b.grad)
e.backward()
print(a.grad, b.grad)
# %% add-twice-ok
s = a + b
s.backward()
s.backward()
print(a.grad)
# %% nonscalar
v = torch.tensor([1.0, 2.0], requires_grad=True)
(v * 2).backward()
# %% no-grad-target
torch.ones(2).sum().backward()
# %% wrong-gradient-shape
(v * 2).backward(torch.ones(3))
# %% nonleaf-grad
x = torch.tensor(2.0, requires_grad=True)
y = x * 3
z = y**2
z.backward()
print(x.grad, y.grad)
# %% retain-grad
x = torch.tensor(2.0, requires_grad=True)
y = x * 3
y.retain_grad()
(y**2).backward()
print(x.grad, y.grad, y.retains_grad)
# %% int-requires-grad
torch.tensor([1, 2], requires_grad=True)
# %% requires-grad-flag
t = torch.ones(2)
print(t.requires_grad)
t.requires_grad_()
print(t.requires_grad, t)
t2 = torch.ones(2, dtype=torch.int64)
t2.requires_grad_()
