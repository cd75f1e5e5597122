"""More elementwise functions beginners reach for: log2, log10, log1p, expm1, tan, rsqrt (with backward), and
rounding and tests (round, floor, ceil, trunc, sign: zero gradient, as in torch; isnan, isinf, isfinite)."""

from __future__ import annotations

import numpy as np

from .. import fidelity
from ._core import Node, Tensor, out
from .pointwise import _floating, _precise, _unary

_INPUT, _RESULT = 1, 2
_quiet = np.errstate


class _Derivative(Node):
    """``g * derivative(x)``: subclasses name the rule."""

    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        with _quiet(all="ignore"):
            return ((g * self.derivative(self.saved)).astype(g.dtype, copy=False),)


class Log2Backward0(_Derivative):
    __slots__ = ()

    @staticmethod
    def derivative(x: np.ndarray) -> np.ndarray:
        return 1 / (x * np.log(x.dtype.type(2)))


class Log10Backward0(_Derivative):
    __slots__ = ()

    @staticmethod
    def derivative(x: np.ndarray) -> np.ndarray:
        return 1 / (x * np.log(x.dtype.type(10)))


class Log1PBackward0(_Derivative):
    __slots__ = ()

    @staticmethod
    def derivative(x: np.ndarray) -> np.ndarray:
        return 1 / (x + 1)


class Expm1Backward0(_Derivative):
    __slots__ = ()

    @staticmethod
    def derivative(r: np.ndarray) -> np.ndarray:
        return r + 1


class TanBackward0(_Derivative):
    __slots__ = ()

    @staticmethod
    def derivative(r: np.ndarray) -> np.ndarray:
        return 1 + r * r


class RsqrtBackward0(_Derivative):
    __slots__ = ()

    @staticmethod
    def derivative(r: np.ndarray) -> np.ndarray:
        return -0.5 * r * r * r


def _elementary(a: Tensor, name: str, fn: object, cls: type, keep: int, precise: bool = True) -> Tensor:
    """torch's `name`, computed as `fn` of a float tensor: float32 in float64 and rounded (`precise`), or in its own
    dtype as torch does."""
    x = _floating(a)
    with _quiet(all="ignore"):
        r = _precise(fn, x) if precise else fn(x)
    fidelity.note(name, x.dtype)
    return _unary(a, r, cls, r if keep == _RESULT else x, keep)


def log2(a: Tensor) -> Tensor:
    return _elementary(a, "log2", np.log2, Log2Backward0, _INPUT)


def log10(a: Tensor) -> Tensor:
    return _elementary(a, "log10", np.log10, Log10Backward0, _INPUT)


def log1p(a: Tensor) -> Tensor:
    return _elementary(a, "log1p", np.log1p, Log1PBackward0, _INPUT)


def expm1(a: Tensor) -> Tensor:
    return _elementary(a, "expm1", np.expm1, Expm1Backward0, _RESULT)


def tan(a: Tensor) -> Tensor:
    return _elementary(a, "tan", np.tan, TanBackward0, _RESULT)


def rsqrt(a: Tensor) -> Tensor:
    # torch's float32 rsqrt is 1 / sqrt in float32, both correctly rounded: its bits, unlike a rounded float64 one
    return _elementary(a, "rsqrt", lambda v: np.reciprocal(np.sqrt(v)), RsqrtBackward0, _RESULT, precise=False)


class _ZeroGradient(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (np.zeros_like(g),)


class RoundBackward0(_ZeroGradient):
    __slots__ = ()


class RoundBackward1(_ZeroGradient):
    __slots__ = ()


class FloorBackward0(_ZeroGradient):
    __slots__ = ()


class CeilBackward0(_ZeroGradient):
    __slots__ = ()


class TruncBackward0(_ZeroGradient):
    __slots__ = ()


class SignBackward0(_ZeroGradient):
    __slots__ = ()


def round(a: Tensor, decimals: int = 0) -> Tensor:
    x = a._data
    if x.dtype.kind != "f":
        return out(x.copy(), None)
    if decimals:
        # torch scales by 10**decimals in the tensor's dtype, rounds half to even, and scales back
        ten = x.dtype.type(10) ** x.dtype.type(abs(decimals))
        r = np.rint(x * ten) / ten if decimals > 0 else np.rint(x / ten) * ten
        return _unary(a, r.astype(x.dtype, copy=False), RoundBackward1, None)
    return _unary(a, np.rint(x), RoundBackward0, None)


def _rounding(fn: object, cls: type) -> object:
    def op(a: Tensor) -> Tensor:
        x = a._data
        if x.dtype.kind != "f":
            return out(x.copy(), None)
        return _unary(a, fn(x), cls, None)

    return op


floor = _rounding(np.floor, FloorBackward0)
ceil = _rounding(np.ceil, CeilBackward0)
trunc = _rounding(np.trunc, TruncBackward0)


def sign(a: Tensor) -> Tensor:
    x = a._data
    if x.dtype == np.bool_:
        return out(x.copy(), None)
    return _unary(a, np.sign(x), SignBackward0, None) if x.dtype.kind == "f" else out(np.sign(x), None)


def isnan(a: Tensor) -> Tensor:
    return out(np.isnan(a._data), None)


def isinf(a: Tensor) -> Tensor:
    return out(np.isinf(a._data), None)


def isfinite(a: Tensor) -> Tensor:
    return out(np.isfinite(a._data), None)
