"""A silent broadcast: points[:, 0] is (n,); minus an (n, 1) target it gives (n, n), and a wrong mean, no error."""
# exercise: kind="write" answer="loss"

# %% inputs
import torch

CASES = []
for seed, n in ((0, 3), (1, 4), (2, 2)):
    torch.manual_seed(seed)
    CASES.append({"points": torch.randn(n, 2), "target": torch.randn(n, 1)})
CASES.append({"points": torch.tensor([[1.0, 7.0]]), "target": torch.tensor([[3.0]])})  # edge case: a single point

# %% starter
loss = ((points[:, 0] - target) ** 2).mean()

# %% solution
loss = ((points[:, 0:1] - target) ** 2).mean()

# %% wrong-silent-broadcast fails="values"
loss = ((points[:, 0] - target) ** 2).mean()

# %% wrong-second-column fails="values"
loss = ((points[:, 1:2] - target) ** 2).mean()
