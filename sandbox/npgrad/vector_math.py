"""float32 math as torch's vectorized CPU kernels compute it: SLEEF's exp, log and pow (softmax, log_softmax,
sigmoid's and pow's vector blocks) and the orders of their row sums, norms and products.

SLEEF's expf_u10 is a Cody-Waite reduction by ln 2 in two parts, a degree-6 polynomial by FMAs and a scale by
2**q; logf_u1 and powf_u10 carry float pairs. softmax adds a row with ``vec::reduce_all``: one vector accumulator
of 16 lanes, the leftover elements into its first lanes, then the lanes folded in halves (lane i with lane i + 8,
then + 4, + 2, + 1); rows shorter than one vector are added one element after another. 16 lanes is the AVX-512
build of those kernels, which torch picks on the CPUs the site is built on (an AVX2-only CPU adds 8: set LANES);
the norm and product kernels are built for AVX2 only (8 floats a vector) whatever the CPU. Every step is a
float32 operation, so numpy gives the same bits when the steps are the same; the products that the kernels'
compiler fuses with a sum are rounded once (``fma32``).
"""

from __future__ import annotations

import numpy as np

from .fused import fma32

_F = np.float32
LANES = 16  # floats per vector of the AVX-512 kernels

_LOG2E = _F(1.442695040888963407359924681001892137426645954152985934135449406931)
_LN2_HIGH, _LN2_LOW = _F(0.693145751953125), _F(1.428606765330187045e-06)
_EXP_POLY = tuple(
    _F(c)
    for c in (
        0.000198527617612853646278381,
        0.00139304355252534151077271,
        0.00833336077630519866943359,
        0.0416664853692054748535156,
        0.166666671633720397949219,
        0.5,
    )
)


def _pow2(q: np.ndarray) -> np.ndarray:
    """2**q as a float32 built from its exponent bits (q within the normal range)."""
    return ((q + 127).astype(np.int32) << 23).view(_F)


def exp(x: np.ndarray) -> np.ndarray:
    """SLEEF's expf_u10 of a float32 array, bit for bit."""
    with np.errstate(all="ignore"):
        q = np.rint(x * _LOG2E)
        q = np.clip(q, -256, 256).astype(np.int32)  # beyond that the result is 0 or inf below
        qf = q.astype(_F)
        s = fma32(qf, -_LN2_HIGH, x)
        s = fma32(qf, -_LN2_LOW, s)
        u = np.full_like(s, _EXP_POLY[0])
        for c in _EXP_POLY[1:]:
            u = fma32(u, s, c)
        u = _F(1) + fma32(s * s, u, s)
        half = q >> 1  # two scalings, so that 2**q may leave the float range while the result does not
        u = (u * _pow2(half)) * _pow2(q - half)
        u = np.where(x < _F(-104), _F(0), u)
        u = np.where(x > _F(100), _F(np.inf), u)
        return np.where(np.isnan(x), x, u).astype(_F, copy=False)


def _down(chunks: np.ndarray, op: np.ufunc) -> np.ndarray:
    """``op`` over axis -2 of ``chunks``, one chunk after another (numpy reduces a C-ordered array's first axis
    in order, element by element)."""
    return op.reduce(np.ascontiguousarray(np.moveaxis(chunks, -2, 0)), axis=0)


def row_sums(x: np.ndarray) -> np.ndarray:
    """Sums along the last axis of a float32 array in ``vec::reduce_all``'s order, keeping that axis (size 1)."""
    n = x.shape[-1]
    if n < LANES:
        acc = x[..., :1].copy()
        for i in range(1, n):
            acc += x[..., i : i + 1]
        return acc
    whole = n // LANES * LANES
    acc = _down(x[..., :whole].reshape(*x.shape[:-1], whole // LANES, LANES), np.add)
    if n > whole:
        acc[..., : n - whole] += x[..., whole:]
    half = LANES // 2
    while half:
        acc = acc[..., :half] + acc[..., half : 2 * half]
        half //= 2
    return acc


def row_dot_sums(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sums of ``a * b`` along the last axis in ``vec::map2_reduce_all``'s order (softmax's backward), keeping
    that axis: as ``row_sums`` of the products, except that the compiler fuses the leftover elements' products
    into their sums (measured: the whole vectors' products are rounded first)."""
    n = a.shape[-1]
    if n < LANES:
        return row_sums(a * b)
    whole = n // LANES * LANES
    shape = (*a.shape[:-1], whole // LANES, LANES)
    acc = _down((a[..., :whole] * b[..., :whole]).reshape(shape), np.add)
    if n > whole:
        acc[..., : n - whole] = fma32(a[..., whole:], b[..., whole:], acc[..., : n - whole])
    half = LANES // 2
    while half:
        acc = acc[..., :half] + acc[..., half : 2 * half]
        half //= 2
    return acc


def norm2_rows(x: np.ndarray) -> np.ndarray:
    """The 2-norm of each row of a 2-D float32 array as torch's last-dimension kernel computes it: squares added
    into 8 lanes (the kernel is built for AVX2; its product and sum are not fused), the lanes added in order,
    then the elements after the last whole vector added one by one, where the compiler computes the squares of
    each 4 together (rounded, then added in order) and fuses the last few into FMAs."""
    n = x.shape[1]
    if n == 1:  # a reduction over one element is its absolute value (no square to underflow or overflow)
        return np.abs(x[:, 0])
    whole = n // _NORM_LANES * _NORM_LANES
    if whole:
        head = x[:, :whole]
        acc = _down((head * head).reshape(x.shape[0], whole // _NORM_LANES, _NORM_LANES), np.add)
        total = acc[:, 0].copy()
        for j in range(1, _NORM_LANES):
            total += acc[:, j]
    else:
        total = np.zeros(x.shape[0], _F)
    grouped = whole + (n - whole) // 4 * 4
    for d in range(whole, grouped):
        total += x[:, d] * x[:, d]
    for d in range(grouped, n):
        total = fma32(x[:, d], x[:, d], total)
    return np.sqrt(total)


_NORM_LANES = 8


def prod_rows(x: np.ndarray) -> np.ndarray:
    """The product of each row of a 2-D float array in the order of torch's vectorized inner reduction (AVX2):
    whole blocks of 4 vectors multiplied into 4 vector accumulators, those combined in pairs, their lanes in
    order, then the elements after the last block one by one."""
    lanes = 32 // x.dtype.itemsize
    block = 4 * lanes
    n = x.shape[1]
    count = n // block
    total = np.ones(x.shape[0], x.dtype)
    if count:
        acc = _down(x[:, : count * block].reshape(x.shape[0], count, 4 * lanes), np.multiply)
        acc = acc.reshape(x.shape[0], 4, lanes)
        folded = (acc[:, 0] * acc[:, 1]) * (acc[:, 2] * acc[:, 3])
        total = folded[:, 0].copy()
        for j in range(1, lanes):
            total *= folded[:, j]
    for d in range(count * block, n):
        total = total * x[:, d]
    return total


def prod_along(x: np.ndarray, axis: int) -> np.ndarray:
    """The product along ``axis`` as torch's CPU kernel multiplies: the last axis by ``prod_rows``, another
    axis one slice after another (its outer reduction), without the axis."""
    if axis == x.ndim - 1:
        return prod_rows(np.ascontiguousarray(x.reshape(-1, x.shape[-1]))).reshape(x.shape[:-1])
    return np.multiply.reduce(np.ascontiguousarray(np.moveaxis(x, axis, 0)), axis=0)


_LN2_PAIR = (_F(0.69314718246459960938), _F(-1.904654323148236017e-09))
_LOG_POLY = (_F(0.3027294874), _F(0.3996108174), _F(0.6666694880))


def _exact_sum(a: np.ndarray | np.float32, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """a + b as a float pair (high, low), by Knuth's two-sum."""
    s = a + b
    v = s - a
    return s, (a - (s - v)) + (b - v)


def log(d: np.ndarray) -> np.ndarray:
    """SLEEF's logf_u1 (AVX-512 build) of a float32 array, bit for bit for positive normal values: d = m * 2**e
    with m in [0.75, 1.5), log(m) = 2 atanh((m - 1) / (m + 1)) by a float-pair division and a short odd
    polynomial, and e * ln2 as a float pair. Zeros, negatives, subnormals, inf and nan take numpy's log."""
    special = ~((d >= np.finfo(_F).tiny) & (d <= np.finfo(_F).max))
    if special.any():
        with np.errstate(all="ignore"):
            return np.where(special, np.log(d), log(np.where(special, _F(1), d)))
    e = ((((d * _F(1 / 0.75)).view(np.int32) >> 23) & 0xFF) - 127).astype(_F)
    m = ((d.view(np.int32) & 0x007FFFFF) | 0x3F800000).view(_F)  # the mantissa in [1, 2) ...
    m = np.where(m >= _F(1.5), m * _F(0.5), m)  # ... moved into [0.75, 1.5)
    high, low = _LN2_PAIR
    sx = high * e
    sy = fma32(low, e, fma32(high, e, -sx))
    nx, ny = _exact_sum(_F(-1), m)
    dx, dy = _exact_sum(_F(1), m)
    t = _F(1) / dx  # the pair quotient (nx, ny) / (dx, dy)
    xx = nx * t
    u = fma32(t, nx, -xx)
    v = fma32(-dy, t, fma32(-dx, t, _F(1)))
    xy = fma32(xx, v, fma32(ny, t, u))
    x2 = xx * xx
    p = np.full_like(x2, _LOG_POLY[0])
    for c in _LOG_POLY[1:]:
        p = fma32(p, x2, c)
    total = sx + xx * _F(2)  # pair sums, the larger operand first
    sy = (((sx - total) + xx * _F(2)) + sy) + xy * _F(2)
    tail = (x2 * xx) * p
    sx = total + tail
    sy = ((total - sx) + tail) + sy
    return sx + sy


# --- SLEEF's powf_u10: exp(y * log|x|) with float pairs throughout ------------------------------------------
def _sum_pair(xx: np.ndarray, xy: np.ndarray, yx: np.ndarray, yy: np.ndarray) -> tuple:
    """(xx, xy) + (yx, yy) for |x| >= |y| (dfadd)."""
    s = xx + yx
    return s, (((xx - s) + yx) + xy) + yy


def _sum_pair2(xx: np.ndarray, xy: np.ndarray, yx: np.ndarray, yy: np.ndarray) -> tuple:
    """(xx, xy) + (yx, yy) for any magnitudes (dfadd2)."""
    s = xx + yx
    v = s - xx
    return s, ((xx - (s - v)) + (yx - v)) + (xy + yy)


def _sum_pair_one(xx: np.ndarray, xy: np.ndarray, y: np.ndarray) -> tuple:
    """(xx, xy) + y for any magnitudes (dfadd2 with a float)."""
    s = xx + y
    v = s - xx
    return s, ((xx - (s - v)) + (y - v)) + xy


def _times(xx: np.ndarray, xy: np.ndarray, y: object) -> tuple:
    """(xx, xy) * y (dfmul with a float)."""
    s = xx * y
    return s, fma32(xy, y, fma32(xx, y, -s))


def _times_pair(xx: np.ndarray, xy: np.ndarray, yx: np.ndarray, yy: np.ndarray) -> tuple:
    """(xx, xy) * (yx, yy) (dfmul)."""
    s = xx * yx
    return s, fma32(xx, yy, fma32(xy, yx, fma32(xx, yx, -s)))


def _square(xx: np.ndarray, xy: np.ndarray) -> tuple:
    s = xx * xx
    return s, fma32(xx + xx, xy, fma32(xx, xx, -s))


def _log_pair(d: np.ndarray) -> tuple:
    """SLEEF's logkf: log(d) as a float pair, for positive finite d (a subnormal d is scaled up by 2**64 first)."""
    tiny = d < np.finfo(_F).tiny
    d = np.where(tiny, d * _F(2.0**64), d)
    e = ((((d * _F(1 / 0.75)).view(np.int32) >> 23) & 0xFF) - 127).astype(_F) - np.where(tiny, _F(64), _F(0))
    m = ((d.view(np.int32) & 0x007FFFFF) | 0x3F800000).view(_F)
    m = np.where(m >= _F(1.5), m * _F(0.5), m)
    nx, ny = _exact_sum(_F(-1), m)
    dx, dy = _exact_sum(_F(1), m)
    t = _F(1) / dx
    xx = nx * t
    xy = fma32(xx, fma32(-dy, t, fma32(-dx, t, _F(1))), fma32(ny, t, fma32(t, nx, -xx)))
    x2x, x2y = _square(xx, xy)
    p = np.full_like(x2x, _LOG_PAIR_POLY[0])
    for c in _LOG_PAIR_POLY[1:]:
        p = fma32(p, x2x, c)
    sx, sy = _times(*_LN2_PAIR, e)
    sx, sy = _sum_pair(sx, sy, xx * _F(2), xy * _F(2))
    cube = _times_pair(x2x, x2y, xx, xy)
    series = _sum_pair2(*_times(x2x, x2y, p), *_LOG_PAIR_C)
    return _sum_pair(sx, sy, *_times_pair(*cube, *series))


def _exp_pair(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """SLEEF's expkf: exp of a float pair."""
    q = np.rint((dx + dy) * _LOG2E).astype(np.int32)
    qf = q.astype(_F)
    sx, sy = _sum_pair_one(dx, dy, qf * -_LN2_HIGH)
    sx, sy = _sum_pair_one(sx, sy, qf * -_LN2_LOW)
    total = sx + sy  # normalize the pair
    sx, sy = total, (sx - total) + sy
    u = np.full_like(sx, _EXP_PAIR_POLY[0])
    for c in _EXP_PAIR_POLY[1:]:
        u = fma32(u, sx, c)
    tx, ty = _sum_pair(sx, sy, *_times(*_square(sx, sy), u))
    s = _F(1) + tx
    ty = ((_F(1) - s) + tx) + ty
    return np.where(dx < _F(-104), _F(0), _scale(s + ty, q))


def _scale(x: np.ndarray, q: np.ndarray) -> np.ndarray:
    """SLEEF's ldexpk: x * 2**q as four equal power-of-two factors and a fifth, each product rounded (which
    rounds twice where the result is subnormal, as torch's does)."""
    m = q >> 31
    m = (((m + q) >> 6) - m) << 4
    q = q - (m << 2)
    m = np.clip(m + 127, 0, 255)
    u = (m << 23).view(_F)
    x = (((x * u) * u) * u) * u
    return x * ((q + 127) << 23).view(_F)


_LOG_PAIR_POLY = (_F(0.240320354700088500976562), _F(0.285112679004669189453125), _F(0.400007992982864379882812))
_LOG_PAIR_C = (_F(0.66666662693023681640625), _F(3.69183861259614332084311e-09))
_EXP_PAIR_POLY = tuple(
    _F(c)
    for c in (
        0.00136324646882712841033936,
        0.00836596917361021041870117,
        0.0416710823774337768554688,
        0.166665524244308471679688,
        0.499999850988388061523438,
    )
)


def pow(x: np.ndarray, y: float) -> np.ndarray:
    """SLEEF's powf_u10 of a float32 array to a float32 power, bit for bit for positive finite x; other x
    (zeros, negatives, inf, nan) and y = 0 take a float64 power rounded, the same special values."""
    y32 = _F(y)
    with np.errstate(all="ignore"):
        plain = ~((x > 0) & (x <= np.finfo(_F).max)) | (y32 == 0)
        result = _exp_pair(*_times(*_log_pair(np.where(plain, _F(1), x)), y32))
        result = np.where(np.isnan(result), _F(np.inf), result)  # an overflowed pair: SLEEF's infinity
        if plain.any():
            result = np.where(plain, (x.astype(np.float64) ** float(y32)).astype(_F), result)
        return np.where(x == _F(1), _F(1), result)
