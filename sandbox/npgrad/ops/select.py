"""softmax and log_softmax, where, and sorting (sort, argsort, topk) with torch's return types."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes, fidelity, glibc_math, vector_math
from ..fused import fma32
from ..tensor import _dim
from ._core import Node, Tensor, edge, grad_on, operands, out, out_result, unary_node, unbroadcast
from .reduce import _return_type


# --- softmax ---------------------------------------------------------------------------------
# float32 rows follow torch's vectorized kernel step by step (vector_math: its exp, log and order of sums), which
# gives torch's bits; float64 rows use numpy's exp (correctly rounded, as torch's is nearly) and short rows
# summed one after another.
def _exp(x: np.ndarray) -> np.ndarray:
    if x.dtype == np.float32:
        return vector_math.exp(x)
    return np.exp(x)


def _row_sums(x: np.ndarray) -> np.ndarray:
    """Sums along the last axis: torch's order for float32; for float64 one after another for the short rows a
    classifier has, numpy's pairwise sum for longer rows."""
    if x.dtype == np.float32:
        return vector_math.row_sums(x)
    if x.shape[-1] > 8:
        return x.sum(axis=-1, keepdims=True)
    acc = x[..., :1].copy()
    for j in range(1, x.shape[-1]):
        acc += x[..., j : j + 1]
    return acc


def _rows(x: np.ndarray, dim: int) -> np.ndarray:
    """``x`` with ``dim`` moved last; a 0-d array as a row of one."""
    return np.moveaxis(np.atleast_1d(x), dim, -1)


def _back(r: np.ndarray, dim: int, shape: tuple) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(r, -1, dim)).reshape(shape)


def _not_last(x: np.ndarray, dim: int) -> bool:
    """Whether torch takes its kernel for a dimension other than the last (float32 follows it here)."""
    return x.dtype == np.float32 and x.ndim > 0 and dim != x.ndim - 1


def _columns(x: np.ndarray, dim: int) -> np.ndarray:
    """``x`` as (outer, dim, inner), the layout of torch's kernels for a dimension other than the last."""
    return x.reshape(int(np.prod(x.shape[:dim], dtype=np.int64)), x.shape[dim], -1)


def _inner_exp(y: np.ndarray) -> np.ndarray:
    """exp of (outer, dim, inner) values: 16 inner positions at a time with SLEEF's exp, the positions after
    the last whole 16 with the C library's expf (torch's vector and scalar loops)."""
    whole = y.shape[2] // vector_math.LANES * vector_math.LANES
    ex = np.empty_like(y)
    ex[..., :whole] = vector_math.exp(y[..., :whole])
    ex[..., whole:] = glibc_math.expf(y[..., whole:])
    return ex


class SoftmaxBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        result, dim = self.saved
        if _not_last(result, dim):  # the sum of g * y down the dimension, each product fused into it
            y, gc = _columns(result, dim), _columns(g, dim)
            total = np.zeros_like(y[:, 0])
            for d in range(y.shape[1]):
                total = fma32(gc[:, d], y[:, d], total)
            return (((gc - total[:, None]) * y).reshape(result.shape),)
        y, gl = _rows(result, dim), _rows(g, dim)
        dots = vector_math.row_dot_sums(gl, y) if y.dtype == np.float32 else _row_sums(gl * y)
        return (_back((gl - dots) * y, dim, result.shape),)


class LogSoftmaxBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        result, dim = self.saved
        if _not_last(result, dim):
            y, gc = _columns(result, dim), _columns(g, dim)
            total = np.add.reduce(np.ascontiguousarray(np.moveaxis(gc, 1, 0)), axis=0)[:, None, :]
            return (fma32(-_inner_exp(y), total, gc).reshape(result.shape),)
        y, gl = _rows(result, dim), _rows(g, dim)
        if y.dtype == np.float32:  # g - exp(y) * sum, the product fused into the difference
            return (_back(fma32(-_exp(y), _row_sums(gl), gl), dim, result.shape),)
        return (_back(gl - _exp(y) * _row_sums(gl), dim, result.shape),)


def _across(x: np.ndarray, dim: int) -> tuple:
    """For a float32 softmax over a dimension other than the last, as torch's kernel for those computes it: the
    shifted values (outer, dim, inner), their exps and the sums down ``dim`` (one after another)."""
    x3 = _columns(x, dim)
    shifted = x3 - x3.max(axis=1, keepdims=True)
    ex = _inner_exp(shifted)
    sums = np.add.reduce(np.ascontiguousarray(np.moveaxis(ex, 1, 0)), axis=0)[:, None, :]
    return shifted, ex, sums


def softmax_along(a: Tensor, dim: int) -> Tensor:
    """softmax along a checked, non-negative ``dim`` of a float tensor."""
    data = a._data
    if _not_last(data, dim):
        _, ex, sums = _across(data, dim)
        r = (ex / sums).reshape(data.shape)  # this kernel divides
        return out_result(r, unary_node(a, SoftmaxBackward0, (r, dim)))
    x = _rows(data, dim)
    ex = _exp(x - x.max(axis=-1, keepdims=True))
    if x.dtype == np.float32:  # torch multiplies by the sum's reciprocal
        r = _back(ex * (np.float32(1) / _row_sums(ex)), dim, data.shape)
    else:
        r = _back(ex / _row_sums(ex), dim, data.shape)
    return out_result(r, unary_node(a, SoftmaxBackward0, (r, dim)))


def log_softmax_along(a: Tensor, dim: int) -> Tensor:
    """``(x - max) - log(sum(exp(x - max)))`` along a checked ``dim``, as ``softmax_along``."""
    data = a._data
    fidelity.note("log_softmax", data.dtype)
    if _not_last(data, dim):
        shifted, _, sums = _across(data, dim)
        r = (shifted - vector_math.log(sums)).reshape(data.shape)
        return out_result(r, unary_node(a, LogSoftmaxBackward0, (r, dim)))
    x = _rows(data, dim)
    shifted = x - x.max(axis=-1, keepdims=True)
    s = _row_sums(_exp(shifted))
    log_s = vector_math.log(s) if x.dtype == np.float32 else np.log(s)
    r = _back(shifted - log_s, dim, data.shape)
    return out_result(r, unary_node(a, LogSoftmaxBackward0, (r, dim)))


def _along(kernel: Any, a: Tensor, dim: Any, dtype: Any, name: str) -> Tensor:
    """torch.softmax's checks and dtype= around a kernel."""
    if dim is None:
        raise TypeError(f"{name}() missing required argument 'dim'; npgrad, like torch, needs the dimension")
    if dtype is not None:
        a = a.to(dtype)
    if a._data.dtype.kind != "f":
        raise RuntimeError(f"\"{name}_lastdim_kernel_impl\" not implemented for '{dtypes.scalar_type(a._data.dtype)}'")
    return kernel(a, _dim(dim, a._data.ndim))


def softmax(a: Tensor, dim: Any = None, dtype: Any = None) -> Tensor:
    return _along(softmax_along, a, dim, dtype, "softmax")


def log_softmax(a: Tensor, dim: Any = None, dtype: Any = None) -> Tensor:
    return _along(log_softmax_along, a, dim, dtype, "log_softmax")


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


def where(condition: Tensor, input: Any = None, other: Any = None) -> Any:
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


def topk(a: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:
    x = a._data
    d = _dim(dim, x.ndim)
    n = x.shape[d] if x.ndim else 1
    if not 0 <= k <= n:
        raise RuntimeError("selected index k out of range")
    if x.ndim == 0:
        return _TOPK((out(x.copy(), unary_node(a, TopkBackward0, ((), None, 0))), out(np.zeros((), np.int64), None)))
    idx = np.take(_order(x, d, largest), range(k), axis=d)
    return _sorted(a, idx, d, TopkBackward0, _TOPK)
