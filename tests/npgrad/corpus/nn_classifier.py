# %% synthetic-data
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
n_per_class = 30
centers = torch.tensor([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]])
X = torch.cat([c + 0.6 * torch.randn(n_per_class, 2) for c in centers])
y = torch.cat([torch.full((n_per_class,), k) for k in range(3)])
print(X.shape, y.shape, y.dtype)
print(X[:3])
print(y[::15])
# %% model-and-loss
model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))
loss_fn = nn.CrossEntropyLoss()
print(model)
print(loss_fn)
logits = model(X[:4])
print(logits)
print(loss_fn(logits, y[:4]))
print(F.softmax(logits, dim=1))
print(F.log_softmax(logits, dim=1))
# %% train-with-adam
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
print(optimizer)
for epoch in range(50):
    optimizer.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    optimizer.step()
    if epoch % 10 == 9:
        acc = (model(X).argmax(dim=1) == y).float().mean()
        print(f"epoch {epoch + 1:2d} loss {loss.item():.4f} accuracy {acc.item():.3f}")
# %% predict
with torch.no_grad():
    probs = F.softmax(model(torch.tensor([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]])), dim=1)
print(probs.argmax(dim=1))
print(probs.sum(dim=1))
# %% cross-entropy-by-hand
torch.manual_seed(2)
z = torch.randn(5, 4, requires_grad=True)
t = torch.tensor([0, 3, 1, 1, 2])
ce = F.cross_entropy(z, t)
manual = F.nll_loss(F.log_softmax(z, dim=1), t)
print(ce, manual)
ce.backward()
print(z.grad)
print(F.cross_entropy(z, t, reduction="sum"), F.cross_entropy(z, t, reduction="none"))
# %% amsgrad-and-weight-decay
torch.manual_seed(4)
clf = nn.Linear(4, 3)
opt = torch.optim.Adam(clf.parameters(), lr=0.01, weight_decay=0.01, amsgrad=True)
xs, ts = torch.randn(16, 4), torch.randint(0, 3, (16,))
for _ in range(20):
    opt.zero_grad()
    F.cross_entropy(clf(xs), ts).backward()
    opt.step()
print(clf.weight)
print(opt.state[clf.weight]["step"])
# %% sigmoid-binary
torch.manual_seed(6)
net = nn.Sequential(nn.Linear(3, 4), nn.Sigmoid(), nn.Linear(4, 1))
out = net(torch.randn(2, 3))
print(out, torch.sigmoid(out))
