"""softmax and log_softmax, where, and sorting (sort, argsort, topk) with torch's return types."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from ..tensor import _dim
from ._core import Node, Tensor, edge, grad_on, operands, out, unary_node, unbroadcast, widened
from .reduce import _return_type


# --- softmax ---------------------------------------------------------------------------------
class SoftmaxBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        s, d = self.saved
        return ((s * (g - (g * s).sum(axis=d, keepdims=True))).astype(s.dtype, copy=False),)


class LogSoftmaxBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        ls, d = self.saved
        return ((g - np.exp(widened(ls)) * g.sum(axis=d, keepdims=True)).astype(ls.dtype, copy=False),)


def _prepare(a: Tensor, dim: Any, dtype: Any, name: str) -> tuple:
    if dim is None:
        raise TypeError(f"{name}() missing required argument 'dim'; npgrad, like torch, needs the dimension")
    x = a._data
    if dtype is not None:
        x = x.astype(dtype.np)
    if x.dtype.kind != "f":
        raise RuntimeError(f"\"{name}_lastdim_kernel_impl\" not implemented for '{dtypes.scalar_type(x.dtype)}'")
    d = _dim(dim, x.ndim)
    return x, d if x.ndim else None


def _log_softmax_wide(x: np.ndarray, d: Any) -> np.ndarray:
    xw = widened(x)
    m = np.max(xw, axis=d, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(all="ignore"):
        return xw - m - np.log(np.exp(xw - m).sum(axis=d, keepdims=True))


def softmax(a: Tensor, dim: Any = None, dtype: Any = None) -> Tensor:
    x, d = _prepare(a, dim, dtype, "softmax")
    r = np.exp(_log_softmax_wide(x, d)).astype(x.dtype)
    return out(r, unary_node(a, SoftmaxBackward0, (r, d)))


def log_softmax(a: Tensor, dim: Any = None, dtype: Any = None) -> Tensor:
    x, d = _prepare(a, dim, dtype, "log_softmax")
    r = _log_softmax_wide(x, d).astype(x.dtype)
    return out(r, unary_node(a, LogSoftmaxBackward0, (r, d)))


# --- where -----------------------------------------------------------------------------------
class WhereBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        c, sx, sy = self.saved
        zero = np.zeros((), g.dtype)
        gx = unbroadcast(np.where(c, g, zero), sx) if self._next[0] is not None else None
        gy = unbroadcast(np.where(c, zero, g), sy) if self._next[1] is not None else None
        return (gx, gy)


def where(condition: Tensor, input: Any = None, other: Any = None) -> Any:  # noqa: A002 - torch's names
    if not isinstance(condition, Tensor):
        raise TypeError(f"where(): argument 'condition' (position 1) must be Tensor, not {type(condition).__name__}")
    c = condition._data
    if input is None and other is None:
        return tuple(out(i.astype(np.int64), None) for i in np.nonzero(c))
    if c.dtype != np.bool_:
        raise RuntimeError(
            "where expected condition to be a boolean tensor, but got a tensor with dtype "
            f"{dtypes.scalar_type(c.dtype)}"
        )
    x, y, _ = operands(input, other)
    r = np.where(c, x, y)
    es = None
    if grad_on():
        ex = edge(input) if isinstance(input, Tensor) else None
        ey = edge(other) if isinstance(other, Tensor) else None
        if ex is not None or ey is not None:
            es = (ex, ey)
    return out(np.asarray(r), None if es is None else WhereBackward0(es, (c, np.shape(x), np.shape(y))))


# --- sorting ---------------------------------------------------------------------------------
_SORT = _return_type("sort")
_TOPK = _return_type("topk")


class SortBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        shape, idx, d = self.saved
        res = np.zeros(shape, g.dtype)
        if not shape:
            return (g,)
        np.put_along_axis(res, idx, g, axis=d)
        return (res,)


class TopkBackward0(SortBackward0):
    __slots__ = ()


def _order(x: np.ndarray, d: int, descending: bool) -> np.ndarray:
    if descending:
        # stable and descending, ties kept in their original order (torch's stable sort): the ascending order
        # of the reversed values, read backwards, with its positions mapped back
        return (x.shape[d] - 1) - np.flip(np.argsort(np.flip(x, d), axis=d, kind="stable"), d)
    return np.argsort(x, axis=d, kind="stable")


def _sorted(a: Tensor, idx: np.ndarray, d: int, cls: type, rtype: type) -> Any:
    x = a._data
    vals = np.take_along_axis(x, idx, axis=d)
    node = unary_node(a, cls, (x.shape, idx, d)) if x.dtype.kind == "f" else None
    return rtype((out(vals, node), out(idx.astype(np.int64), None)))


def sort(a: Tensor, dim: int = -1, descending: bool = False, stable: bool = False) -> Any:
    x = a._data
    if x.ndim == 0:
        return _SORT((out(x.copy(), unary_node(a, SortBackward0, ((), None, 0))), out(np.zeros((), np.int64), None)))
    d = _dim(dim, x.ndim)
    return _sorted(a, _order(x, d, descending), d, SortBackward0, _SORT)


def argsort(a: Tensor, dim: int = -1, descending: bool = False, stable: bool = False) -> Tensor:
    x = a._data
    if x.ndim == 0:
        return out(np.zeros((), np.int64), None)
    d = _dim(dim, x.ndim)
    return out(_order(x, d, descending).astype(np.int64), None)


def topk(a: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:  # noqa: A002
    x = a._data
    d = _dim(dim, x.ndim)
    n = x.shape[d] if x.ndim else 1
    if not 0 <= k <= n:
        raise RuntimeError("selected index k out of range")
    if x.ndim == 0:
        return _TOPK((out(x.copy(), unary_node(a, TopkBackward0, ((), None, 0))), out(np.zeros((), np.int64), None)))
    idx = np.take(_order(x, d, largest), range(k), axis=d)
    return _sorted(a, idx, d, TopkBackward0, _TOPK)
