# %% setup
import torch

x = torch.ones(2, 3)
# %% boom
y = x.view(4)
# %% after
print("never runs")
