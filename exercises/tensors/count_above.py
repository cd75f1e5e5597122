"""No loop: a comparison gives a boolean mask, its sum counts the True elements, and item() turns it into an int."""
# exercise: kind="write" answer="count" requires="no-loop"

# %% inputs
import torch

CASES = []
for seed, shape, threshold in ((0, (4, 5), 0.5), (1, (10,), -1.0), (2, (2, 3, 2), 0.0)):
    torch.manual_seed(seed)
    CASES.append({"x": torch.randn(shape), "threshold": threshold})
CASES.append({"x": torch.tensor([1.0, 2.0, 3.0]), "threshold": 3.0})  # edge case: equal is not greater
CASES.append({"x": torch.tensor(0.7), "threshold": 0.5})  # edge case: a 0-d tensor

# %% starter
count = 0
for value in x.flatten().tolist():
    if value > threshold:
        count += 1

# %% solution
count = (x > threshold).sum().item()

# %% wrong-tensor-not-int fails="type"
count = (x > threshold).sum()

# %% wrong-greater-or-equal fails="values"
count = (x >= threshold).sum().item()

# %% wrong-comprehension fails="property"
count = sum(1 for value in x.flatten().tolist() if value > threshold)
