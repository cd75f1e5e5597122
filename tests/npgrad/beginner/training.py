# %% linear-regression-by-hand
import torch

x = torch.linspace(0, 1, 20)
y = 3 * x + 2
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.5
for epoch in range(100):
    pred = w * x + b
    loss = ((pred - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
print(w, b, loss)
# %% linear-regression-matrix
import torch

X = torch.tensor([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0]])
y = X @ torch.tensor([1.5, -0.5]) + 0.25
W = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for step in range(200):
    loss = ((X @ W + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        W.sub_(0.05 * W.grad)
        b.sub_(0.05 * b.grad)
    W.grad = None
    b.grad = None
print(W, b, loss.item() < 1e-3)
# %% logistic-regression-by-hand
import torch

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 2.0], [2.0, 1.5]])
y = torch.tensor([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for _ in range(300):
    p = torch.sigmoid(X @ w + b)
    loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.5 * w.grad
        b -= 0.5 * b.grad
        w.grad.zero_()
        b.grad.zero_()
print(w, b, loss, ((p > 0.5).float() == y).float().mean())
# %% softmax-classifier-by-hand
import torch

X = torch.tensor([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9], [0.5, 0.5], [0.6, 0.4]])
labels = torch.tensor([0, 0, 1, 1, 2, 2])
W = torch.zeros(2, 3, requires_grad=True)
b = torch.zeros(3, requires_grad=True)
for _ in range(100):
    logits = X @ W + b
    log_probs = torch.log_softmax(logits, dim=1)
    loss = -log_probs[torch.arange(6), labels].mean()
    loss.backward()
    with torch.no_grad():
        W -= 1.0 * W.grad
        b -= 1.0 * b.grad
        W.grad.zero_()
        b.grad.zero_()
print(loss, logits.argmax(dim=1), torch.softmax(logits, dim=1).max(dim=1).values)
# %% mlp-by-hand
import torch

X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
W1 = torch.tensor([[0.5, -0.4, 0.3], [0.2, 0.6, -0.5]], requires_grad=True)
b1 = torch.zeros(3, requires_grad=True)
W2 = torch.tensor([[0.7], [-0.3], [0.5]], requires_grad=True)
b2 = torch.zeros(1, requires_grad=True)
params = [W1, b1, W2, b2]
for step in range(500):
    h = torch.tanh(X @ W1 + b1)
    out = torch.sigmoid(h @ W2 + b2)
    loss = ((out - y) ** 2).mean()
    for p in params:
        p.grad = None
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= 2.0 * p.grad
print(loss, (out > 0.5).float())
# %% gradient-descent-quadratic
import torch

x = torch.tensor([5.0, -3.0], requires_grad=True)
for i in range(50):
    f = (x**2).sum() + x[0] * x[1]
    f.backward()
    with torch.no_grad():
        x -= 0.1 * x.grad
    x.grad.zero_()
print(x, f)
# %% momentum-by-hand
import torch

w = torch.tensor([2.0, -1.0], requires_grad=True)
v = torch.zeros(2)
for _ in range(30):
    loss = (w**2 * torch.tensor([1.0, 10.0])).sum()
    loss.backward()
    with torch.no_grad():
        v = 0.9 * v + w.grad
        w -= 0.01 * v
    w.grad.zero_()
print(w, loss)
# %% minibatches
import torch

X = torch.arange(16.0).reshape(8, 2) / 10
y = X.sum(dim=1, keepdim=True) * 2
w = torch.zeros(2, 1, requires_grad=True)
for epoch in range(20):
    for i in range(0, 8, 4):
        xb, yb = X[i : i + 4], y[i : i + 4]
        loss = ((xb @ w - yb) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= 0.3 * w.grad
            w.grad.zero_()
print(w.flatten(), loss)
# %% nn-linear-sgd
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
X = torch.tensor([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0], [2.0, 0.0, 1.0]])
y = torch.tensor([[1.0], [0.0], [2.0]])
for _ in range(50):
    opt.zero_grad()
    loss = nn.MSELoss()(model(X), y)
    loss.backward()
    opt.step()
print(loss)
# %% nn-classifier-adam
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]])
y = torch.tensor([0, 1, 1, 0])
model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for _ in range(100):
    opt.zero_grad()
    loss = nn.CrossEntropyLoss()(model(X), y)
    loss.backward()
    opt.step()
print(loss, model(X).argmax(dim=1))
# %% nn-functional
import torch
import torch.nn.functional as F

x = torch.tensor([[1.0, -1.0, 2.0]])
print(F.relu(x), F.softmax(x, dim=1))
