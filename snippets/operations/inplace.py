"""In-place operations: the trailing underscore, augmented assignment, and names that share one tensor."""

# %% setup
import torch

# %% in-place
x = torch.tensor([1.0, 2.0, 3.0])
address = x.data_ptr()
x.add_(10)  # the trailing _: x itself changes
print(x, x.data_ptr() == address)
x += 1  # augmented assignment writes in place too
print(x, x.data_ptr() == address)
x = x + 1  # a new tensor, then the name x is bound to it
print(x, x.data_ptr() == address)

# %% in-place-alias
a = torch.zeros(3)
b = a  # a second name for the same tensor, not a copy
b += 1
print(a)
c = a.clone()  # a copy
c += 1
print(a, c)

# %% in-place-view
m = torch.zeros(2, 3)
row = m[0]  # a view
row.fill_(7)
m
