"""Seeded random tensors. The values differ from torch's generator, but a seed makes them repeatable."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import dtypes
from .creation import _finish
from .tensor import Tensor, _shape_arg

_gen = {"rng": np.random.default_rng(0)}


def manual_seed(seed: int) -> Any:
    _gen["rng"] = np.random.default_rng(int(seed))
    return None


seed = manual_seed


def rand(
    *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False, generator: Any = None
) -> Tensor:
    dt = dtype or dtypes.float32
    arr = _gen["rng"].random(_shape_arg(size), dtype=np.float64).astype(dt.np)
    return _finish(arr, None, device, requires_grad)


def randn(
    *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False, generator: Any = None
) -> Tensor:
    dt = dtype or dtypes.float32
    arr = _gen["rng"].standard_normal(_shape_arg(size)).astype(dt.np)
    return _finish(arr, None, device, requires_grad)


def randint(
    low: int,
    high: Any = None,
    size: Any = None,
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    generator: Any = None,
) -> Tensor:
    if size is None:
        low, high, size = 0, low, high
    if size is None:
        raise TypeError("randint() missing required argument 'size'")
    arr = _gen["rng"].integers(low, high, _shape_arg(tuple(size)), dtype=np.int64)
    return _finish(arr, dtype, device, requires_grad)


def randperm(n: int, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    return _finish(_gen["rng"].permutation(n).astype(np.int64), dtype, device, requires_grad)


def rand_like(t: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    return rand(*t._data.shape, dtype=dtype or dtypes.from_numpy_dtype(t._data.dtype), requires_grad=requires_grad)


def randn_like(t: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    return randn(*t._data.shape, dtype=dtype or dtypes.from_numpy_dtype(t._data.dtype), requires_grad=requires_grad)
