# %% exp-log-precise
import torch

print(torch.exp(torch.tensor(12.0)), torch.exp(torch.tensor([1.0, 5.0, 10.0, 15.0])))
print(torch.log(torch.tensor([0.5, 2.0, 10.0, 1000.0])))
# %% trig
import math

import torch

x = torch.linspace(0, 2 * math.pi, 9)
print(torch.sin(x), torch.cos(x), x.sin() ** 2 + x.cos() ** 2)
# %% tanh-sigmoid-values
import torch

x = torch.linspace(-6, 6, 13)
print(torch.tanh(x), torch.sigmoid(x), x.relu())
# %% pow-float
import torch

x = torch.tensor([1.5, 2.5, 3.5, 10.0])
print(x**1.5, x**2.7, torch.pow(x, 0.3), x.pow(exponent=-1.5), torch.sqrt(x))
# %% sum-keywords
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(torch.sum(x, dim=0), torch.sum(x, axis=1), x.sum(dim=1, keepdim=True), x.sum(axis=0, keepdims=True))
print(torch.sum(input=x), x.sum((0, 1)), x.sum(dtype=torch.float64))
# %% mean-keywords
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(x.mean(), x.mean(0), torch.mean(x, dim=1, keepdim=True), x.mean(axis=-1))
# %% max-min
import torch

x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
values, indices = torch.max(x, dim=1)
print(values, indices, x.max(), x.min(dim=0), x.argmax(dim=1), x.argmin())
print(torch.max(x, 1, keepdim=True).values)
# %% prod
import torch

x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(x.prod(), torch.prod(x, 0), x.prod(dim=1, keepdim=True), torch.tensor([1, 2, 3, 4]).prod())
# %% cumsum-cumprod
import torch

x = torch.arange(1, 6)
print(x.cumsum(0), torch.cumsum(x, dim=0), x.cumprod(0), torch.cumprod(x.float(), dim=0))
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(m.cumsum(dim=1), m.cumsum(0))
# %% std-var
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
print(x.std(), x.var(), torch.std(x, unbiased=False), x.var(correction=0))
m = torch.tensor([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]])
print(m.std(dim=0), m.var(1, keepdim=True), torch.std(m, dim=1, unbiased=False))
# %% normalize
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 8.0]])
z = (x - x.mean(dim=0)) / x.std(dim=0)
print(z, (x - x.mean()) / x.std())
# %% norm
import torch

v = torch.tensor([3.0, 4.0])
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(v.norm(), torch.norm(v), m.norm(), m.norm(dim=1), m.norm(p=1), torch.norm(m, dim=0, keepdim=True))
print(v / v.norm())
# %% softmax
import torch

logits = torch.tensor([[2.0, 1.0, 0.1], [1.0, 3.0, 0.2]])
print(torch.softmax(logits, dim=1), logits.softmax(dim=-1), torch.softmax(logits, 0))
print(torch.log_softmax(logits, dim=1), logits.log_softmax(1).exp().sum(dim=1))
# %% softmax-by-hand
import torch

x = torch.tensor([1.0, 2.0, 3.0])
by_hand = torch.exp(x) / torch.exp(x).sum()
print(by_hand, torch.softmax(x, dim=0), torch.allclose(by_hand, torch.softmax(x, dim=0)))
# %% logsumexp
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
print(torch.logsumexp(x, dim=1), x.logsumexp(0))
# %% where
import torch

x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0])
print(torch.where(x > 0, x, torch.zeros_like(x)), torch.where(x > 0, x, 0.0), torch.where(x < 0, -x, x))
print(torch.where(x > 0))
# %% clamp
import torch

x = torch.tensor([-2.0, -0.5, 0.5, 2.0])
print(x.clamp(-1, 1), torch.clamp(x, min=0), x.clamp(max=0.0), torch.clip(x, -1, 1))
# %% all-any
import torch

x = torch.tensor([[True, False], [True, True]])
print(x.all(), x.any(), torch.all(x, dim=1), x.any(dim=0), torch.tensor([1, 0, 2]).all())
# %% allclose-equal
import torch

a = torch.tensor([1.0, 2.0])
b = a + 1e-7
print(torch.allclose(a, b), a.allclose(b + 1), torch.equal(a, a.clone()), torch.equal(a, b), a.equal(a))
# %% sort
import torch

x = torch.tensor([3.0, 1.0, 2.0, 5.0, 4.0])
print(torch.sort(x))
print(x.sort(descending=True).values, torch.argsort(x), x.argsort(descending=True))
# %% sort-2d
import torch

m = torch.tensor([[3, 1, 2], [9, 7, 8]])
values, indices = m.sort(dim=1)
print(values, indices, torch.sort(m, 0, descending=True).indices)
# %% topk
import torch

scores = torch.tensor([0.1, 0.7, 0.05, 0.15])
print(torch.topk(scores, 2))
top = scores.topk(k=3)
print(top.values, top.indices, scores.topk(2, largest=False).indices)
# %% argmax-accuracy
import torch

logits = torch.tensor([[2.0, 0.5], [0.1, 1.2], [3.0, 3.5]])
labels = torch.tensor([0, 1, 0])
pred = logits.argmax(dim=1)
print(pred, (pred == labels).float().mean(), (pred == labels).sum().item())
# %% broadcasting
import torch

a = torch.arange(3).reshape(3, 1)
b = torch.arange(2).reshape(1, 2)
print(a + b, (a * b).shape, torch.ones(2, 3) + torch.tensor([1.0, 2.0, 3.0]))
# %% integer-division
import torch

x = torch.tensor([7, -7, 5])
print(x // 2, x % 3, x / 2, torch.div(x, 2, rounding_mode="floor"), torch.floor_divide(x, 2))
# %% add-alpha
import torch

x = torch.tensor([1.0, 2.0])
y = torch.tensor([10.0, 20.0])
print(torch.add(x, y, alpha=0.5), torch.sub(y, x, alpha=2), x.add(other=y), torch.mul(input=x, other=3))
# %% out-keyword
import torch

x = torch.tensor([1.0, 2.0, 3.0])
result = torch.empty(3)
torch.exp(x, out=result)
print(result)
torch.add(x, 1, out=result)
print(result)
# %% matmul-shapes
import torch

a = torch.ones(2, 3)
b = torch.ones(3, 4)
v = torch.ones(3)
print((a @ b).shape, torch.mm(a, b).shape, torch.mv(a, v), (torch.ones(5, 2, 3) @ b).shape, torch.dot(v, v))
# %% comparison-ops
import torch

x = torch.tensor([1, 2, 3])
y = torch.tensor([3, 2, 1])
print(torch.eq(x, y), x.ne(y), torch.gt(x, 1), x.le(other=y), torch.maximum(x, y), torch.minimum(x, y))
# %% abs-neg-sign
import torch

x = torch.tensor([-1.5, 0.0, 2.5])
print(torch.abs(x), x.abs(), -x, torch.neg(x), x.square(), torch.reciprocal(torch.tensor([2.0, 4.0])))
# %% flatten
import torch

x = torch.arange(24).reshape(2, 3, 4)
print(x.flatten().shape, torch.flatten(x, start_dim=1).shape, x.flatten(0, 1).shape)
# %% flip
import torch

x = torch.arange(6).reshape(2, 3)
print(x.flip(0), torch.flip(x, dims=(0, 1)), x.flip(-1))
# %% rounding
import torch

x = torch.tensor([0.5, 1.5, 2.5, -0.7, 3.14159])
print(x.round(), torch.round(x, decimals=2), x.floor(), torch.ceil(x), x.trunc(), x.sign())
# %% more-logs
import torch

x = torch.tensor([1.0, 2.0, 8.0, 100.0])
print(torch.log2(x), x.log10(), torch.log1p(x), torch.expm1(torch.tensor([0.0, 1e-3, 1.0])), x.rsqrt())
# %% nan-checks
import torch

x = torch.tensor([1.0, float("nan"), float("inf"), -float("inf")])
print(torch.isnan(x), x.isinf(), torch.isfinite(x), x[~torch.isnan(x)])
