"""The graph behind grad_fn, and freeing it after backward."""

# %% setup
import warnings

import torch

# %% grad-fn
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(5.0, requires_grad=True)
c = a * b
d = c + a
print(type(d.grad_fn).__name__)
for fn, _ in d.grad_fn.next_functions:
    print(" ", type(fn).__name__)

# %% accumulate-grad
leaf_node = d.grad_fn.next_functions[1][0]
print(type(leaf_node).__name__, leaf_node.variable is a)

# %% backward-twice raises="RuntimeError: Trying to backward through the graph a second time"
d.backward()
d.backward()

# %% add-twice
a.grad = None
b.grad = None
s = a + b  # an addition saves nothing for its backward pass
s.backward()
s.backward()
print(a.grad, b.grad)

# %% retain
a.grad = None
b.grad = None
e = a * b + a
e.backward(retain_graph=True)
print(a.grad, b.grad)
e.backward()
print(a.grad, b.grad)

# %% nonleaf-grad
x = torch.tensor(2.0, requires_grad=True)
y = x * 3
z = y**2
z.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(x.grad, y.grad)
print(str(caught[0].message).split(". ")[0])

# %% retain-grad
x = torch.tensor(2.0, requires_grad=True)
y = x * 3
y.retain_grad()
(y**2).backward()
print(x.grad, y.grad)
