"""Type promotion: / always gives floats, // keeps integers, a 0-d float64 tensor does not widen a float32 tensor."""
# exercise: kind="predict" answer="answer"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (2, 3)), (1, (4,)), (2, (1,))):
    torch.manual_seed(seed)
    CASES.append(
        {
            "ints": torch.randint(1, 10, shape),
            "x": torch.randn(shape),
            "s": torch.tensor(2.5, dtype=torch.float64),
        }
    )

# %% starter
a = ints / 2
b = ints // 2
c = x + s
answer = ...

# %% solution
a = ints / 2
b = ints // 2
c = x + s
answer = (a.dtype, b.dtype, c.dtype)

# %% wrong-wider-wins fails="values"
answer = (torch.float32, torch.int64, torch.float64)

# %% wrong-integer-division fails="values"
answer = (torch.int64, torch.int64, torch.float32)

# %% wrong-strings fails="type"
answer = ("float32", "int64", "float32")
