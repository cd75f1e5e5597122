# %% basic
import torch

x = torch.arange(12).reshape(3, 4)
print(x[0], x[-1], x[1, 2], x[:, 1], x[1:, ::2], x[..., 0], x[None].shape, x[0, None])
x[0, 0] = -1
x[1] = 0
x[:, 3] = torch.tensor([7, 8, 9])
print(x)
row = x[2]
row[0] = 42
print(x)
# %% advanced
y = torch.arange(10) * 10
print(y[[0, 2, 4]], y[torch.tensor([1, 1, 3])], y[y > 50], y[torch.tensor([True] * 5 + [False] * 5)])
m = torch.arange(12).reshape(3, 4)
print(m[[0, 2]], m[[0, 2], [1, 3]], m[m % 2 == 0], m[:, [0, 3]], m[1, [1, 2]])
m[m > 8] = 0
print(m)
m[[0, 1], [0, 1]] = torch.tensor([100, 200])
print(m)
# %% index-grad
w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
s = w[0, 1] * 2 + w[1, ::2].sum() + w[:, [0, 0]].sum() + w[w > 4].sum()
s.backward()
print(w.grad)
# %% index-error
torch.ones(2, 3)[2]
# %% index-error2
torch.ones(2, 3)[0, 5]
# %% mask-error
torch.ones(2)[torch.tensor([True, False, True])]
# %% iterate
for r in torch.tensor([[1, 2], [3, 4]]):
    print(r, r.sum())
print(len(torch.zeros(5, 2)))
