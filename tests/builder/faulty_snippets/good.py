"""Well-formed: a value, printed text, an expected error, and state shared between cells."""
# %% make
import torch

x = torch.arange(6).view(2, 3)
print("made", tuple(x.shape))
x
# %% bad-view raises="RuntimeError: view size is not compatible"
x.t().view(6)
# %% shared
x.sum().item()
