"""Which error? A negative slicing step raises ValueError in PyTorch (NumPy would return a reversed view)."""
# exercise: kind="predict" answer="answer"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (4,)), (1, (2, 3))):
    torch.manual_seed(seed)
    CASES.append({"x": torch.randn(shape)})
CASES.append({"x": torch.tensor([5.0])})  # edge case: a single element

# %% starter
answer = ...

# %% solution
try:
    x[::-1]
except Exception as error:  # noqa: BLE001 - whichever exception it is, its class name is the answer
    answer = type(error).__name__

# %% wrong-runtime-error fails="values"
answer = "RuntimeError"

# %% wrong-class-not-name fails="type"
answer = ValueError
