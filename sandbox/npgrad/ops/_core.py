"""Helpers shared by the ops: graph wiring, dtype resolution, broadcasting of gradients."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import OUTPUT, AccumulateGrad, Node, _state, accumulator, short_name
from ..tensor import Size, Tensor, _wrap, counter

_new = object.__new__

__all__ = [
    "OUTPUT",
    "AccumulateGrad",
    "Node",
    "Tensor",
    "_wrap",
    "as_tensor_arg",
    "broadcast_shapes",
    "bump",
    "constant",
    "counter",
    "edge",
    "grad_on",
    "keep",
    "operands",
    "out",
    "out_result",
    "out_view",
    "unbroadcast",
    "zero",
]


def grad_on() -> bool:
    return _state["grad"]


def edge(t: Any) -> Node | None:
    """The node a gradient for ``t`` flows into, or None when ``t`` needs no gradient."""
    if type(t) is not Tensor and not isinstance(t, Tensor):
        return None
    gf = t.grad_fn
    if gf is not None:
        if gf.is_view and gf._gv != t._vc[2]:
            raise NotImplementedError(
                "npgrad does not support using a view of a tensor that was modified in place after the view "
                "was taken (torch re-derives the view's grad_fn); take the view again after the in-place operation"
            )
        return gf
    if t._rg:
        ref = t._accum
        node = ref() if ref is not None else None
        return node if node is not None else accumulator(t)
    return None


def unary_node(a: Tensor, cls: type, saved: Any) -> Node | None:
    """The node of a one-input op, or None where nothing records (grad mode off, or `a` needs no gradient)."""
    if grad_on():
        ea = edge(a)
        if ea is not None:
            return cls((ea,), saved)
    return None


def widened(x: np.ndarray) -> np.ndarray:
    """float32 values as float64 (computed wide, rounded once at the end, as torch's kernels do); others as they are."""
    return x.astype(np.float64) if x.dtype == np.float32 else x


def out(arr: np.ndarray, node: Node | None) -> Tensor:
    if type(arr) is not np.ndarray:  # numpy turns 0-d results into scalars
        arr = np.asarray(arr)
    # _wrap's fields, set here directly: this runs once per operation
    t = _new(Tensor)
    t._data = arr
    t._rg = node is not None
    t.grad_fn = node
    t._grad = None
    t._accum = None
    t._vc = None
    return t


def keep(t: Tensor) -> tuple:
    """The record backward checks to refuse a saved input that was modified in place since."""
    vc = t._vc
    if vc is None:
        vc = counter(t)
    return (vc, vc[0], t._data, t.grad_fn)


def out_result(arr: np.ndarray, node: Node | None, kept: tuple = ()) -> Tensor:
    """``out`` for an op whose backward uses its result (and the inputs ``kept``)."""
    t = out(arr, node)
    if node is not None:
        node._vers = (*kept, (counter(t), 0, t._data, OUTPUT))
    return t


def out_view(a: Tensor, arr: np.ndarray, node: Node | None) -> Tensor:
    """``out`` for a result that shares ``a``'s memory, and so its version counter."""
    t = out(arr, node)
    vc = t._vc = counter(a)
    vc[3] = True
    if node is not None:
        node._gv = vc[2]
    return t


def bump(t: Tensor, node: Node | None = None) -> None:
    """Count an in-place write into ``t``; ``node`` is the grad_fn it gave ``t`` when autograd recorded it."""
    vc = counter(t)
    vc[0] += 1
    if node is not None:
        vc[1] = short_name(node)
        vc[2] += 1


def _tier(t: Any) -> tuple:
    if isinstance(t, Tensor):
        return (dtypes.from_numpy_dtype(t._data.dtype), 0 if t._data.ndim else 1)
    if isinstance(t, np.ndarray):
        return (dtypes.from_numpy_dtype(t.dtype), 0 if t.ndim else 1)
    return (dtypes.scalar_dtype(t), 2)


def operands(a: Any, b: Any) -> tuple:
    """(a's array or scalar, b's, result numpy dtype) under torch's promotion rules.

    A Python number beside a float tensor comes back as a cached 0-d array of the tensor's dtype (``constant``):
    numpy 2 would cast it on every operation, with the same result. Other Python numbers stay Python numbers:
    numpy 2 then computes in the array's dtype, as torch does with a wrapped number.
    """
    if type(a) is Tensor:
        x = a._data
        if type(b) is Tensor:
            y = b._data
            if x.dtype == y.dtype:
                return x, y, x.dtype
        elif (type(b) is float or type(b) is int) and x.dtype.kind == "f":
            return x, constant(b, x.dtype), x.dtype
    elif type(b) is Tensor and (type(a) is float or type(a) is int):
        y = b._data
        if y.dtype.kind == "f":
            return constant(a, y.dtype), y, y.dtype
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


_CONSTANTS: dict = {}


def constant(v: float | int, dt: np.dtype) -> Any:
    """The Python number ``v`` as a read-only 0-d array of the float dtype ``dt``.

    numpy 2 casts a Python number to the array's dtype on every operation (NEP 50), and for lesson-sized arrays
    that cast costs as much as the operation (0.45 against 0.22 µs on 10 elements). Casting once and keeping the
    0-d array gives the same values; torch also casts a wrapped number to the tensor's dtype.
    """
    if not v:  # -0.0 == 0.0: the two must not share a cache entry
        return zero(dt) if math.copysign(1.0, v) > 0 else v
    key = (v, dt)
    c = _CONSTANTS.get(key)
    if c is None:
        if type(v) is int and not -(2**53) <= v <= 2**53:  # numpy's own error or overflow rules apply
            return v
        if len(_CONSTANTS) >= 256:  # a loop over many distinct numbers must not grow the cache
            _CONSTANTS.clear()
        with np.errstate(over="ignore"):  # 1e40 in float32 is inf, silently, as in torch
            c = np.array(v, dt)
        c.flags.writeable = False
        _CONSTANTS[key] = c
    return c


_ZEROS: dict = {}


def zero(dt: np.dtype) -> np.ndarray:
    """A read-only 0-d zero of dtype ``dt`` (see ``constant``; under Pyodide ``np.maximum(x, 0)`` with a Python
    0 takes 40 µs on 8,192 floats, with this 8 µs)."""
    z = _ZEROS.get(dt)
    if z is None:
        z = _ZEROS[dt] = np.zeros((), dt)
        z.flags.writeable = False
    return z


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
    gs = g.shape
    if gs == shape:
        return g
    extra = len(gs) - len(shape)
    if extra:
        g = _sum(g, axis=0 if extra == 1 else tuple(range(extra)))
        gs = g.shape
        if gs == shape:  # a bias's gradient: done, and a fresh array the leaf can keep
            return g
    axes = tuple([i for i, s in enumerate(shape) if s == 1 and gs[i] != 1])
    if axes:
        g = _sum(g, axis=axes, keepdims=True)
    return g.reshape(shape)


_sum = np.add.reduce  # what ndarray.sum calls, without its Python-level wrapper


def size_of(shape: tuple) -> Size:
    return Size(shape)
