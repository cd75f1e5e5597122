"""torch.Tensor(n) reads n as a size (n uninitialized elements); torch.tensor(n) holds the value n (one element)."""
# exercise: kind="predict" answer="answer"

# %% inputs
import torch

CASES = [{"n": n} for n in (3, 5, 2)]
CASES.append({"n": 1})  # edge case: both have one element

# %% starter
big = torch.Tensor(n)
small = torch.tensor(n)
answer = ...

# %% solution
big = torch.Tensor(n)
small = torch.tensor(n)
answer = (big.numel(), small.numel())

# %% wrong-both-values fails="values"
answer = (1, 1)

# %% wrong-swapped fails="values"
answer = (1, n)
