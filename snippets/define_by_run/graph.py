"""Define-by-run: autograd records the graph while the Python code runs."""

# %% setup
import torch


def show_graph(fn, depth=0):
    """Print the backward graph that starts at `fn`, one node per line."""
    if fn is None:
        return
    print("  " * depth + type(fn).__name__)
    for child, _ in fn.next_functions:
        show_graph(child, depth + 1)


# %% record
x = torch.tensor(2.0, requires_grad=True)
y = x * 3
z = y + 1
z

# %% walk
show_graph(z.grad_fn)

# %% values-anytime
a = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
h = a * 2
print(h)  # a plain print works in the middle of the forward pass
out = h.sum()
out


# %% branch
def f(x):
    if x.sum() > 0:
        return x * 2
    return x.exp()


pos = f(torch.tensor([1.0, 2.0], requires_grad=True))
neg = f(torch.tensor([-1.0, -2.0], requires_grad=True))
print("positive input:")
show_graph(pos.grad_fn)
print("negative input:")
show_graph(neg.grad_fn)


# %% loop
def shrink(x):
    """Halve x until every element is at most 1 in size."""
    while x.abs().max() > 1:
        x = x / 2
    return x


small = torch.tensor(3.0, requires_grad=True)
large = torch.tensor(10.0, requires_grad=True)
out_small = shrink(small)
out_large = shrink(large)
print("from 3.0:")
show_graph(out_small.grad_fn)
print("from 10.0:")
show_graph(out_large.grad_fn)

# %% loop-grad
out_small.backward()
out_large.backward()
print(small.grad, large.grad)
