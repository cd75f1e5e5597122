"""float32 log and sincos as torch's AVX2 ``normal_`` computes them (ATen's avx_mathfun.h, Cephes polynomials).

Every step is a float32 operation, so numpy's float32 arithmetic gives the same bits, provided the steps are the
same: a product followed by a sum is rounded once (``_madd``) where torch's compiler fused them, which the tests
against torch pinned down.
"""

from __future__ import annotations

import numpy as np

from .fused import fma32 as _madd  # torch's x86-64 build fuses these products and sums

_F = np.float32
_I = np.int32


_LOG_P = [_F(v) for v in (7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
                          -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1)]  # fmt: skip
_LOG_Q1, _LOG_Q2 = _F(-2.12194440e-4), _F(0.693359375)
_SQRTHF = _F(0.707106781186547524)


def log_ps(x: np.ndarray) -> np.ndarray:
    """log256_ps, for the positive normal floats that ``normal_`` passes it (1 - u, u in [0, 1))."""
    bits = x.view(_I)
    e = ((bits >> 23) - 127).astype(_F) + _F(1.0)
    m = ((bits & ~0x7F800000) | 0x3F000000).view(_F)  # the mantissa, scaled into [0.5, 1)
    small = m < _SQRTHF
    e = e - np.where(small, _F(1.0), _F(0.0))
    m = (m - _F(1.0)) + np.where(small, m, _F(0.0))
    z = m * m
    y = np.full_like(m, _LOG_P[0])
    for p in _LOG_P[1:]:
        y = _madd(y, m, p)
    y = y * m
    y = _madd(y, z, e * _LOG_Q1)
    y = _madd(z, _F(-0.5), y)
    return _madd(e, _LOG_Q2, m + y)


_DP = (_F(-0.78515625), _F(-2.4187564849853515625e-4), _F(-3.77489497744594108e-8))
_SIN_P = (_F(-1.9515295891e-4), _F(8.3321608736e-3), _F(-1.6666654611e-1))
_COS_P = (_F(2.443315711809948e-005), _F(-1.388731625493765e-003), _F(4.166664568298827e-002))
_FOPI = _F(1.27323954473516)
_SIGN = np.int32(-(2**31))


def sincos_ps(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sincos256_ps for x >= 0 (``normal_`` passes 2*pi*u)."""
    j = (x * _FOPI).astype(_I)
    j = (j + 1) & ~1
    y = j.astype(_F)
    sin_sign = (j & 4) << 29
    poly = (j & 2) == 0
    cos_sign = (~(j - 2) & 4) << 29
    for dp in _DP:
        x = _madd(y, dp, x)
    z = x * x
    c = _madd(z, _COS_P[0], _COS_P[1])
    c = _madd(c, z, _COS_P[2])
    c = _madd(c * z, z, -(z * _F(0.5)))  # which of the two products is fused here is the compiler's choice
    c = c + _F(1.0)
    s = _madd(z, _SIN_P[0], _SIN_P[1])
    s = _madd(s, z, _SIN_P[2])
    s = _madd(s * z, x, x)
    sin = np.where(poly, s, c)
    cos = np.where(poly, c, s)
    return _flip(sin, sin_sign), _flip(cos, cos_sign)


def _flip(v: np.ndarray, sign: np.ndarray) -> np.ndarray:
    return (v.view(_I) ^ (sign & _SIGN)).view(_F)
