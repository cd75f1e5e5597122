# %% quiet raises="RuntimeError: view size is not compatible"
import torch

torch.ones(2, 3).view(6)
