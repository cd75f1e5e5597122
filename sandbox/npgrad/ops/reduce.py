"""Reductions: sum, mean, max, min, argmax, argmin."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..dtypes import scalar_type
from ..tensor import _dim, counter
from . import summation
from ._core import Node, Tensor, constant, edge, grad_on, keep, out, out_result
from .pointwise import maximum, minimum


def _dims(dim: Any, ndim: int) -> tuple:
    if isinstance(dim, (tuple, list)):
        dims = [_dim(d, ndim) for d in dim]
        for d in dims:
            if dims.count(d) > 1:
                raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
        return tuple(sorted(dims))
    return (_dim(dim, ndim),)


def _spread(g: np.ndarray, shape: tuple) -> np.ndarray:
    """A whole-tensor reduction's gradient: the 0-d ``g`` seen as ``shape``, read-only like np.broadcast_to
    (whose Python-level checks cost more than the rest of the backward step)."""
    if type(g) is not np.ndarray:  # numpy gives scalars for 0-d products
        g = np.asarray(g)
    r = np.ndarray(shape, g.dtype, g, 0, (0,) * len(shape))
    r.flags.writeable = False
    return r


def _regrow(g: np.ndarray, shape: tuple, dims: tuple, keepdim: bool) -> np.ndarray:
    if not keepdim and g.ndim != len(shape):
        g = np.expand_dims(g, dims)
    return np.broadcast_to(g, shape)


class SumBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (_spread(g, self.saved),)


class SumBackward1(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (_regrow(g, *self.saved),)


def _sum_dtype(x: np.ndarray) -> Any:
    return x.dtype if x.dtype.kind == "f" else np.int64


_F32 = np.dtype(np.float32)
_ORDERED = (_F32, np.dtype(np.float64))  # the dtypes whose sums summation adds in torch's order
_IN_ORDER_MAX = 1 << 16  # above this many elements torch's order costs too much Python time: numpy's sum


def _in_torch_order(x: np.ndarray, dims: tuple | None) -> bool:
    """Whether ``summation`` can add these as torch does: float32 or float64, C-contiguous, all elements or the
    last axis."""
    return (
        x.dtype in _ORDERED
        and 0 < x.size <= _IN_ORDER_MAX
        and x.flags.c_contiguous
        and (dims is None or (x.ndim > 0 and dims == (x.ndim - 1,)))
    )


def _column_sum(x: np.ndarray, dims: tuple, keepdim: bool) -> np.ndarray | None:
    """A 2-D float32 tensor's sum over its rows in torch's order, where that order is known (else None)."""
    if x.dtype != _F32 or x.ndim != 2 or dims != (0,) or not x.flags.c_contiguous or not 0 < x.size <= _IN_ORDER_MAX:
        return None
    r = summation.columns_sum(x)
    return r if r is None or not keepdim else r.reshape(1, -1)


def _torch_sum(x: np.ndarray, dims: tuple | None, keepdim: bool) -> np.ndarray:
    if dims is None:
        return summation.total(x)
    r = summation.rows_sum(x.reshape(-1, x.shape[-1]))
    return r.reshape(x.shape[:-1] + ((1,) if keepdim else ()))


def sum(a: Tensor, dim: Any = None, keepdim: bool = False, dtype: Any = None) -> Tensor:
    x = a._data
    if dtype is not None:
        x = x.astype(dtype.np)
    ea = edge(a) if grad_on() else None
    if dim is None:
        r = _torch_sum(x, None, False) if _in_torch_order(x, None) else np.asarray(x.sum(dtype=_sum_dtype(x)))
        return out(r, None if ea is None else SumBackward0((ea,), x.shape))
    dims = _dims(dim, x.ndim)
    if _in_torch_order(x, dims):
        r = _torch_sum(x, dims, keepdim)
    else:
        r = _column_sum(x, dims, keepdim)
        if r is None:
            r = np.asarray(x.sum(axis=dims if x.ndim else None, keepdims=keepdim, dtype=_sum_dtype(x)))
    return out(r, None if ea is None else SumBackward1((ea,), (x.shape, dims, keepdim)))


class MeanBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        shape = self.saved
        return (_spread(np.asarray(g / constant(math.prod(shape), g.dtype)), shape),)


class MeanBackward1(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        shape, dims, keepdim = self.saved
        n = math.prod([shape[d] for d in dims]) if shape else 1
        return (_regrow(g / n, shape, dims, keepdim),)


def mean(a: Tensor, dim: Any = None, keepdim: bool = False, dtype: Any = None) -> Tensor:
    x = a._data
    if dtype is not None:
        x = x.astype(dtype.np)
    if x.dtype.kind != "f":
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point or "
            f"complex dtype. Got: {scalar_type(x.dtype)}"
        )
    ea = edge(a) if grad_on() else None
    if dim is None and x.size:
        if _in_torch_order(x, None):
            r = np.asarray(summation.total(x) / constant(x.size, x.dtype))
        else:
            r = np.asarray(x.sum() / x.size, dtype=x.dtype)
        return out(r, None if ea is None else MeanBackward0((ea,), x.shape))
    with np.errstate(all="ignore"):
        if dim is None:
            r = np.asarray(x.mean(), dtype=x.dtype)
            return out(r, None if ea is None else MeanBackward0((ea,), x.shape))
        dims = _dims(dim, x.ndim)
        columns = None if _in_torch_order(x, dims) else _column_sum(x, dims, keepdim)
        if _in_torch_order(x, dims):
            r = _torch_sum(x, dims, keepdim) / constant(x.shape[-1], x.dtype)
        elif columns is not None:
            r = columns / constant(x.shape[0], _F32)
        else:
            r = np.asarray(x.mean(axis=dims if x.ndim else None, keepdims=keepdim), dtype=x.dtype)
    return out(r, None if ea is None else MeanBackward1((ea,), (x.shape, dims, keepdim)))


class ReturnTypes(tuple):
    """torch.return_types.max and friends: a (values, indices) pair that prints like torch's."""

    _name = ""

    @property
    def values(self) -> Tensor:
        return self[0]

    @property
    def indices(self) -> Tensor:
        return self[1]

    def __repr__(self) -> str:
        return f"torch.return_types.{self._name}(\nvalues={self[0]!r},\nindices={self[1]!r})"


def _return_type(name: str) -> type:
    return type(name, (ReturnTypes,), {"_name": name, "__slots__": (), "__module__": "torch.return_types"})


_RT = {"max": _return_type("max"), "min": _return_type("min")}


class MaxBackward1(Node):
    """Whole-tensor max/min: ties share the gradient evenly, as in torch."""

    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, r = self.saved
        mask = x == r
        return ((g * mask / mask.sum()).astype(x.dtype, copy=False),)


class MinBackward1(MaxBackward1):
    __slots__ = ()


class MaxBackward0(Node):
    """max/min along a dim: the gradient goes to the chosen index."""

    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        shape, d, idx, keepdim = self.saved
        if not keepdim:
            g = np.expand_dims(g, d)
            idx = np.expand_dims(idx, d)
        res = np.zeros(shape, dtype=g.dtype)
        np.put_along_axis(res, idx, g, axis=d)
        return (res,)


class MinBackward0(MaxBackward0):
    __slots__ = ()


def _extreme(a: Tensor, dim: Any, keepdim: bool, name: str) -> Any:
    x = a._data
    if isinstance(dim, Tensor):
        return (maximum if name == "max" else minimum)(a, dim)
    if x.size == 0:
        raise RuntimeError(
            f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
            "Specify the reduction dim with the 'dim' argument."
        )
    ea = edge(a) if grad_on() else None
    if dim is None:
        r = np.asarray(x.max() if name == "max" else x.min())
        cls = MaxBackward1 if name == "max" else MinBackward1
        return out_result(r, None if ea is None else cls((ea,), (x, r)), (keep(a),))
    d = _dim(dim, x.ndim)
    if x.ndim == 0:
        return _RT[name]((out(x.copy(), None), out(np.asarray(0, dtype=np.int64), None)))
    idx = (np.argmax if name == "max" else np.argmin)(x, axis=d, keepdims=True)
    vals = np.take_along_axis(x, idx, axis=d)
    if not keepdim:
        vals = vals.squeeze(d)
        idx = idx.squeeze(d)
    idx = idx.astype(np.int64)
    indices = out(idx, None)
    if ea is None:
        return _RT[name]((out(vals, None), indices))
    node = (MaxBackward0 if name == "max" else MinBackward0)((ea,), (x.shape, d, idx, keepdim))
    node._vers = ((counter(indices), 0, idx, None),)  # torch saves the indices (an output without a grad_fn)
    return _RT[name]((out(vals, node), indices))


def max(a: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    return _extreme(a, dim, keepdim, "max")


def min(a: Tensor, dim: Any = None, keepdim: bool = False) -> Any:
    return _extreme(a, dim, keepdim, "min")


def _arg(a: Tensor, dim: Any, keepdim: bool, fn: Any) -> Tensor:
    x = a._data
    if dim is None:
        r = np.asarray(fn(x), dtype=np.int64)
        if keepdim:
            r = r.reshape((1,) * x.ndim)
        return out(r, None)
    d = _dim(dim, x.ndim)
    return out(np.asarray(fn(x, axis=d, keepdims=keepdim), dtype=np.int64), None)


def argmax(a: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    return _arg(a, dim, keepdim, np.argmax)


def argmin(a: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    return _arg(a, dim, keepdim, np.argmin)
