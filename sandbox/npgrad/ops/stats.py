"""Products, running sums and products, spread (std, var), norms, logsumexp, all/any: each with its backward.

float32 results are computed in float64 and rounded, as torch accumulates these in double on the CPU.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import mkl_math, vector_math
from ..tensor import _dim
from ..unsupported import not_supported
from ._core import Node, Tensor, _wrap, out, unary_node, widened
from .reduce import _dims, _regrow, mean
from .reduce import sum as reduce_sum


def _float_input(x: np.ndarray, name: str) -> None:
    if x.dtype.kind != "f":
        kind = {"b": "Bool", "i": "Long"}.get(x.dtype.kind, "Long")
        raise RuntimeError(f"\"{name}\" not implemented for '{kind}'")


# --- running sums and products -----------------------------------------------------------------
class CumsumBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        d = self.saved
        # a cumsum of the flipped gradient, accumulated in double as torch's cumsum is
        return (np.flip(np.cumsum(np.flip(widened(g), d), axis=d), d).astype(g.dtype),)


def cumsum(a: Tensor, dim: int, dtype: Any = None) -> Tensor:
    x = a._data
    if dtype is not None:
        x = x.astype(dtype.np)
    d = _dim(dim, x.ndim)
    if x.ndim == 0:
        return out(x.copy(), unary_node(a, CumsumBackward0, 0))
    rt = x.dtype if x.dtype.kind == "f" else np.dtype(np.int64)
    r = np.cumsum(widened(x), axis=d).astype(rt)
    return out(r, unary_node(a, CumsumBackward0, d) if rt.kind == "f" else None)


def _exclusive_products(x: np.ndarray, d: int) -> np.ndarray:
    """For each element, the product of the others along ``d`` (no division: zeros are fine), as torch's
    prod_safe_zeros_backward: the products before it and after it, each a cumprod (accumulated in double and
    rounded to the tensor's dtype, as torch's cumprod), multiplied in the tensor's dtype."""
    n = x.shape[d]
    xw = widened(x)
    ones = np.ones_like(np.take(xw, [0], axis=d))
    left = np.cumprod(np.concatenate([ones, np.take(xw, range(n - 1), axis=d)], axis=d), axis=d)
    rev = np.flip(xw, d)
    right = np.flip(np.cumprod(np.concatenate([ones, np.take(rev, range(n - 1), axis=d)], axis=d), axis=d), d)
    return left.astype(x.dtype) * right.astype(x.dtype)


class CumprodBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, d = self.saved
        # d r_j / d x_i = prod_{k <= j, k != i} x_k for j >= i: sum over j, exactly (x may hold zeros)
        xm = np.moveaxis(widened(x), d, -1)
        gm = np.moveaxis(widened(g), d, -1)
        n = xm.shape[-1]
        res = np.zeros_like(xm)
        for i in range(n):
            others = xm.copy()
            others[..., i] = 1
            prods = np.cumprod(others, axis=-1)
            res[..., i] = (gm[..., i:] * prods[..., i:]).sum(axis=-1)
        return (np.moveaxis(res, -1, d).astype(x.dtype),)


def cumprod(a: Tensor, dim: int, dtype: Any = None) -> Tensor:
    x = a._data
    if dtype is not None:
        x = x.astype(dtype.np)
    d = _dim(dim, x.ndim)
    if x.ndim == 0:
        return out(x.copy(), unary_node(a, CumprodBackward0, (x.reshape(1), 0)))
    rt = x.dtype if x.dtype.kind == "f" else np.dtype(np.int64)
    r = np.cumprod(widened(x), axis=d).astype(rt)
    return out(r, unary_node(a, CumprodBackward0, (x, d)) if rt.kind == "f" else None)


class ProdBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, r = self.saved
        if x.ndim and x.all():  # torch's rule without zeros: g * (result / x), in the tensor's dtype
            with np.errstate(all="ignore"):
                return (g * (r / x),)
        return (g * _exclusive_products(x.reshape(-1), 0).reshape(x.shape),)


class ProdBackward1(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, d, keepdim, r = self.saved
        g = _regrow(g, x.shape, (d,), keepdim)
        if x.all():  # torch's rule without zeros: g * (result / x), in the tensor's dtype
            with np.errstate(all="ignore"):
                return (g * (_regrow(r, x.shape, (d,), keepdim) / x),)
        return (g * _exclusive_products(x, d),)


def prod(a: Tensor, dim: Any = None, keepdim: bool = False, dtype: Any = None) -> Tensor:
    x = a._data
    if dtype is not None:
        x = x.astype(dtype.np)
    rt = x.dtype if x.dtype.kind == "f" else np.dtype(np.int64)
    floating = rt.kind == "f"
    if dim is None:
        if floating and x.size:  # a whole tensor is one contiguous row
            with np.errstate(all="ignore"):  # torch overflows to inf silently
                r = vector_math.prod_rows(x.reshape(1, -1)).reshape(())
        else:
            r = np.asarray(np.prod(widened(x)), dtype=rt)
        return out(r, unary_node(a, ProdBackward0, (x, r)) if floating else None)
    d = _dim(dim, x.ndim)
    if x.ndim == 0:
        return out(x.copy(), unary_node(a, ProdBackward0, (x, x)) if floating else None)
    if floating and x.size:
        with np.errstate(all="ignore"):
            r = vector_math.prod_along(x, d)
        r = np.expand_dims(r, d) if keepdim else r
    else:
        r = np.asarray(np.prod(widened(x), axis=d, keepdims=keepdim), dtype=rt)
    return out(r, unary_node(a, ProdBackward1, (x, d, keepdim, r)) if floating else None)


# --- spread ----------------------------------------------------------------------------------
def _correction(unbiased: Any, correction: Any) -> float:
    if correction is not None:
        if unbiased is not None:
            raise RuntimeError("Cannot specify both unbiased and correction")
        return float(correction)
    return 1.0 if unbiased is None or unbiased else 0.0


def _spread_args(x: np.ndarray, dim: Any, unbiased: Any, correction: Any) -> tuple:
    if isinstance(dim, bool):  # the legacy std(input, unbiased)
        dim, unbiased = None, dim
    c = _correction(unbiased, correction)
    dims = None if dim is None else _dims(dim, x.ndim)
    if dims is not None and x.ndim == 0:
        dims = None
    n = x.size if dims is None else int(np.prod([x.shape[i] for i in dims]))
    return dims, c, n


class VarBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, dims, c, n, keepdim, r = self.saved
        if x.dtype == np.float32:
            return (_var_backward32(g, x, dims, c, n, keepdim, r),)
        xw = widened(x)
        centred = xw - xw.mean(axis=dims, keepdims=True)
        g = _regrow(widened(g), x.shape, dims if dims is not None else tuple(range(x.ndim)), keepdim or dims is None)
        if r is not None:  # std: d std = d var / (2 std)
            g = g / (2 * _regrow(widened(r), x.shape, dims or tuple(range(x.ndim)), keepdim or dims is None))
        with np.errstate(all="ignore"):
            return ((g * 2 * centred / max(n - c, 0)).astype(x.dtype),)


def _var_backward32(g: np.ndarray, x: np.ndarray, dims: Any, c: float, n: int, keepdim: bool, r: Any) -> np.ndarray:
    """torch's var_backward in float32, step by step: (2 / (n - c)) * g * (x - mean); std's first divides g by
    2 * std (0 where std is 0)."""
    shape = x.shape if dims is None else tuple(1 if i in dims else s for i, s in enumerate(x.shape))
    with np.errstate(all="ignore"):
        if r is not None:
            g = np.where(r == 0, np.float32(0), g / (r * np.float32(2)))
        g = np.asarray(g, np.float32).reshape(() if dims is None else shape)
        centre = mean(_wrap(x), None if dims is None else dims, dims is not None)._data
        scale = np.float32(2.0 / (n - c)) if n - c > 0 else np.float32(np.inf)
        return ((scale * g) * (x - centre)).astype(np.float32, copy=False)


class StdBackward0(VarBackward0):
    __slots__ = ()


def _var(a: Tensor, dim: Any, unbiased: Any, keepdim: bool, correction: Any, root: bool) -> Tensor:
    x = a._data
    _float_input(x, "std_var_cpu")
    dims, c, n = _spread_args(x, dim, unbiased, correction)
    xw = widened(x)
    # torch's two passes: the mean in the tensor's dtype (a float32 sum, in torch's order), then the squared
    # deviations from it in double (matched torch's bits in every case tried, equal values included)
    centre = mean(_wrap(x), dim if dims is not None else None, True)._data if x.ndim else x
    with np.errstate(all="ignore"):
        v = ((xw - widened(centre)) ** 2).sum(axis=dims, keepdims=keepdim) / max(n - c, 0)
        r = np.sqrt(v) if root else v
    r = np.asarray(r, dtype=x.dtype)
    cls = StdBackward0 if root else VarBackward0
    return out(r, unary_node(a, cls, (x, dims, c, n, keepdim, r if root else None)))


def var(a: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, correction: Any = None) -> Tensor:
    return _var(a, dim, unbiased, keepdim, correction, False)


def std(a: Tensor, dim: Any = None, unbiased: Any = None, keepdim: bool = False, correction: Any = None) -> Tensor:
    return _var(a, dim, unbiased, keepdim, correction, True)


# --- norms -----------------------------------------------------------------------------------
class LinalgVectorNormBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, p, dims, keepdim, r = self.saved
        all_dims = dims if dims is not None else tuple(range(x.ndim))
        if p == 2 and x.dtype == np.float32:  # torch's norm_backward: g * (x / norm), 0 where the norm is 0
            gf = _regrow(g, x.shape, all_dims, keepdim or dims is None)
            rf = _regrow(r, x.shape, all_dims, keepdim or dims is None)
            with np.errstate(all="ignore"):
                return (gf * np.where(rf == 0, np.float32(0), x / rf),)
        g = _regrow(widened(g), x.shape, all_dims, keepdim or dims is None)
        r = _regrow(widened(r), x.shape, all_dims, keepdim or dims is None)
        xw = widened(x)
        with np.errstate(all="ignore"):
            if p == 1:
                d = np.sign(xw)
            elif p == 2:
                d = np.where(r == 0, 0.0, xw / r)
            else:
                d = np.where(r == 0, 0.0, xw * np.abs(xw) ** (p - 2) / r ** (p - 1))
        return ((g * d).astype(x.dtype),)


def norm(a: Tensor, p: Any = "fro", dim: Any = None, keepdim: bool = False, dtype: Any = None) -> Tensor:
    x = a._data
    if dtype is not None:
        x = x.astype(dtype.np)
    if x.dtype.kind != "f":
        kind = "Long" if x.dtype.kind in "iu" else "Bool"
        raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor as input. Got {kind}")
    if p == "fro" or p is None:
        p = 2
    if isinstance(p, str) or p in (float("inf"), float("-inf"), 0):
        raise not_supported(f"norm(p={p!r})", "npgrad computes p-norms for positive finite p")
    dims = None if dim is None else _dims(dim, x.ndim)
    if p == 2 and x.dtype == np.float32 and x.size and (dims is None or dims == (x.ndim - 1,)):
        # torch's vectorized last-dimension kernel, in its order (a whole tensor is one contiguous row)
        rows = x.reshape(1, -1) if dims is None else x.reshape(-1, x.shape[-1])
        shape = () if dims is None else (*x.shape[:-1], 1) if keepdim else x.shape[:-1]
        r = vector_math.norm2_rows(np.ascontiguousarray(rows)).reshape(shape)
        if dims is None and keepdim:
            r = r.reshape((1,) * x.ndim)
        return out(r, unary_node(a, LinalgVectorNormBackward0, (x, p, dims, keepdim, r)))
    if p == 2 and x.dtype == np.float32 and x.size and dims is not None and len(dims) == 1:
        # another single dimension: torch's generic reduction adds the squares one after another down it
        squares = np.moveaxis(x * x, dims[0], 0)
        r = np.sqrt(np.add.reduce(np.ascontiguousarray(squares), axis=0))
        r = np.expand_dims(r, dims[0]) if keepdim else r
        return out(r, unary_node(a, LinalgVectorNormBackward0, (x, p, dims, keepdim, r)))
    xw = np.abs(widened(x))
    with np.errstate(all="ignore"):
        if p == 2:
            r = np.sqrt((xw * xw).sum(axis=dims, keepdims=keepdim))
        elif p == 1:
            r = xw.sum(axis=dims, keepdims=keepdim)
        else:
            r = (xw**p).sum(axis=dims, keepdims=keepdim) ** (1.0 / p)
    r = np.asarray(r, dtype=x.dtype)
    return out(r, unary_node(a, LinalgVectorNormBackward0, (x, p, dims, keepdim, r)))


class LogsumexpBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, dims, keepdim, r = self.saved
        if x.dtype == np.float32:  # torch's logsumexp_backward: g * exp(x - result), its exp MKL's
            g = _regrow(g, x.shape, dims, keepdim)
            r = _regrow(r, x.shape, dims, keepdim)
            with np.errstate(all="ignore"):
                return (g * mkl_math.exp(x - r),)
        g = _regrow(widened(g), x.shape, dims, keepdim)
        r = _regrow(widened(r), x.shape, dims, keepdim)
        return ((g * np.exp(widened(x) - r)).astype(x.dtype),)


def logsumexp(a: Tensor, dim: Any, keepdim: bool = False) -> Tensor:
    x = a._data
    if x.dtype.kind != "f":
        x = x.astype(np.float32)
    dims = _dims(dim, x.ndim) if x.ndim else ()
    if x.dtype == np.float32 and x.size and dims:
        # torch's steps in float32: exp(x - max) (MKL's exp), its sum kernel, log (MKL's, here rounded from
        # float64: that last step differs from torch's now and then), plus the max
        m = np.max(x, axis=dims, keepdims=True)
        m = np.where(np.isfinite(m), m, np.float32(0))
        with np.errstate(all="ignore"):
            total = reduce_sum(_wrap(mkl_math.exp(x - m)), dims, keepdim)._data
            r = np.log(total.astype(np.float64)).astype(np.float32) + (m if keepdim else m.squeeze(dims))
        r = np.asarray(r, dtype=np.float32)
        return out(r, unary_node(a, LogsumexpBackward0, (x, dims, keepdim, r)))
    xw = widened(x)
    m = np.max(xw, axis=dims, keepdims=True) if x.size else np.zeros(())
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(all="ignore"):
        r = np.log(np.exp(xw - m).sum(axis=dims, keepdims=True)) + m
    if not keepdim:
        r = r.squeeze(dims) if dims else r
    r = np.asarray(r, dtype=x.dtype)
    return out(r, unary_node(a, LogsumexpBackward0, (x, dims, keepdim, r)))


# --- truth tests -----------------------------------------------------------------------------
def _truth(a: Tensor, dim: Any, keepdim: bool, fn: Any) -> Tensor:
    x = a._data
    rt = np.uint8 if x.dtype == np.uint8 else np.bool_
    if dim is None:
        return out(np.asarray(fn(x), dtype=rt), None)
    dims = _dims(dim, x.ndim) if x.ndim else None
    return out(np.asarray(fn(x, axis=dims, keepdims=keepdim), dtype=rt), None)


def all(a: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    return _truth(a, dim, keepdim, np.all)


def any(a: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    return _truth(a, dim, keepdim, np.any)
