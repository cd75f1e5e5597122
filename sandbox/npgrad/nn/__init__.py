"""torch.nn, the part beginners use: Module, Parameter, Linear, Sequential, activations, losses, init.

Anything else in torch.nn (Conv2d, Dropout, ...) raises an error that names it.
"""

# ruff: noqa: F401 - this module re-exports the public names, torch-style

from __future__ import annotations

from typing import Any

from . import functional, init
from .activation import LogSoftmax, ReLU, Sigmoid, Softmax, Tanh
from .containers import ModuleList, Sequential
from .linear import Identity, Linear
from .loss import CrossEntropyLoss, MSELoss, NLLLoss
from .module import Module
from .parameter import Parameter
from .refusal import refuse


def __getattr__(name: str) -> Any:
    return refuse("torch.nn", name)
