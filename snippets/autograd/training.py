"""The line fit again, with torch.nn and torch.optim: the first step toward a training loop."""

# %% setup
import torch
from torch import nn

# %% model
x = torch.linspace(0, 1, 11).unsqueeze(1)  # nn.Linear wants (samples, features): (11, 1)
y = 2 * x + 1
model = nn.Linear(1, 1)  # w and b, as model.weight and model.bias
with torch.no_grad():  # start where the hand-written loop started
    model.weight.zero_()
    model.bias.zero_()
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
print(model)
print([name for name, _ in model.named_parameters()])

# %% fit
for step in range(201):
    loss = loss_fn(model(x), y)
    if step % 40 == 0:
        w, b = model.weight.item(), model.bias.item()
        print(f"step {step:3d}  loss {loss.item():.3e}  w {w:.6f}  b {b:.6f}")
    optimizer.zero_grad()  # reset .grad of every parameter
    loss.backward()
    optimizer.step()  # w -= lr * w.grad, inside no_grad, for every parameter

# %% eval-still-records
model.eval()  # changes layers such as dropout and batch norm; recording goes on
print(model(x).requires_grad, type(model(x).grad_fn).__name__)
with torch.no_grad():
    print(model(x).requires_grad)
