"""Gradients add up in .grad until you reset them."""

# %% setup
import torch

# %% accumulate
w = torch.tensor(1.0, requires_grad=True)
for step in range(3):
    loss = 2 * w
    loss.backward()
    print(step, w.grad)

# %% zero
w.grad.zero_()
print(w.grad)
(2 * w).backward()
print(w.grad)

# %% set-none
w.grad = None
(5 * w).backward()
w.grad
