# %% views
import torch

x = torch.arange(12)
v = x.view(3, 4)
v[0, 0] = 100
print(x)
print(v.view(-1, 6), v.view(12), v.reshape(2, -1))
print(v.is_contiguous(), v.t().is_contiguous(), v.t().contiguous().is_contiguous())
r = v.reshape(4, 3)
r[0, 1] = -1
print(x[:3])
r2 = v.t().reshape(12)
r2[0] = 555
print(x[0], r2[:3])
print(x.flatten(), torch.ones(2, 3, 4).flatten(1).shape, torch.ones(2, 3, 4).flatten(0, 1).shape)
# %% view-noncontiguous
torch.arange(6).view(2, 3).t().view(6)
# %% view-bad-size
torch.arange(6).view(5)
# %% view-bad-infer
torch.arange(6).view(-1, 4)
# %% transposes
m = torch.arange(6).reshape(2, 3)
print(m.t(), m.T, m.transpose(0, 1), m.permute(1, 0))
t3 = torch.arange(24).reshape(2, 3, 4)
print(t3.permute(2, 0, 1).shape, t3.transpose(0, 2).shape, t3.transpose(-1, -2).shape)
mt = m.t()
mt[0, 1] = 99
print(m)
# %% squeeze
s = torch.zeros(1, 3, 1, 2)
print(s.squeeze().shape, s.squeeze(0).shape, s.squeeze(1).shape, s.unsqueeze(0).shape, s.unsqueeze(-1).shape)
print(torch.tensor([1, 2, 3]).unsqueeze(1))
# %% expand
e = torch.tensor([[1], [2], [3]])
print(e.expand(3, 4), e.expand(2, 3, 2), e.expand(-1, 2))
# %% expand-error
torch.ones(2, 3).expand(3, 3)
# %% cat-stack
a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5, 6]])
print(torch.cat([a, b]), torch.cat((a, a), dim=1), torch.stack([a, a]), torch.stack([a, a], dim=2))
print(torch.cat([torch.ones(2), torch.zeros(2, dtype=torch.float64)]))
# %% cat-error
torch.cat([torch.ones(2, 3), torch.ones(4, 5)])
# %% stack-error
torch.stack([torch.ones(2, 3), torch.ones(4, 5)])
# %% dim-errors
torch.ones(2, 3).sum(2)
# %% permute-error
torch.ones(2, 3).permute(0)
# %% transpose-error
torch.ones(2, 3).transpose(0, 2)
