"""Elementwise arithmetic, comparisons and unary functions, each with its backward rule."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import fidelity, glibc_math, mkl_math, vector_math
from ..autograd import _state
from ..dtypes import default_float
from ..fused import fma64, one_minus_square32
from ._core import (
    Node,
    Tensor,
    broadcast_shapes,
    constant,
    edge,
    grad_on,
    keep,
    operands,
    out,
    out_result,
    unbroadcast,
    zero,
)

_quiet = np.errstate  # torch returns inf/nan silently where numpy would warn
_F32, _F64 = np.dtype(np.float32), np.float64
_BLOCK = 32  # floats per step of torch's vectorized loop (measured: smaller tensors are all 'leftovers')


def _precise(fn: Any, x: np.ndarray) -> np.ndarray:
    """``fn(x)`` for a float array, float32 computed in float64 and rounded: numpy's float32 log, sin, cos, tanh
    and pow are less accurate than torch's, while the rounded float64 result is torch's in 95 to 99.9 of 100 cases
    (tests/npgrad/test_npgrad_printed_numbers.py; torch's own are MKL's, within an ulp; exp follows MKL's steps,
    npgrad/mkl_math.py)."""
    if x.dtype == _F32:
        return fn(x.astype(_F64)).astype(_F32)
    return fn(x)


def _shapes(e: tuple, x: Any, y: Any) -> tuple:
    """The operands' shapes for a sum's backward; None for a side that takes no gradient."""
    return (None if e[0] is None else x.shape, None if e[1] is None else y.shape)


def _ub(g: np.ndarray, v: Any) -> np.ndarray:
    return unbroadcast(g, v.shape) if g.shape != v.shape else g


def _apply(fn: Any, x: Any, y: Any) -> np.ndarray:
    try:
        return fn(x, y)
    except ValueError:
        broadcast_shapes(np.shape(x), np.shape(y))  # raises torch's message
        raise


def _graph(a: Any, b: Any) -> tuple | None:
    """The two edges when the result needs a graph node, else None."""
    if not _state["grad"]:
        return None
    # skip the call for what needs no gradient: numbers, and tensors outside the graph
    ea = None if type(a) in _NUMBERS or (type(a) is Tensor and not a._rg) else edge(a)
    eb = None if type(b) in _NUMBERS or (type(b) is Tensor and not b._rg) else edge(b)
    if ea is None and eb is None:
        return None
    return (ea, eb)


_NUMBERS = {int, float, bool}


def _crossed(a: Any, b: Any, e: tuple) -> tuple | None:
    """What torch saves for a product rule: each operand that the other's gradient needs."""
    kept = (keep(a),) if e[1] is not None and type(a) is Tensor else ()
    if e[0] is not None and type(b) is Tensor:
        kept += (keep(b),)
    return kept or None


def _both(a: Any, b: Any) -> tuple:
    return tuple(keep(t) for t in (a, b) if type(t) is Tensor)


# --- binary arithmetic -------------------------------------------------------------------
class AddBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        sa, sb = self.saved
        return (
            unbroadcast(g, sa) if sa is not None and sa != g.shape else g,
            unbroadcast(g, sb) if sb is not None and sb != g.shape else g,
        )


class SubBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        sa, sb = self.saved
        gb = None
        if self._next[1] is not None:
            gb = -(unbroadcast(g, sb) if sb != g.shape else g)
        return (unbroadcast(g, sa) if sa is not None and sa != g.shape else g, gb)


class RsubBackward1(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (-g,)


def add(a: Any, b: Any, alpha: Any = 1) -> Tensor:
    if alpha != 1:
        b = mul(b, alpha)
    x, y, _ = operands(a, b)
    try:  # _apply, inlined: this runs once per arithmetic operation
        r = np.add(x, y)
    except ValueError:
        broadcast_shapes(np.shape(x), np.shape(y))  # raises torch's message
        raise
    e = _graph(a, b)
    return out(r, None if e is None else AddBackward0(e, _shapes(e, x, y)))


def sub(a: Any, b: Any, alpha: Any = 1) -> Tensor:
    if alpha != 1:
        b = mul(b, alpha)
    x, y, rt = operands(a, b)
    if rt == np.bool_:
        raise RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. "
            "Use the `^` or `logical_xor()` operator instead."
        )
    try:  # _apply, inlined: this runs once per arithmetic operation
        r = np.subtract(x, y)
    except ValueError:
        broadcast_shapes(np.shape(x), np.shape(y))  # raises torch's message
        raise
    e = _graph(a, b)
    return out(r, None if e is None else SubBackward0(e, _shapes(e, x, y)))


def rsub(a: Any, b: Any) -> Tensor:
    """``b - a`` with ``a`` the tensor and ``b`` a Python scalar."""
    x, y, _ = operands(b, a)
    r = _apply(np.subtract, x, y)
    ea = edge(a) if grad_on() else None
    return out(r, None if ea is None else RsubBackward1((ea,)))


class MulBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y = self.saved
        na, nb = self._next
        return (
            _ub(g * y, x) if na is not None else None,
            _ub(g * x, y) if nb is not None else None,
        )


def mul(a: Any, b: Any) -> Tensor:
    x, y, _ = operands(a, b)
    try:  # _apply, inlined: this runs once per arithmetic operation
        r = np.multiply(x, y)
    except ValueError:
        broadcast_shapes(np.shape(x), np.shape(y))  # raises torch's message
        raise
    e = _graph(a, b)
    if e is None:
        return out(r, None)
    node = MulBackward0(e, (x, y))
    node._vers = _crossed(a, b, e)
    return out(r, node)


class DivBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y = self.saved
        na, nb = self._next
        with _quiet(all="ignore"):
            ga = _ub(g / y, x) if na is not None else None
            gb = _ub(-g * x / (y * y), y) if nb is not None else None
        return (ga, gb)


def div(a: Any, b: Any, rounding_mode: str | None = None) -> Tensor:
    if rounding_mode is not None:
        if rounding_mode != "floor":
            raise NotImplementedError(f"npgrad: div(rounding_mode={rounding_mode!r}) is not supported")
        return floor_divide(a, b)
    x, y, rt = operands(a, b)
    if rt.kind != "f":  # true division of integers gives the default float dtype
        ft = default_float().np
        x = x.astype(ft) if isinstance(x, np.ndarray) else float(x)
        y = y.astype(ft) if isinstance(y, np.ndarray) else float(y)
    with _quiet(all="ignore"):
        r = _apply(np.true_divide, x, y)
    e = _graph(a, b)
    if e is None:
        return out(r, None)
    node = DivBackward0(e, (x, y))
    # the divisor always; the dividend only for the divisor's gradient
    kept = (keep(b),) if type(b) is Tensor else ()
    node._vers = ((*kept, keep(a)) if e[1] is not None and type(a) is Tensor else kept) or None
    return out(r, node)


def rdiv(a: Any, b: Any) -> Tensor:
    """``b / a`` for a Python scalar ``b``: torch computes ``reciprocal(a) * b``."""
    return mul(reciprocal(a), b)


def floor_divide(a: Any, b: Any) -> Tensor:
    x, y, _ = operands(a, b)
    with _quiet(all="ignore"):
        return out(_apply(np.floor_divide, x, y), None)


def remainder(a: Any, b: Any) -> Tensor:
    x, y, _ = operands(a, b)
    with _quiet(all="ignore"):
        return out(_apply(np.remainder, x, y), None)


def _scalar_pow(x: np.ndarray, e: float) -> np.ndarray:
    """``x ** e`` for a float array, computed as torch's CPU kernel computes the exponents it special-cases
    (products, square roots, reciprocals) so that those agree with torch bit for bit; other exponents use pow()."""
    if e == 2:
        return x * x
    if e == 3:
        return x * x * x
    if e == 0.5:
        fidelity.note("sqrt", x.dtype)
        return np.sqrt(x)
    if e == -1:
        return np.reciprocal(x)
    if e == -0.5:
        return np.reciprocal(np.sqrt(x))
    if e == -2:
        return np.reciprocal(x * x)
    if x.dtype == _F32:
        return _pow32(x, e)
    return np.power(x, e)


def _pow32(x: np.ndarray, e: float) -> np.ndarray:
    """float32 ``x ** e`` as torch's loop computes it (_in_blocks): SLEEF's powf on whole blocks (vector_math.pow,
    the exponent cast to float32), the other elements in double precision with the exponent in double."""
    return _in_blocks(x, lambda v: vector_math.pow(v, e), lambda v: (v.astype(_F64) ** e).astype(_F32))


def _in_blocks(x: np.ndarray, vector: Any, scalar: Any) -> np.ndarray:
    """An elementwise float32 op the way torch's vectorized loop (cpu_kernel_vec) splits it: its iterator orders
    the axes by stride and merges those that lie end to end in memory into runs; ``vector`` takes whole blocks of
    32 floats of each run, ``scalar`` the elements after them. A tensor whose smallest stride is not one element
    runs element by element (``scalar`` throughout)."""
    if x.size < _BLOCK:  # no whole block anywhere
        return scalar(x)
    if x.flags.c_contiguous:
        return _whole_run(x.reshape(1, -1), vector, scalar).reshape(x.shape)
    axes = sorted((a for a in range(x.ndim) if x.shape[a] > 1), key=lambda a: x.strides[a])
    if x.strides[axes[0]] != x.itemsize:
        return scalar(x)
    merged = 1
    while merged < len(axes):
        inner, outer = axes[merged - 1], axes[merged]
        if x.strides[outer] != x.strides[inner] * x.shape[inner]:
            break
        merged += 1
    run_axes = axes[:merged][::-1]  # outermost first, so that a reshape reads them in memory order
    rest = [a for a in range(x.ndim) if a not in run_axes]
    order = rest + run_axes
    moved = np.transpose(x, order)
    run = int(np.prod([x.shape[a] for a in run_axes]))
    rows = moved.reshape(-1, run)
    r = _whole_run(rows, vector, scalar).reshape(moved.shape)
    return np.ascontiguousarray(np.transpose(r, np.argsort(order)))


def _whole_run(rows: np.ndarray, vector: Any, scalar: Any) -> np.ndarray:
    """``vector`` on each row's whole blocks of 32, ``scalar`` on the rest."""
    whole = rows.shape[1] // _BLOCK * _BLOCK
    r = np.empty(rows.shape, _F32)
    if whole:
        r[:, :whole] = vector(rows[:, :whole])
    if whole < rows.shape[1]:
        r[:, whole:] = scalar(rows[:, whole:])
    return r


class PowBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, p = self.saved
        if p == 0:
            return (np.zeros_like(x),)
        if p == 2:
            return (g * (x + x),)  # torch's 2 * x.pow(1), exactly, without a cast of the 2
        # torch's order of operations: grad * (p * x.pow(p - 1))
        if p == 3:
            return (g * (constant(3, x.dtype) * (x * x)),)
        if type(p) is int and p > 0:
            # as in the forward pass, a positive integer power cannot make nan: no need to silence numpy
            return (g * (constant(p, x.dtype) * _scalar_pow(x, p - 1)),)
        with _quiet(all="ignore"):
            return (g * (constant(p, x.dtype) * _scalar_pow(x, p - 1)).astype(x.dtype, copy=False),)


class PowBackward1(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y, r = self.saved
        na, nb = self._next
        with _quiet(all="ignore"):
            ga = _ub(g * y * x ** (y - 1), x) if na is not None else None
            gb = None
            if nb is not None:
                d = r * np.log(x)
                d = np.where((x == 0) & (y >= 0), 0, d)
                gb = _ub(g * d, y)
        return (ga, gb)


class PowBackward2(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        base, r = self.saved
        with _quiet(all="ignore"):
            return (g * r * np.log(np.asarray(base, dtype=r.dtype)),)


def pow(a: Any, b: Any) -> Tensor:
    if (type(b) is int or type(b) is float) and type(a) is Tensor and a._data.dtype.kind == "f":
        # a float tensor to a Python number, the common ``x ** 2``: no promotion to resolve
        x = a._data
        if type(b) is int and b >= 0:  # cannot make nan: skip the cost of silencing numpy
            r = _scalar_pow(x, b)
        else:
            with _quiet(all="ignore"):
                r = _scalar_pow(x, b)
        if not (a._rg and _state["grad"]):
            return out(r, None)
        node = PowBackward0((edge(a),), (x, b))
        node._vers = (keep(a),)
        return out(r, node)
    x, y, rt = operands(a, b)
    if rt.kind in "iu" and np.any(np.asarray(y) < 0):
        raise RuntimeError("Integers to negative integer powers are not allowed.")
    if type(y) is int and y >= 0:  # cannot produce nan; skip the cost of silencing warnings
        r = np.power(x, y)
    else:
        with _quiet(all="ignore"):
            r = _apply(np.power, x, y)
    if isinstance(r, np.ndarray) and r.dtype != rt:
        r = r.astype(rt)
    if not grad_on():
        return out(r, None)
    if not isinstance(b, Tensor):
        ea = edge(a)
        if ea is None:
            return out(r, None)
        node = PowBackward0((ea,), (x, y))
        node._vers = (keep(a),)
        return out(r, node)
    e = _graph(a, b)
    if e is None:
        return out(r, None)
    return out_result(r, PowBackward1(e, (x, y, r)), _both(a, b))


def rpow(a: Any, b: Any) -> Tensor:
    """``b ** a`` for a Python scalar ``b``."""
    x, y, rt = operands(b, a)
    with _quiet(all="ignore"):
        r = np.power(x, y).astype(rt, copy=False)
    ea = edge(a) if grad_on() else None
    return out_result(r, None if ea is None else PowBackward2((ea,), (x, r)), (keep(a),))


# --- comparisons and logic (no gradient) ---------------------------------------------------
def _compare(fn: Any) -> Any:
    def op(a: Any, b: Any) -> Tensor:
        x, y, _ = operands(a, b)
        return out(np.asarray(_apply(fn, x, y)), None)

    op.__name__ = fn.__name__
    return op


eq = _compare(np.equal)
ne = _compare(np.not_equal)
lt = _compare(np.less)
le = _compare(np.less_equal)
gt = _compare(np.greater)
ge = _compare(np.greater_equal)


def _logic(fn: Any) -> Any:
    def op(a: Any, b: Any) -> Tensor:
        x, y, rt = operands(a, b)
        if rt.kind == "f":
            raise RuntimeError(f"\"{fn.__name__}_cpu\" not implemented for 'Float'")
        return out(np.asarray(_apply(fn, x, y)), None)

    return op


bitwise_and = _logic(np.bitwise_and)
bitwise_or = _logic(np.bitwise_or)
bitwise_xor = _logic(np.bitwise_xor)


def bitwise_not(a: Tensor) -> Tensor:
    if a._data.dtype.kind == "f":
        raise RuntimeError("\"bitwise_not_cpu\" not implemented for 'Float'")
    return out(np.invert(a._data), None)


# --- unary functions -----------------------------------------------------------------------
def _floating(a: Tensor) -> np.ndarray:
    x = a._data
    return x if x.dtype.kind == "f" else x.astype(default_float().np)


_INPUT, _RESULT = 1, 2  # which tensor torch saves for a unary op's backward


def _unary(a: Tensor, r: np.ndarray, cls: type, saved: Any, kept: int = 0) -> Tensor:
    if grad_on():
        ea = edge(a)
        if ea is not None:
            node = cls((ea,), saved)
            if kept == _RESULT:
                return out_result(r, node)
            if kept == _INPUT:
                node._vers = (keep(a),)
            return out(r, node)
    return out(r, None)


class NegBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (-g,)


def neg(a: Tensor) -> Tensor:
    if a._data.dtype == np.bool_:
        raise RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. "
            "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
        )
    return _unary(a, np.negative(a._data), NegBackward0, None)


class AbsBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        return (g * np.sign(self.saved),)


def abs(a: Tensor) -> Tensor:
    return _unary(a, np.abs(a._data), AbsBackward0, a._data, _INPUT)


class ExpBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        return (g * self.saved,)


def exp(a: Tensor) -> Tensor:
    x = _floating(a)
    with _quiet(all="ignore"):
        r = mkl_math.exp(x) if x.dtype == _F32 else np.exp(x)
    return _unary(a, r, ExpBackward0, r, _RESULT)


class LogBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        with _quiet(all="ignore"):
            return (g / self.saved,)


def log(a: Tensor) -> Tensor:
    x = _floating(a)
    with _quiet(all="ignore"):
        r = _precise(np.log, x)
    return _unary(a, r, LogBackward0, x, _INPUT)


class SqrtBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        with _quiet(all="ignore"):
            r = self.saved
            return (g / (constant(2, r.dtype) * r),)


def sqrt(a: Tensor) -> Tensor:
    with _quiet(all="ignore"):
        r = np.sqrt(_floating(a))
    fidelity.note("sqrt", r.dtype)
    return _unary(a, r, SqrtBackward0, r, _RESULT)


class SinBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        return (g * _precise(np.cos, self.saved),)


def sin(a: Tensor) -> Tensor:
    x = _floating(a)
    fidelity.note("sin", x.dtype)
    return _unary(a, _precise(np.sin, x), SinBackward0, x, _INPUT)


class CosBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        return (-g * _precise(np.sin, self.saved),)


def cos(a: Tensor) -> Tensor:
    x = _floating(a)
    fidelity.note("cos", x.dtype)
    return _unary(a, _precise(np.cos, x), CosBackward0, x, _INPUT)


class TanhBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        r = self.saved
        # torch's compiler fuses 1 - r*r into one FMA
        if r.dtype == _F32:
            return (g * one_minus_square32(r),)
        if r.dtype == _F64:
            return (g * fma64(-r, r, 1.0),)
        return (g * (constant(1, r.dtype) - r * r),)


def tanh(a: Tensor) -> Tensor:
    r = _precise(np.tanh, _floating(a))
    fidelity.note("tanh", r.dtype)
    return _unary(a, r, TanhBackward0, r, _RESULT)


def _sigmoid32(x: np.ndarray) -> np.ndarray:
    """float32 sigmoid as torch's loop computes it (_in_blocks): SLEEF's exp on whole blocks, the C library's
    expf on the other elements."""
    one = constant(1, x.dtype)
    return _in_blocks(x, lambda v: one / (one + vector_math.exp(-v)), lambda v: one / (one + glibc_math.expf(-v)))


class SigmoidBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        r = self.saved
        return ((g * (constant(1, r.dtype) - r)) * r,)  # in torch's order


def sigmoid(a: Tensor) -> Tensor:
    x = _floating(a)
    with _quiet(all="ignore"):
        # torch's kernel: 1 / (1 + exp(-x)) in the tensor's dtype (float32: see _sigmoid32)
        if x.dtype == _F32:
            r = _sigmoid32(x)
        else:
            one = constant(1, x.dtype)
            r = one / (one + np.exp(-x))
    return _unary(a, r, SigmoidBackward0, r, _RESULT)


def _gated(g: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``g`` where ``mask``, else zero. torch writes +0 there; ``g * mask`` alone would give -0 for a negative ``g``
    (printed ``-0.``), and adding zero turns -0 into +0 without touching any other value. (An infinite ``g`` where
    the mask is off still gives nan, not 0: np.where, the exact rule, costs 6x more on CPython.)"""
    r = g * mask
    r += zero(r.dtype)
    return r


class ReluBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        r = self.saved
        return (_gated(g, r > zero(r.dtype)),)


def relu(a: Tensor) -> Tensor:
    x = a._data
    # zero first: numpy's maximum then keeps a -0.0 input as torch does (on CPython; Pyodide's numpy gives +0)
    r = np.maximum(zero(x.dtype), x)
    return _unary(a, r, ReluBackward0, r, _RESULT)


class ReciprocalBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        r = self.saved
        return (-g * r * r,)


def reciprocal(a: Tensor) -> Tensor:
    with _quiet(all="ignore"):
        r = np.reciprocal(_floating(a))
    return _unary(a, r, ReciprocalBackward0, r, _RESULT)


def square(a: Tensor) -> Tensor:
    return pow(a, 2)


class ClampBackward1(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, lo, hi = self.saved
        mask = np.ones(x.shape, dtype=bool)
        if lo is not None:
            mask &= x >= lo
        if hi is not None:
            mask &= x <= hi
        return (_gated(g, mask),)


def clamp(a: Tensor, min: Any = None, max: Any = None) -> Tensor:
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        raise NotImplementedError("npgrad: clamp with tensor bounds is not supported")
    x = a._data
    r = x
    if min is not None:
        r = np.maximum(r, min)
    if max is not None:
        r = np.minimum(r, max)
    if r.dtype != x.dtype and isinstance(min if min is not None else max, int):
        r = r.astype(x.dtype)
    elif x.dtype.kind != "f" and r.dtype.kind == "f":
        r = r.astype(np.float32)
    return _unary(a, r, ClampBackward1, (x, min, max), _INPUT)


class MaximumBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y = self.saved
        w = np.where(x > y, 1.0, np.where(x == y, 0.5, 0.0)).astype(g.dtype)
        return (_ub(g * w, x), _ub(g * (1 - w), y))


class MinimumBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y = self.saved
        w = np.where(x < y, 1.0, np.where(x == y, 0.5, 0.0)).astype(g.dtype)
        return (_ub(g * w, x), _ub(g * (1 - w), y))


def maximum(a: Tensor, b: Tensor) -> Tensor:
    x, y, _ = operands(a, b)
    e = _graph(a, b)
    if e is None:
        return out(_apply(np.maximum, x, y), None)
    node = MaximumBackward0(e, (x, y))
    node._vers = _both(a, b) or None
    return out(_apply(np.maximum, x, y), node)


def minimum(a: Tensor, b: Tensor) -> Tensor:
    x, y, _ = operands(a, b)
    e = _graph(a, b)
    if e is None:
        return out(_apply(np.minimum, x, y), None)
    node = MinimumBackward0(e, (x, y))
    node._vers = _both(a, b) or None
    return out(_apply(np.minimum, x, y), node)
