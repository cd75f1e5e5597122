"""Helpers shared by the ops: graph wiring, dtype resolution, broadcasting of gradients."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import AccumulateGrad, Node, _state, accumulator
from ..tensor import Size, Tensor, _wrap

__all__ = [
    "AccumulateGrad",
    "Node",
    "Tensor",
    "_wrap",
    "edge",
    "out",
    "operands",
    "unbroadcast",
    "broadcast_shapes",
    "grad_on",
    "as_tensor_arg",
]


def grad_on() -> bool:
    return _state["grad"]


def edge(t: Any) -> Node | None:
    """The node a gradient for ``t`` flows into, or None when ``t`` needs no gradient."""
    if type(t) is not Tensor and not isinstance(t, Tensor):
        return None
    if t.grad_fn is not None:
        return t.grad_fn
    if t._rg:
        return accumulator(t)
    return None


def out(arr: np.ndarray, node: Node | None) -> Tensor:
    if type(arr) is not np.ndarray:  # numpy turns 0-d results into scalars
        arr = np.asarray(arr)
    t = _wrap(arr)
    if node is not None:
        t.grad_fn = node
        t._rg = True
    return t


def _tier(t: Any) -> tuple:
    if isinstance(t, Tensor):
        return (dtypes.from_numpy_dtype(t._data.dtype), 0 if t._data.ndim else 1)
    if isinstance(t, np.ndarray):
        return (dtypes.from_numpy_dtype(t.dtype), 0 if t.ndim else 1)
    return (dtypes.scalar_dtype(t), 2)


def operands(a: Any, b: Any) -> tuple:
    """(a's array or scalar, b's, result numpy dtype) under torch's promotion rules.

    Python scalars stay Python scalars: numpy 2 then computes in the array's dtype,
    as torch does with a wrapped number.
    """
    ta = type(a) is Tensor
    tb = type(b) is Tensor
    if ta and tb:
        x, y = a._data, b._data
        if x.dtype == y.dtype:
            return x, y, x.dtype
    elif ta and (type(b) is float or type(b) is int):
        x = a._data
        if x.dtype.kind == "f":
            return x, b, x.dtype
    elif tb and type(a) is float:
        y = b._data
        if y.dtype.kind == "f":
            return a, y, y.dtype
    a = as_tensor_arg(a)
    b = as_tensor_arg(b)
    rt = dtypes.result_type([_tier(a), _tier(b)]).np
    x = a._data if isinstance(a, Tensor) else a
    y = b._data if isinstance(b, Tensor) else b
    if isinstance(x, np.ndarray) and x.dtype != rt:
        x = x.astype(rt)
    if isinstance(y, np.ndarray) and y.dtype != rt:
        y = y.astype(rt)
    return x, y, rt


def as_tensor_arg(v: Any) -> Any:
    if isinstance(v, (Tensor, bool, int, float)):
        return v
    if isinstance(v, np.ndarray):
        return _wrap(v)
    if isinstance(v, np.generic):
        return v.item()
    raise TypeError(f"npgrad: unsupported operand type {type(v).__name__}")


def broadcast_shapes(sa: tuple, sb: tuple) -> tuple:
    """numpy's broadcasting with torch's error message."""
    n = max(len(sa), len(sb))
    pa = (1,) * (n - len(sa)) + tuple(sa)
    pb = (1,) * (n - len(sb)) + tuple(sb)
    for i in range(n - 1, -1, -1):  # torch reports the last mismatching dimension
        x, y = pa[i], pb[i]
        if x != y and x != 1 and y != 1:
            raise RuntimeError(
                f"The size of tensor a ({x}) must match the size of tensor b ({y}) at non-singleton dimension {i}"
            )
    return tuple(y if x == 1 else x for x, y in zip(pa, pb, strict=True))


def unbroadcast(g: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum a broadcast gradient back down to ``shape``."""
    if g.shape == shape:
        return g
    extra = g.ndim - len(shape)
    if extra:
        g = g.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, s in enumerate(shape) if s == 1 and g.shape[i] != 1)
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    return g.reshape(shape)


def size_of(shape: tuple) -> Size:
    return Size(shape)
