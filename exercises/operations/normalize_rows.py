"""keepdim=True keeps row sums as a column, so each row is divided by its own sum (square inputs: no error warns)."""
# exercise: kind="write" answer="shares"

# %% inputs
import torch

CASES = []
for seed, n in ((0, 3), (1, 4), (2, 2)):
    torch.manual_seed(seed)
    CASES.append({"scores": torch.rand(n, n) + 0.1})
CASES.append({"scores": torch.tensor([[4.0]])})  # edge case: a 1 x 1 matrix

# %% starter
shares = scores / scores.sum(dim=1)

# %% solution
shares = scores / scores.sum(dim=1, keepdim=True)

# %% wrong-column-sums fails="values"
shares = scores / scores.sum(dim=0, keepdim=True)

# %% wrong-total-sum fails="values"
shares = scores / scores.sum()
