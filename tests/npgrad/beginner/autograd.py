# %% first-gradient
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x**2 + 3 * x + 1
y.backward()
print(y, x.grad)
# %% vector-gradient
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x**2).sum()
y.backward()
print(x.grad, x.grad == 2 * x)
# %% seed-example
import torch

a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a**3 - b**2
external_grad = torch.tensor([1.0, 1.0])
Q.backward(gradient=external_grad)
print(9 * a**2 == a.grad, -2 * b == b.grad)
# %% grad-fn-chain
import torch

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
print(y, z, out, type(y.grad_fn).__name__, out.grad_fn.next_functions[0][0] is not None)
# %% accumulate
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
for _ in range(3):
    (w * 2).sum().backward()
print(w.grad)
w.grad.zero_()
print(w.grad)
# %% no-grad
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad, (x * 2).requires_grad, x.detach().requires_grad)
# %% no-grad-decorator
import torch


@torch.no_grad()
def predict(w, x):
    return w * x


w = torch.tensor([2.0], requires_grad=True)
print(predict(w, torch.tensor([3.0])), torch.is_grad_enabled())
# %% retain-grad
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
y.retain_grad()
z = (y**2).sum()
z.backward()
print(y.grad, x.grad, y.is_leaf, x.is_leaf)
# %% autograd-grad
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x**3).sum()
(g,) = torch.autograd.grad(y, x)
print(g, x.grad)
# %% autograd-grad-two-inputs
import torch

a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(5.0, requires_grad=True)
f = a * b + a.exp()
ga, gb = torch.autograd.grad(f, (a, b))
print(ga, gb)
# %% softmax-grad
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
p = torch.softmax(x, dim=0)
p[2].backward()
print(p, x.grad)
# %% log-softmax-nll
import torch

logits = torch.tensor([[2.0, 1.0, 0.1]], requires_grad=True)
target = 0
loss = -torch.log_softmax(logits, dim=1)[0, target]
loss.backward()
print(loss, logits.grad)
# %% std-grad
import torch

x = torch.tensor([1.0, 2.0, 4.0, 7.0], requires_grad=True)
s = x.std()
s.backward()
print(s, x.grad)
# %% norm-grad
import torch

v = torch.tensor([3.0, 4.0], requires_grad=True)
n = v.norm()
n.backward()
print(n, v.grad)
# %% prod-cumsum-grad
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
(x.prod() + x.cumsum(0).sum() + x.cumprod(0).sum()).backward()
print(x.grad)
# %% where-grad
import torch

x = torch.tensor([-1.0, 2.0, -3.0, 4.0], requires_grad=True)
y = torch.where(x > 0, x**2, -x)
y.sum().backward()
print(y, x.grad)
# %% sort-topk-grad
import torch

x = torch.tensor([0.3, -1.0, 2.0, 0.5], requires_grad=True)
top = x.topk(2)
(top.values * torch.tensor([1.0, 10.0])).sum().backward()
print(top, x.grad)
# %% custom-function
import torch


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        (input,) = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


x = torch.tensor([-2.0, -0.5, 1.0, 3.0], requires_grad=True)
y = MyReLU.apply(x)
y.sum().backward()
print(y, x.grad)
# %% custom-function-two-inputs
import torch


class MulAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, k):
        ctx.save_for_backward(a, b)
        ctx.k = k
        return a * b + k

    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        print("needs", ctx.needs_input_grad)
        return g * b, g * a, None


a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0])
out = MulAdd.apply(a, b, 10.0)
out.sum().backward()
print(out, a.grad, b.grad)
# %% custom-function-exp
import torch


class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * result


x = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
Exp.apply(x).sum().backward()
print(x.grad)
# %% custom-function-setup-context
import torch


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return x**3

    @staticmethod
    def setup_context(ctx, inputs, output):
        (x,) = inputs
        ctx.save_for_backward(x)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return 3 * x**2 * g


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = Cube.apply(x)
y.sum().backward()
print(y, x.grad)
# %% jacobian
import torch
from torch.autograd.functional import jacobian


def f(x):
    return x**2 + 2 * x


print(jacobian(f, torch.tensor([1.0, 2.0, 3.0])))
# %% jacobian-two-inputs
import torch


def g(a, b):
    return a * b.sum()


print(torch.autograd.functional.jacobian(g, (torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))))
# %% backward-twice-error
import torch

x = torch.tensor([1.0], requires_grad=True)
y = (x * x).sum()
y.backward()
y.backward()
# %% non-scalar-backward-error
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
(x * 2).backward()
# %% leaf-inplace-error
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
w -= 0.1
# %% numpy-requires-grad-error
import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
w.numpy()
# %% requires-grad-int-error
import torch

torch.tensor([1, 2], requires_grad=True)
