"""A tiny gradient-descent loop that fits a line y = w * x + b."""

# %% setup
import torch

# %% data
x = torch.linspace(0, 1, 11)
y = 2 * x + 1
print(x)
print(y)

# %% fit
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
lr = 0.5
for step in range(201):
    loss = ((w * x + b - y) ** 2).mean()
    if step % 40 == 0:  # the loss of the w and b printed beside it, before this step's update
        print(f"step {step:3d}  loss {loss.item():.3e}  w {w.item():.6f}  b {b.item():.6f}")
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
