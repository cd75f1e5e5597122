"""float32 and float64 sums added in torch's order, so that they round as torch's do.

torch's CPU sum kernel (ATen's SumKernel.cpp) reads a contiguous row as vectors of 8 floats (4 doubles), adds them into
4 interleaved vector accumulators in a cascade of up to 4 levels (which keeps rounding errors small), adds the
leftover floats one by one, then the accumulators' lanes in order; a column sum (a reduction over the outer
axis) runs the cascade down the rows (see columns_sum). numpy's pairwise sum adds in another order: its float32 results
differ from torch's in the last bit for about half of all inputs, which printing shows for large values.
Following torch's order gave torch's bits in every case tried (tests/npgrad/test_npgrad_printed_numbers.py).
"""

from __future__ import annotations

import numpy as np

_F32 = np.dtype(np.float32)
_LANES = 8  # floats per vector in the kernel torch runs here
_ILP = 4  # interleaved accumulators
_LEVELS = 4
_GROUP = _ILP * _LANES  # columns an outer reduction takes at once
_reduce = np.add.reduce  # along axis 0 of a C-ordered array: sequential for each output element


def _plus(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    """``a + b`` where None is an accumulator still at zero (adding zero changes nothing but the sign of a zero,
    and the final scalar sum from zero normalises that as torch's does)."""
    if a is None:
        return b
    return a if b is None else a + b


def _cascade(rows: np.ndarray) -> np.ndarray:
    """Sum over axis 0 with torch's cascade (``multi_row_sum``): blocks of ``step`` rows, carried up levels."""
    size = rows.shape[0]
    power = max(4, (int(size - 1).bit_length() if size > 1 else 0) // _LEVELS)
    step = 1 << power
    if size < step:  # one level: a plain sum down the rows
        return _reduce(rows, axis=0)
    mask = step - 1
    acc: list = [None] * _LEVELS
    i = 0
    while i + step <= size:
        acc[0] = _reduce(rows[i : i + step], axis=0)
        i += step
        for j in range(1, _LEVELS):
            acc[j] = _plus(acc[j], acc[j - 1])
            acc[j - 1] = None
            if i & (mask << (j * power)):
                break
    if i < size:
        acc[0] = _reduce(rows[i:], axis=0)
    total = acc[0]
    for j in range(1, _LEVELS):
        total = _plus(total, acc[j])
    return total


def _row_sum(items: np.ndarray) -> np.ndarray:
    """torch's ``row_sum`` over axis 0: 4 interleaved accumulators, leftovers into the first, then combined."""
    n = items.shape[0]
    full = n // _ILP
    if full:
        parts = list(_cascade(items[: full * _ILP].reshape((full, _ILP, *items.shape[1:]))))
    else:
        parts = [np.zeros(items.shape[1:], items.dtype) for _ in range(_ILP)]
    for i in range(full * _ILP, n):
        parts[0] = parts[0] + items[i]
    for k in range(1, _ILP):
        parts[0] = parts[0] + parts[k]
    return parts[0]


def rows_sum(x: np.ndarray) -> np.ndarray:
    """Sum of each row of the 2-D float array ``x`` (shape (rows, n)), as torch sums a contiguous row."""
    n = x.shape[1]
    width = _width(x)
    nv = n // width
    if nv == 0:
        return _row_sum(np.ascontiguousarray(x.T))
    # the rows become extra lanes: (vectors, rows, lanes)
    vectors = np.ascontiguousarray(x[:, : nv * width].reshape(x.shape[0], nv, width).transpose(1, 0, 2))
    lanes = _row_sum(vectors)
    total = np.zeros(x.shape[0], x.dtype)
    for k in range(nv * width, n):
        total = total + x[:, k]
    for k in range(width):
        total = total + lanes[:, k]
    return total


def _width(x: np.ndarray) -> int:
    """Lanes of one vector: 8 floats or 4 doubles."""
    return _LANES * 4 // x.dtype.itemsize


def total(x: np.ndarray) -> np.ndarray:
    """The sum of all elements of a float32 array, as a 0-d array."""
    return rows_sum(x.reshape(1, -1))[0:1].reshape(())


def columns_sum(x: np.ndarray) -> np.ndarray | None:
    """Sum over axis 0 of a 2-D float32 array as torch's outer reduction adds it, or None where its order is not
    known (5 to 7 columns). Measured: groups of 32 columns take the cascade down the rows, the columns left over
    take ``row_sum``'s interleaved accumulators down the rows; exactly 4 columns take the cascade; one column
    is a contiguous row."""
    c = x.shape[1]
    if c == 1:
        return rows_sum(np.ascontiguousarray(x.T))
    if c == 4:
        return _cascade(x)
    if 4 < c < _LANES:
        return None
    whole = c // _GROUP * _GROUP
    r = np.empty(c, _F32)
    if whole:
        r[:whole] = _cascade(np.ascontiguousarray(x[:, :whole]))
    if c > whole:
        r[whole:] = _row_sum(np.ascontiguousarray(x[:, whole:]))
    return r
