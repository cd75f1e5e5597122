"""float32 exp as torch.exp computes it on the CPU, where it calls MKL's vector math (vsExp, high accuracy).

MKL's results are within an ulp but not correctly rounded: a rounded float64 exp differs from them in one value
of a hundred, and large results (exp of more than 7) print every last bit at 4 decimals. The steps below were
found by measuring torch's results (no MKL code was read) and give its bits for every one of tens of millions of
inputs tried (tests/npgrad/test_npgrad_printed_numbers.py): a table of 2**(j/128) as float pairs, the argument
reduced by ln2/128 in two float parts (an 11-bit head, fused; the tail rounded apart), then ``r + r*r/2`` (each
step rounded) times the table value, added to it in float32. Beyond |x| = 87.3 (results near overflow, or below
the normal range) MKL returns the correctly rounded value, as does a float64 exp rounded to float32.
"""

from __future__ import annotations

import numpy as np

_F, _D = np.float32, np.float64
_TABLE_BITS = 7
_N = 1 << _TABLE_BITS
_TABLE = np.exp2(np.arange(_N) / _N)
_T_HIGH = _TABLE.astype(_F)
_T_LOW = (_TABLE - _T_HIGH.astype(_D)).astype(_F)
_LN2_N = np.log(2.0) / _N
_LN2_N_HIGH = float(np.ldexp(np.round(np.ldexp(_LN2_N, 18)), -18))  # 11 significant bits
_LN2_N_LOW = _F(_LN2_N - _LN2_N_HIGH)
_N_LN2 = _F(1 / _LN2_N)
_SAFE = _F(87.3365)  # ln(2**126): the results of smaller |x| are normal floats


def exp(x: np.ndarray) -> np.ndarray:
    """torch.exp of a float32 array."""
    with np.errstate(all="ignore"):
        kf = np.rint(np.clip(x, -_SAFE, _SAFE) * _N_LN2)
        k = kf.astype(np.int32)
        # the head's product is exact in float64, and so is the difference: one rounding, as the fused step
        r = (x.astype(_D) - kf.astype(_D) * _LN2_N_HIGH).astype(_F)
        r = r - kf * _LN2_N_LOW
        q = r + (r * r) * _F(0.5)
        j = k & (_N - 1)
        high = _T_HIGH[j]
        y = ((high * q) + _T_LOW[j]) + high
        y = y * (((k >> _TABLE_BITS) + 127) << 23).view(_F)  # times 2**n, n = k // 128: exact
        edge = ~(np.abs(x) <= _SAFE)  # beyond the safe range, and nan
        if edge.any():
            y = np.where(edge, np.exp(x.astype(_D)).astype(_F), y)
        return y
