"""npgrad: the subset of torch that the lessons use, in pure Python on numpy.

``import npgrad as torch`` runs lesson code unchanged and prints the same text.
Anything outside the subset raises an error that names what is missing.
"""

# ruff: noqa: F401 - this module re-exports the public names, torch-style

from __future__ import annotations

import sys as _sys
from types import SimpleNamespace
from typing import Any

from . import autograd, custom_function, dtypes, methods
from . import random as _random
from .autograd import enable_grad, is_grad_enabled, no_grad, set_grad_enabled
from .creation import (
    BoolTensor,
    DoubleTensor,
    FloatTensor,
    LongTensor,
    arange,
    as_tensor,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    linspace,
    ones,
    ones_like,
    zeros,
    zeros_like,
)
from .dtypes import bool_ as bool
from .dtypes import dtype, float32, float64, int32, int64
from .ops import table
from .ops.index import getitem as _getitem
from .ops.shape import broadcast_shapes
from .printing import set_printoptions
from .random import (
    Generator,
    bernoulli,
    default_generator,
    get_rng_state,
    initial_seed,
    manual_seed,
    normal,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    seed,
    set_rng_state,
)
from .tensor import Size, Tensor, device, tensor
from .unsupported import missing_attribute

methods.bind()
globals().update(table.functions())
_random.bind()

from . import nn, optim  # noqa: E402 - they build on the bound Tensor methods

autograd.Function = custom_function.Function
autograd.function = custom_function
autograd.functional = custom_function.functional
_sys.modules[__name__ + ".autograd.functional"] = custom_function.functional
# `from torch.autograd.functional import jacobian` needs torch.autograd to look like a package to the import system
autograd.__path__ = []

# torch's version that npgrad follows, with a local label saying that this is npgrad standing in for it
__version__ = "2.13.0+npgrad"
# The sandbox's runner reads this: after manual_seed the random functions draw torch's CPU values (generator.py,
# sampling.py; checked value for value against torch), so a cell that draws them needs no notice.
SAME_RANDOM_AS_TORCH = True
# ... and this, after a cell, for the ops it used whose printed digits may differ from torch's (fidelity.py).
from .fidelity import take_used as _prints_differently_used  # noqa: E402

float = float32
double = float64
long = int64
int = int32

cuda = SimpleNamespace(is_available=lambda: False, device_count=lambda: 0)
backends = SimpleNamespace(mps=SimpleNamespace(is_available=lambda: False))


def is_tensor(obj: Any) -> bool:
    return isinstance(obj, Tensor)


def numel(input: Tensor) -> int:
    return input.numel()


def get_default_dtype() -> dtype:
    return dtypes.default_float()


def set_default_dtype(d: dtype) -> None:
    dtypes.set_default_float(d)


def allclose(
    input: Tensor,
    other: Tensor,
    rtol: float = 1e-05,
    atol: float = 1e-08,
    equal_nan: bool = False,
) -> bool:
    if not isinstance(input, Tensor):
        raise TypeError(f"allclose(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    return input.allclose(other, rtol, atol, equal_nan)


def equal(input: Tensor, other: Tensor) -> bool:
    if not isinstance(input, Tensor):
        raise TypeError(f"equal(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    return input.equal(other)


def set_num_threads(n: int) -> None:
    """Accepted for compatibility: npgrad runs on one thread."""


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    raise missing_attribute(f"torch.{name}")


__all__ = [n for n in dir() if not n.startswith("_")]
