# %% arithmetic
import torch

a = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
b = torch.tensor([10.0, 20.0])
print(a + b, a - b, a * b, a / b, a**2, -a, a // 2, a % 3)
print(a @ a, a.mm(a), a.matmul(b), b.dot(b))
print(a > 2, a == 2, a != 2, a <= 2, (a > 1) & (a < 4), ~(a > 2))
print(a.sum(), a.sum(0), a.sum(1, keepdim=True), a.mean(), a.mean(dim=0))
print(a.max(), a.min(), a.argmax(), a.argmax(dim=1), a.max(dim=0), a.min(1, keepdim=True))
print(a.abs(), a.exp(), a.log(), a.sqrt(), a.sin(), a.cos(), a.tanh(), a.sigmoid(), a.relu())
print(torch.clamp(a, 1.5, 3.5), a.clamp(max=2), torch.abs(-a), torch.sum(a), torch.mean(a))
print(1 / a, 2**a, 10 - a)
# %% promotion
i = torch.tensor([1, 2, 3])
f = torch.tensor([0.5, 1.5, 2.5])
d = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
print(i + f, i * 2, i * 2.5, i / 2, i + d, f + d, i + True)
print(i + torch.tensor(1.5, dtype=torch.float64), f + torch.tensor(1.5, dtype=torch.float64))
print(torch.tensor([True, False]) + 1, torch.tensor([True]) + torch.tensor([True]))
print((i > 1).sum(), (i > 1).dtype, i.sum().dtype, i.float().mean())
print(i.exp(), i.sqrt())
print(torch.tensor([2, 3]) ** 2, torch.tensor([2.0]) ** torch.tensor([3]))
# %% inplace
x = torch.tensor([1.0, 2.0])
x.add_(1).mul_(3)
print(x)
x.zero_()
print(x)
x.fill_(7)
print(x)
x += 1
x *= 2
x /= 4
print(x)
n = torch.tensor([1, 2])
n.add_(1.5)
# %% shape-errors
torch.ones(2, 3) + torch.ones(4)
# %% mm-error
torch.ones(2, 3) @ torch.ones(4, 5)
# %% dot-error
torch.ones(3).dot(torch.ones(4))
# %% mv-error
torch.ones(2, 3) @ torch.ones(4)
# %% mean-int
torch.tensor([1, 2]).mean()
# %% item-error
torch.ones(2).item()
# %% bool-error
bool(torch.ones(2))
# %% pow-int-neg
torch.tensor([1, 2]) ** -1
# %% dtype-mismatch
torch.ones(2, 3) @ torch.ones(3, 2, dtype=torch.float64)
# %% dtype-name-mean
torch.tensor([1, 2]).mean()
# %% dtype-name-dot
torch.dot(torch.tensor([1.0, 2.0]), torch.tensor([1, 2]))
# %% dtype-name-inplace
torch.tensor([1, 2]).add_(torch.tensor([0.5, 1.0]))
# %% dtype-name-type
print(torch.tensor([1.0]).type(), torch.tensor([1]).type(), torch.tensor([True]).type())
