# %% rand-and-randn
import torch

torch.manual_seed(0)
print(torch.rand(3))
print(torch.rand(2, 3))
print(torch.randn(4))
print(torch.randn(2, 10))
print(torch.rand(2, dtype=torch.float64))
print(torch.randn(3, dtype=torch.float64))
# %% same-seed-same-numbers
torch.manual_seed(123)
a = torch.randn(5)
torch.manual_seed(123)
b = torch.randn(5)
print(a)
print(torch.equal(a, b))
print(torch.initial_seed())
# %% randint-and-randperm
torch.manual_seed(7)
print(torch.randint(0, 10, (8,)))
print(torch.randint(5, (2, 3)))
print(torch.randint(-3, 3, size=(4,)))
print(torch.randperm(10))
idx = torch.randperm(6)
print(torch.arange(6)[idx])
# %% in-place-fills
torch.manual_seed(1)
w = torch.empty(2, 4)
print(w.uniform_(-1, 1))
print(w.normal_(0, 0.01))
print(torch.zeros(5).bernoulli_(0.5))
print(torch.bernoulli(torch.tensor([0.1, 0.5, 0.9, 1.0])))
# %% like-and-normal
torch.manual_seed(2)
x = torch.zeros(2, 3)
print(torch.rand_like(x))
print(torch.randn_like(x))
print(torch.normal(0.0, 1.0, size=(2, 2)))
print(torch.normal(torch.zeros(3), torch.ones(3)))
print(torch.normal(torch.tensor([0.0, 10.0]), 0.1))
# %% generator-objects
g = torch.Generator().manual_seed(42)
torch.manual_seed(0)
print(torch.rand(2, generator=g))
print(torch.rand(2))
print(g.initial_seed())
# %% mini-batches
torch.manual_seed(0)
data = torch.arange(10.0)
perm = torch.randperm(10)
for i in range(0, 10, 4):
    print(data[perm[i : i + 4]])
# %% noisy-line
torch.manual_seed(3)
X = torch.linspace(0, 1, 5)
noise = 0.1 * torch.randn(5)
print(2 * X + 1 + noise)
print(torch.randn(20).mean().item() < 1)
