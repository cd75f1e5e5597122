"""Matrix products: dot, mv, mm and matmul's dispatch between them (as torch dispatches)."""

from __future__ import annotations

import sys

import numpy as np

from ..dtypes import scalar_type
from ._core import Node, Tensor, edge, grad_on, keep, out, unbroadcast

_C_NAMES = {"float32": "float", "float64": "double", "int64": "long int", "int32": "int", "bool": "bool"}


if sys.platform == "emscripten":
    try:
        # A WebAssembly SIMD kernel for float32 products that the JS host registers (sandbox/kernels/matmul.js,
        # loaded by the browser worker and the Node test runner); absent when it could not load, and then every
        # product takes numpy's routes below.
        from _npgrad_kernels import matmul as _kernel
    except ImportError:
        _kernel = None

    _FLOAT32 = np.dtype(np.float32)
    # One kernel call costs about 30 µs whatever the size (proxies and buffer views for three arrays, copies in
    # and out), then about 0.05 ns per multiply-add of its blocks of 4 rows x 8 columns, against 0.3 ns and more
    # for numpy's routes: from this many multiply-adds on, it is as fast or faster. With fewer than 4 columns the
    # kernel pads them to 8, while numpy computes such matrix-vector products along contiguous rows: 3x faster.
    # (Measured in Pyodide under Node; scripts/bench_npgrad.py --matmul compares the routes on W1's products.)
    _KERNEL_MIN = 65536
    _KERNEL_MIN_COLUMNS = 4

    def _contiguous(a: np.ndarray) -> np.ndarray:
        """``a`` itself if the kernel can copy it in whole: C-contiguous, or Fortran-contiguous (a transposed view)."""
        return a if a.flags.c_contiguous or a.flags.f_contiguous else np.ascontiguousarray(a)

    def _mm(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """``x @ y`` for matrices. Pyodide's numpy has no BLAS and no SIMD, so large float32 products go to the
        SIMD kernel: 4-5x faster than numpy's best route on W1's products, and its result is C-contiguous like
        torch's. The kernel is float32 only (what lessons use; float64 would need a second kernel with half the
        lanes), so float64 stays on numpy's routes: its matmul loop stores into the output once per multiply-add
        and walks ``y`` down its columns, while einsum's loop over a contraction axis that is contiguous in both
        operands keeps running sums. For W1's 64x784 @ 784x128 that is 1.8 ms instead of 5.8 ms; on short
        contractions or small products einsum's setup costs more than it saves (scripts/bench_npgrad.py --matmul)."""
        m, k = x.shape
        n = y.shape[1]
        if (
            _kernel is not None
            and x.dtype == _FLOAT32
            and y.dtype == _FLOAT32
            and m * k * n >= _KERNEL_MIN
            and n >= _KERNEL_MIN_COLUMNS
        ):
            r = np.empty((m, n), _FLOAT32)
            if _kernel(_contiguous(x), _contiguous(y), r):  # false when its memory cannot grow enough
                return r
        if k < 64 or m * k * n < 65536 or x.dtype.kind != "f":
            return x @ y
        r = np.einsum("ij,kj->ik", np.ascontiguousarray(x), np.ascontiguousarray(y.T))
        return r if r.flags.c_contiguous else np.ascontiguousarray(r)

else:
    _mm = np.matmul  # BLAS


_BLAS_MM = _mm
_SMALL = 32  # multiply-adds up to which torch's float32 product (MKL) adds each rounded product in order
_F32 = np.dtype(np.float32)


def _mm(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x @ y`` for matrices. For the smallest float32 products torch's result is each row-column sum added in
    order, product by product, without a fused multiply-add; numpy's BLAS fuses them, which differs in the last
    bit and shows in printed results. Measured against torch on random shapes up to 32 multiply-adds: in order it
    matched in 246 of 250 products, BLAS in under half (contractions of 4 or more into a vector, or with a
    transposed right operand, take other routes in MKL and may still differ)."""
    m, k = x.shape
    n = y.shape[1]
    if m * k * n > _SMALL or x.dtype != _F32:
        return _BLAS_MM(x, y)
    acc = x[:, :1] * y[:1, :]
    for i in range(1, k):
        acc = acc + x[:, i : i + 1] * y[i : i + 1, :]
    return acc


def _mv(m: np.ndarray, v: np.ndarray) -> np.ndarray:
    """``m @ v``: in order for the shortest rows, as torch's (see _mm; measured up to 4 columns)."""
    if m.dtype == _F32 and m.shape[1] <= 4:
        return _mm(m, v[:, None])[:, 0] if m.shape[0] * m.shape[1] <= _SMALL else m @ v
    return m @ v


def _edges(a: Tensor, b: Tensor) -> tuple | None:
    if not grad_on():
        return None
    ea, eb = edge(a), edge(b)
    return None if ea is None and eb is None else (ea, eb)


def _node(cls: type, e: tuple, a: Tensor, b: Tensor, as_2d: bool = False) -> Node:
    """A product's node; torch saves each operand that the other's gradient needs.

    With ``as_2d``, the record of ``a`` describes it as the matrix torch folds it into for ``mm``.
    """
    x = a._data
    node = cls(e, (x, b._data))
    kept = ()
    if e[1] is not None:
        kept = (keep(a),)
        if as_2d:
            vc, version, _, source = kept[0]
            kept = ((vc, version, x.reshape(-1, x.shape[-1]), source),)
    if e[0] is not None:
        kept += (keep(b),)
    node._vers = kept
    return node


def _same_dtype(x: np.ndarray, y: np.ndarray) -> None:
    if x.dtype != y.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {_C_NAMES[x.dtype.name]} != {_C_NAMES[y.dtype.name]}"
        )


class DotBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y = self.saved
        na, nb = self._next
        return (g * y if na is not None else None, g * x if nb is not None else None)


def dot(a: Tensor, b: Tensor) -> Tensor:
    x, y = a._data, b._data
    if x.ndim != 1 or y.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {x.ndim}D and {y.ndim}D tensors")
    if x.dtype != y.dtype:
        raise RuntimeError(
            "dot : expected both vectors to have same dtype, but found "
            f"{scalar_type(x.dtype)} and {scalar_type(y.dtype)}"
        )
    if x.shape != y.shape:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{x.size}] and src [{y.size}] to have the same "
            f"number of elements, but got {x.size} and {y.size} elements respectively"
        )
    e = _edges(a, b)
    return out(np.asarray(np.dot(x, y)), None if e is None else _node(DotBackward0, e, a, b))


class MmBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y = self.saved
        na, nb = self._next
        return (_mm(g, y.T) if na is not None else None, _mm(x.T, g) if nb is not None else None)


def mm(a: Tensor, b: Tensor) -> Tensor:
    x, y = a._data, b._data
    if x.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if y.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    if x.shape[1] != y.shape[0]:
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({x.shape[0]}x{x.shape[1]} and {y.shape[0]}x{y.shape[1]})"
        )
    _same_dtype(x, y)
    e = _edges(a, b)
    return out(_mm(x, y), None if e is None else _node(MmBackward0, e, a, b))


class MvBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        m, v = self.saved
        na, nb = self._next
        return (np.outer(g, v) if na is not None else None, m.T @ g if nb is not None else None)


def mv(a: Tensor, b: Tensor) -> Tensor:
    m, v = a._data, b._data
    if m.ndim != 2 or v.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {m.ndim}, {v.ndim}")
    if m.shape[1] != v.shape[0]:
        raise RuntimeError(
            f"size mismatch, got input ({m.shape[0]}), mat ({m.shape[0]}x{m.shape[1]}), vec ({v.shape[0]})"
        )
    _same_dtype(m, v)
    e = _edges(a, b)
    return out(_mv(m, v), None if e is None else _node(MvBackward0, e, a, b))


class SqueezeBackward4(Node):
    """Names the result of vector @ matrix, which torch computes as unsqueeze, mm, squeeze."""

    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        v, m = self.saved
        na, nb = self._next
        return (m @ g if na is not None else None, np.outer(v, g) if nb is not None else None)


class UnsafeViewBackward0(Node):
    """Batched matmul; torch's result of folding batch dimensions has this name."""

    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y = self.saved
        na, nb = self._next
        x2 = x[..., None, :] if x.ndim == 1 else x
        y2 = y[:, None] if y.ndim == 1 else y
        g2 = g
        if x.ndim == 1:
            g2 = g2[..., None, :]
        if y.ndim == 1:
            g2 = g2[..., None]
        ga = gb = None
        if na is not None:
            ga = unbroadcast(g2 @ np.swapaxes(y2, -1, -2), x2.shape).reshape(x.shape)
        if nb is not None:
            gb = unbroadcast(np.swapaxes(x2, -1, -2) @ g2, y2.shape).reshape(y.shape)
        return (ga, gb)


def matmul(a: Tensor, b: Tensor) -> Tensor:
    x, y = a._data, b._data
    if x.ndim == 0 or y.ndim == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are {x.ndim}D and {y.ndim}D")
    if x.ndim == 1 and y.ndim == 1:
        return dot(a, b)
    if x.ndim == 2 and y.ndim == 1:
        return mv(a, b)
    if x.ndim == 2 and y.ndim == 2:
        return mm(a, b)
    if x.ndim == 1 and y.ndim == 2:
        if x.shape[0] != y.shape[0]:
            raise RuntimeError(
                f"mat1 and mat2 shapes cannot be multiplied (1x{x.shape[0]} and {y.shape[0]}x{y.shape[1]})"
            )
        _same_dtype(x, y)
        e = _edges(a, b)
        return out(x @ y, None if e is None else _node(SqueezeBackward4, e, a, b, True))
    _same_dtype(x, y)
    try:
        r = np.matmul(x, y)
    except ValueError:
        got = y.shape[-2] if y.ndim > 1 else y.shape[0]
        raise RuntimeError(
            "Expected size for first two dimensions of batch2 tensor to be: "
            f"[{x.shape[0] if x.ndim > 2 else 1}, {x.shape[-1]}] but got: [{y.shape[0]}, {got}]."
        ) from None
    e = _edges(a, b)
    # torch folds a batch @ matrix product into one mm; other shapes keep their own
    folded = y.ndim <= 2
    return out(r, None if e is None else _node(UnsafeViewBackward0, e, a, b, folded))
