"""Fused multiply-add (``a * b + c`` rounded once) on numpy arrays, as torch's x86-64 build computes its sampling
kernels: its compiler fuses a product and a sum into one FMA instruction, and numpy has no FMA."""

from __future__ import annotations

import numpy as np

_SPLIT = 134217729.0  # 2**27 + 1, Dekker's splitter for float64
_LOW29 = np.uint64(2**29 - 1)
_TIE29 = np.uint64(2**28)


def _two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """s + t == a + b exactly, s the rounded sum (Knuth)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def fma32(a: np.ndarray, b: object, c: object) -> np.ndarray:
    """float32 FMA. The product of two floats is exact in double precision; the sum's rounding error ``t`` only
    matters when the double sum sits exactly halfway between two floats, and then it decides the direction (so
    it is computed only where a sum sits there, which is rare)."""
    p = np.asarray(a, np.float64) * np.asarray(b, np.float64)
    c = np.asarray(c, np.float64)
    s = p + c
    tie = (s.view(np.uint64) & _LOW29) == _TIE29
    if tie.any():
        s, t = _two_sum(p, np.broadcast_to(c, p.shape))
        tie &= t != 0
        s = np.where(tie, np.nextafter(s, np.where(t > 0, np.inf, -np.inf)), s)
    return s.astype(np.float32)


def one_minus_square32(r: np.ndarray) -> np.ndarray:
    """``1 - r*r`` rounded once (an FMA) for a float32 array: fma32's steps, fewer calls (tanh's backward runs
    once per tanh in a graph)."""
    r64 = r.astype(np.float64)
    s = 1.0 - r64 * r64
    if ((s.view(np.uint64) & _LOW29) == _TIE29).any():
        return fma32(-r, r, np.float32(1))
    return s.astype(np.float32)


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = _SPLIT * a
    hi = t - (t - a)
    return hi, a - hi


def fma64(a: np.ndarray, b: object, c: object) -> np.ndarray:
    """float64 FMA: the product's exact error by Dekker's method, then the three terms summed with one final
    rounding (exact away from overflow and underflow, except in near-halfway cases far rarer than one in
    2**40)."""
    a = np.asarray(a, np.float64)
    b = np.broadcast_to(np.asarray(b, np.float64), a.shape)
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    s, t = _two_sum(p, np.broadcast_to(np.asarray(c, np.float64), p.shape))
    return s + (t + e)
