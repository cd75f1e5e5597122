"""squeeze and unsqueeze remove and insert dimensions of size 1."""

# %% setup
import torch

# %% squeeze
t = torch.arange(4.0).view(2, 1, 2)
print(t.shape)
print(t.squeeze().shape)
print(t.squeeze().data_ptr() == t.data_ptr())
t.squeeze()

# %% squeeze-dim
u = torch.zeros(1, 3, 1)
print(u.squeeze().shape)
print(u.squeeze(0).shape)
print(u.squeeze(1).shape)

# %% unsqueeze
m = torch.zeros(2, 2)
for d in (0, 1, 2, -1, -2, -3):
    print(d, m.unsqueeze(d).shape)
print(m.unsqueeze(0).data_ptr() == m.data_ptr())

# %% unsqueeze-out-of-range raises="IndexError: Dimension out of range"
m.unsqueeze(3)
