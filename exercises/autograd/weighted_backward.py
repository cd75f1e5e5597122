"""gradient=v weights the output's elements: y.backward(gradient=v) adds v * dy/dx, not the plain sum's gradient."""
# exercise: kind="write" answer="y" grads="x"

# %% inputs
import torch

CASES = []
for seed, shape in ((0, (3,)), (1, (4,))):
    torch.manual_seed(seed)
    CASES.append({"x": torch.randn(shape, requires_grad=True), "v": torch.rand(shape)})
CASES.append({"x": torch.tensor([1.0, 2.0], requires_grad=True), "v": torch.tensor([0.0, 0.5])})  # a zero weight
CASES.append({"x": torch.randn(2, 2, requires_grad=True), "v": torch.rand(2, 2)})  # a 2-D output

# %% starter
y = x**2
y.backward()

# %% solution
y = x**2
y.backward(gradient=v)

# %% wrong-plain-sum fails="grad"
y = x**2
y.sum().backward()

# %% wrong-weights-in-output fails="values"
y = v * x**2
y.sum().backward()
