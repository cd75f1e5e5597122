# %% from-list
import torch

data = [[1, 2], [3, 4]]
x_data = torch.tensor(data)
print(x_data, x_data.dtype, x_data.shape)
# %% from-numpy
import numpy as np
import torch

np_array = np.array([[1, 2], [3, 4]])
x_np = torch.from_numpy(np_array)
print(x_np)
np.multiply(np_array, 2, out=np_array)
print(x_np)
# %% like-functions
import torch

x = torch.tensor([[1, 2], [3, 4]])
print(torch.ones_like(x), torch.zeros_like(x, dtype=torch.float))
print(torch.full_like(x, 7), torch.empty_like(x).shape)
# %% shape-tuple
import torch

shape = (2, 3)
print(torch.ones(shape), torch.zeros(shape), torch.full(shape, 0.5))
# %% sizes-every-spelling
import torch

print(torch.zeros(2, 3).shape, torch.zeros((2, 3)).shape, torch.zeros([2, 3]).shape)
print(torch.ones(torch.Size([2, 1])), torch.zeros(size=(1, 2)))
# %% attributes
import torch

tensor = torch.ones(3, 4)
print(f"Shape of tensor: {tensor.shape}")
print(f"Datatype of tensor: {tensor.dtype}")
print(f"Device tensor is stored on: {tensor.device}")
# %% numpy-bridge
import torch

t = torch.ones(5)
n = t.numpy()
t.add_(1)
print(t, n)
# %% item-tolist
import torch

agg = torch.tensor([[1.0, 2.0], [3.0, 4.0]]).sum()
print(agg.item(), type(agg.item()), torch.tensor([[1, 2], [3, 4]]).tolist())
# %% type-names
import torch

x = torch.tensor([1.0, 2.0])
print(type(x), x.type(), torch.is_tensor(x), torch.is_tensor([1]), type(x.shape))
print(x.long().type(), x.type(torch.float64).dtype, torch.tensor([True]).type())
# %% dtype-conversions
import torch

x = torch.tensor([1.7, -2.3])
print(x.int(), x.long(), x.double(), x.to(torch.int32), x.to(dtype=torch.float64), x.bool())
# %% default-dtype
import torch

print(torch.get_default_dtype(), torch.tensor([1.2]).dtype, torch.tensor([1]).dtype)
torch.set_default_dtype(torch.float64)
print(torch.tensor([1.2]), torch.zeros(2).dtype, torch.tensor([1, 2]) / 2)
torch.set_default_dtype(torch.float32)
# %% arange-linspace
import torch

print(torch.arange(5), torch.arange(1, 4), torch.arange(0, 1, 0.25), torch.linspace(0, 1, 5))
print(torch.arange(6).reshape(2, 3), torch.eye(3))
# %% new-methods
import torch

x = torch.tensor([1.0, 2.0], dtype=torch.float64)
print(x.new_ones(3), x.new_zeros((2, 2)), x.new_full((2,), 3.5), x.new_tensor([1, 2]))
print(torch.tensor([1, 2]).new_ones(2))
# %% indexing-basics
import torch

tensor = torch.ones(4, 4)
print(f"First row: {tensor[0]}")
print(f"First column: {tensor[:, 0]}")
print(f"Last column: {tensor[..., -1]}")
tensor[:, 1] = 0
print(tensor)
# %% joining
import torch

tensor = torch.ones(2, 2)
tensor[:, 1] = 0
t1 = torch.cat([tensor, tensor, tensor], dim=1)
print(t1)
print(torch.stack([tensor, tensor]).shape, torch.cat((tensor, tensor), axis=0).shape)
# %% matrix-ops-three-ways
import torch

tensor = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y1 = tensor @ tensor.T
y2 = tensor.matmul(tensor.T)
y3 = torch.rand_like(y1) * 0
torch.matmul(tensor, tensor.T, out=y3)
print(y1, y2, y3)
# %% elementwise-three-ways
import torch

tensor = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
z1 = tensor * tensor
z2 = tensor.mul(tensor)
z3 = torch.zeros_like(tensor)
torch.mul(tensor, tensor, out=z3)
print(z1, z2, z3)
# %% inplace-ops
import torch

tensor = torch.ones(2, 3)
print(f"{tensor} \n")
tensor.add_(5)
print(tensor)
tensor.mul_(2).sub_(1)
print(tensor)
# %% view-reshape
import torch

x = torch.arange(12)
print(x.view(3, 4), x.view(-1, 6).shape, x.reshape(2, 2, 3).shape, x.view(3, 4).t().contiguous().view(-1))
# %% squeeze-unsqueeze
import torch

x = torch.zeros(2, 1, 3)
print(x.squeeze().shape, x.squeeze(1).shape, x.unsqueeze(0).shape, torch.unsqueeze(x, dim=-1).shape)
# %% permute-transpose
import torch

x = torch.arange(24).reshape(2, 3, 4)
print(x.permute(2, 0, 1).shape, x.transpose(0, 2).shape, torch.permute(x, (1, 0, 2)).shape, x.mT.shape)
# %% size-dim-numel
import torch

x = torch.ones(2, 3, 4)
print(x.size(), x.size(1), x.size(dim=-1), x.dim(), x.ndim, x.numel(), torch.numel(x), len(x))
# %% printing-large
import torch

print(torch.arange(2000.0))
print(torch.arange(12.0).reshape(3, 4) / 7)
# %% printing-sci
import torch

print(torch.tensor([1e-5, 1.0, 1e5]), torch.tensor([123456789.0]), torch.tensor(3.14159))
# %% printing-options
import torch

torch.set_printoptions(precision=2)
print(torch.tensor([1.23456, 2.34567]))
torch.set_printoptions(precision=4)
print(torch.tensor([1.23456, 2.34567]))
# %% bool-masks
import torch

x = torch.tensor([1.0, -2.0, 3.0, -4.0])
mask = x > 0
print(mask, x[mask], x[~mask], mask.sum(), mask.float().mean(), mask.all(), mask.any())
# %% clone-detach
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.clone()
c = a.detach()
print(b, c, b.requires_grad, c.requires_grad)
# %% device
import torch

device = "cuda" if torch.cuda.is_available() else "cpu"
x = torch.ones(2, device=device)
print(device, x.device, x.to(device), x.cpu())
# %% version
import torch

print(torch.__version__.split("+")[0])
