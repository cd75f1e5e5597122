# %% fft
import torch

torch.fft.fft(torch.ones(4))
# %% linalg-inv
import torch

torch.linalg.inv(torch.eye(2))
# %% dataloader
from torch.utils.data import DataLoader

loader = DataLoader([1, 2, 3], batch_size=2)
# %% tensor-method-missing
import torch

torch.ones(2, 2).stft(4)
# %% einsum
import torch

torch.einsum("ij,jk->ik", torch.ones(2, 2), torch.ones(2, 2))
# %% cuda-tensor
import torch

torch.ones(2).cuda()
# %% norm-inf
import torch

torch.tensor([3.0, -4.0]).norm(p=float("inf"))
# %% matmul-with-number
import torch

torch.ones(2, 2) @ 3
# %% cat-with-number
import torch

torch.cat([torch.ones(2), 1])
# %% dtype-as-string
import torch

torch.ones(2, dtype="float")
