"""torch's CPU sampling kernels (ATen's DistributionTemplates.h), value for value, on numpy arrays.

Each function draws from a ``Generator`` in torch's order and returns a flat array of ``n`` values: the caller
writes them into a tensor in memory order, as torch's serial kernels do.

One limit: float64 normals go through the C library's log, sin and cos, and under Pyodide those are not glibc's;
there about one value in a thousand may differ from torch's in its last bit (1e-16 relative), which printing at
torch's precision never shows. Everything else is bit for bit on both.
"""

from __future__ import annotations

import math
import sys

import numpy as np

from .fused import fma32, fma64
from .generator import Generator

_F = np.float32

if sys.platform == "emscripten":
    # torch calls glibc's sin and cos; Pyodide's C library differs from them in the last bit for about 3% of
    # arguments, quad precision rounded to double for about 0.1% (glibc's are not correctly rounded either)
    def _sin_cos(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        t = theta.astype(np.longdouble)
        return np.sin(t).astype(np.float64), np.cos(t).astype(np.float64)

else:

    def _sin_cos(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        values = theta.tolist()  # the C library's own functions, as torch calls them
        return np.array([math.sin(v) for v in values]), np.array([math.cos(v) for v in values])


_MASK24 = np.uint64(2**24 - 1)
_MASK53 = np.uint64(2**53 - 1)


def unit_float(g: Generator, n: int) -> np.ndarray:
    """torch's float32 uniform on [0, 1): the low 24 bits of one 32-bit draw, times 2**-24."""
    return (g.random32(n) & _MASK24).astype(_F) * _F(2.0**-24)


def unit_double(g: Generator, n: int) -> np.ndarray:
    """torch's float64 uniform on [0, 1): the low 53 bits of one 64-bit draw, times 2**-53."""
    return (g.random64(n) & _MASK53).astype(np.float64) * 2.0**-53


def uniform(g: Generator, n: int, dt: np.dtype, low: float, high: float) -> np.ndarray:
    """``uniform_(low, high)``: ``x * (high - low) + low`` in the tensor's own precision (one fused step)."""
    unit = unit_double(g, n) if dt == np.float64 else unit_float(g, n)
    if low == 0 and high == 1:
        return unit  # x * 1 + 0 is x: torch.rand
    if dt == np.float64:
        return fma64(unit, high - low, low)
    lo, hi = _F(low), _F(high)
    return fma32(unit, hi - lo, lo)


def normal(g: Generator, n: int, dt: np.dtype, mean: float, std: float, contiguous: bool = True) -> np.ndarray:
    """``normal_(mean, std)``: a vectorised Box-Muller for 16 or more contiguous values, else one at a time."""
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
    if n >= 16 and contiguous:
        if dt == np.float32:
            return _normal_fill_float(g, n, _F(mean), _F(std))
        return _normal_fill_double(g, n, mean, std)
    values = np.array([_normal_double(g) for _ in range(n)], dtype=np.float64)
    return fma64(values, std, mean).astype(dt)


def _normal_double(g: Generator) -> float:
    """One standard normal by Box-Muller in double precision; the second value is cached in ``g``."""
    cached = g.next_double_normal
    if cached is not None:
        g.next_double_normal = None
        return cached
    u1, u2 = unit_double(g, 2).tolist()
    r = math.sqrt(-2.0 * math.log1p(-u2))
    sin, cos = _sin_cos(np.array([2.0 * math.pi * u1]))
    g.next_double_normal = r * float(sin[0])
    return r * float(cos[0])


def _fill_blocks(g: Generator, n: int, unit: object, block: object) -> np.ndarray:
    """torch's normal_fill: ``n`` uniforms, Box-Muller on each block of 16 (first 8 with last 8); when ``n`` is
    not a multiple of 16 the last 16 values are drawn again and transformed again."""
    data = unit(g, n)
    full = n // 16 * 16
    out = block(data[:full].reshape(-1, 2, 8)).reshape(-1)
    if full == n:
        return out
    tail = block(unit(g, 16).reshape(1, 2, 8)).reshape(-1)
    return np.concatenate((out[: n - 16], tail))


def _normal_fill_double(g: Generator, n: int, mean: float, std: float) -> np.ndarray:
    def block(d: np.ndarray) -> np.ndarray:
        radius = np.sqrt(-2.0 * np.array([math.log(v) for v in (1.0 - d[:, 0]).reshape(-1).tolist()]))
        sin, cos = _sin_cos((2.0 * math.pi) * d[:, 1].reshape(-1))
        return (
            np.stack((fma64(radius * cos, std, mean), fma64(radius * sin, std, mean))).reshape(2, -1, 8).swapaxes(0, 1)
        )

    return _fill_blocks(g, n, unit_double, block)


def _normal_fill_float(g: Generator, n: int, mean: np.float32, std: np.float32) -> np.ndarray:
    from .avx_math import log_ps, sincos_ps

    def block(d: np.ndarray) -> np.ndarray:
        u1 = _F(1.0) - d[:, 0]
        radius = np.sqrt(_F(-2.0) * log_ps(u1))
        s, c = sincos_ps(_TWO_PI * d[:, 1])
        return np.stack((fma32(radius * c, std, mean), fma32(radius * s, std, mean)), axis=1)

    return _fill_blocks(g, n, unit_float, block)


_TWO_PI = _F(2.0 * math.pi)


def random_below(g: Generator, n: int, span: int, low: int) -> np.ndarray:
    """``random_(low, low + span)``: one 32-bit draw modulo ``span``, or a 64-bit one for spans of 2**28 or more
    (torch's public builds switch there, whatever the dtype)."""
    r = g.random64(n) if span >= 2**28 else g.random32(n)
    return (r % np.uint64(span)).astype(np.int64) + np.int64(low)


def permutation(g: Generator, n: int) -> np.ndarray:
    """torch's randperm for n below 2**32 / 20: swap position i with i + random() % (n - i)."""
    if n >= (2**32 - 1) // 20:
        raise NotImplementedError("npgrad (the in-browser stand-in for torch) supports randperm(n) for n < 214748364")
    perm = list(range(n))
    draws = g.random32(max(n - 1, 0)).tolist()
    for i, r in enumerate(draws):
        z = i + r % (n - i)
        perm[i], perm[z] = perm[z], perm[i]
    return np.array(perm, dtype=np.int64)


def bernoulli_tensor(g: Generator, p: np.ndarray) -> np.ndarray:
    """``torch.bernoulli(p)``: one uniform per element, in p's precision (float64 or float32), below p."""
    flat = p.reshape(-1)
    u = unit_double(g, flat.size) if p.dtype == np.float64 else unit_float(g, flat.size)
    return u < flat


def bernoulli_scalar(g: Generator, n: int, p: float) -> np.ndarray:
    """``bernoulli_(p)`` with a number p: a double uniform below p (torch's kernel on CPUs other than Intel's,
    where torch's MKL build draws from MKL's own generator instead)."""
    return unit_double(g, n) < p
