# %% from-lists
import numpy as np
import torch

print(torch.tensor([1, 2, 3]))
print(torch.tensor([[1.0, 2.5], [3.0, 4.0]]))
print(torch.tensor([True, False]))
print(torch.tensor(3.5), torch.tensor(7), torch.tensor(True))
print(torch.tensor([1.5, 2], dtype=torch.float64))
print(torch.tensor([[1, 2], [3, 4]], dtype=torch.float32))
torch.tensor([])
# %% factories
print(torch.zeros(2, 3))
print(torch.ones(2, 2, dtype=torch.int64))
print(torch.full((2, 2), 7))
print(torch.full((2,), 0.5))
print(torch.arange(5), torch.arange(1, 4), torch.arange(0, 1, 0.25))
print(torch.linspace(0, 1, 5))
print(torch.linspace(-1, 1, 7))
print(torch.eye(3))
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(torch.zeros_like(x), torch.ones_like(x))
print(torch.Tensor([1, 2]), torch.FloatTensor([3, 4]), torch.LongTensor([5, 6]))
print(torch.zeros(0, 3))
print(torch.zeros(2, 0, dtype=torch.int64))
# %% numpy-bridge

a = np.array([1.0, 2.0, 3.0])
t = torch.from_numpy(a)
print(t)
a[0] = 100.0
print(t)
t.add_(1)
print(a)
u = torch.as_tensor(a)
u[1] = -5
print(a)
c = torch.tensor(a)
c[2] = 0
print(a, c)
print(torch.from_numpy(np.arange(4, dtype=np.int64)).dtype, torch.from_numpy(np.ones(2, dtype=np.float32)))
print(torch.tensor(np.float32(2.5)))
# %% attributes
x = torch.ones(2, 3, 4)
print(x.shape, x.size(), x.size(1), x.size(-1), x.dim(), x.ndim, x.numel(), len(x))
print(x.dtype, x.device, x.is_leaf, x.requires_grad, x.grad_fn)
print(torch.float, torch.double, torch.long, torch.bool, torch.int64)
print(x.shape[0] * 2, list(x.shape), tuple(x.shape))
print(x.dtype == torch.float32, x.dtype is torch.float32)
print(torch.tensor([1, 2]).float().dtype, torch.tensor([1.7, -2.7]).long())
print(torch.tensor([0.0, 2.0]).bool(), torch.tensor([1, 2]).double())
print(torch.tensor([1, 2]).to(torch.float64))
print(torch.tensor(2.5).item(), torch.tensor([1, 2]).tolist(), int(torch.tensor(3)), float(torch.tensor(2)))
