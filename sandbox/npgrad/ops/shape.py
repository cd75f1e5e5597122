"""Shape operations. Views share memory with their input, as in torch."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes
from ..autograd import ViewNode
from ..tensor import Size, _dim, _shape_arg
from ._core import Node, Tensor, edge, grad_on, out, out_view, unary_node, unbroadcast
from ._core import broadcast_shapes as pair

_VIEW_ERR = (
    "view size is not compatible with input tensor's size and stride (at least one dimension "
    "spans across two contiguous subspaces). Use .reshape(...) instead."
)


def _infer(shape: tuple, numel: int) -> tuple:
    """Resolve one -1 in ``shape``; torch's error when the sizes don't fit."""
    shape = _shape_arg(shape)
    known = 1
    neg = [i for i, s in enumerate(shape) if s == -1]
    for s in shape:
        if s != -1:
            known *= s
    bad = len(neg) > 1 or any(s < -1 for s in shape)
    if not bad and neg:
        if known == 0 or numel % known:
            bad = True
        else:
            shape = (*shape[: neg[0]], numel // known, *shape[neg[0] + 1 :])
    elif known != numel:
        bad = True
    if bad:
        if len(neg) > 1:
            raise RuntimeError("only one dimension can be inferred")
        raise RuntimeError(f"shape '[{', '.join(map(str, shape))}]' is invalid for input of size {numel}")
    return shape


class ViewBackward0(ViewNode):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (g.reshape(self.saved),)


class UnsafeViewBackward0(ViewBackward0):
    __slots__ = ()
    is_view = False  # the result of a copy


class CloneBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (g,)


def _view_array(x: np.ndarray, shape: tuple) -> np.ndarray | None:
    r = x.reshape(shape)
    if x.flags.c_contiguous or r.size == 0 or np.may_share_memory(r, x):
        return r
    return None


def view(a: Tensor, *shape: Any) -> Tensor:
    if len(shape) == 1 and isinstance(shape[0], dtypes.dtype):
        raise NotImplementedError("npgrad does not support Tensor.view(dtype)")
    x = a._data
    shape = _infer(shape, x.size)
    r = _view_array(x, shape)
    if r is None:
        raise RuntimeError(_VIEW_ERR)
    return out_view(a, r, unary_node(a, ViewBackward0, x.shape))


def reshape(a: Tensor, *shape: Any) -> Tensor:
    x = a._data
    shape = _infer(shape, x.size)
    r = _view_array(x, shape)
    if r is not None:
        return out_view(a, r, unary_node(a, ViewBackward0, x.shape))
    c = clone(a)
    return out(c._data.reshape(shape), unary_node(c, UnsafeViewBackward0, x.shape))


def flatten(a: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    shape = a._data.shape
    if not shape:
        return reshape(a, 1)
    s, e = _dim(start_dim, len(shape)), _dim(end_dim, len(shape))
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return a
    mid = 1
    for n in shape[s : e + 1]:
        mid *= n
    return reshape(a, *shape[:s], mid, *shape[e + 1 :])


def clone(a: Tensor, memory_format: Any = None) -> Tensor:
    return out(np.array(a._data, copy=True), unary_node(a, CloneBackward0, None))


def contiguous(a: Tensor, memory_format: Any = None) -> Tensor:
    if a._data.flags.c_contiguous:
        return a
    return out(np.ascontiguousarray(a._data), unary_node(a, CloneBackward0, None))


class TransposeBackward0(ViewNode):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        d0, d1 = self.saved
        return (np.swapaxes(g, d0, d1),)


class TBackward0(ViewNode):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (g.T,)


def transpose(a: Tensor, dim0: int, dim1: int) -> Tensor:
    x = a._data
    d0, d1 = _dim(dim0, x.ndim), _dim(dim1, x.ndim)
    if x.ndim == 0:
        return out_view(a, x, unary_node(a, TransposeBackward0, (0, 0)))
    return out_view(a, np.swapaxes(x, d0, d1), unary_node(a, TransposeBackward0, (d0, d1)))


def t(a: Tensor) -> Tensor:
    x = a._data
    if x.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {x.ndim}D")
    return out_view(a, x.T, unary_node(a, TBackward0, None))


class PermuteBackward0(ViewNode):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (np.transpose(g, np.argsort(self.saved)),)


def permute(a: Tensor, *dims: Any) -> Tensor:
    x = a._data
    dims = _shape_arg(dims) if dims and not isinstance(dims[0], int) else tuple(dims)
    if len(dims) != x.ndim:
        raise RuntimeError(
            "permute(sparse_coo): number of dimensions in the tensor input does not match the length "
            "of the desired ordering of dimensions i.e. input.dim() = "
            f"{x.ndim} is not equal to len(dims) = {len(dims)}"
        )
    dims = tuple(_dim(d, x.ndim) for d in dims)
    if len(set(dims)) != len(dims):
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return out_view(a, np.transpose(x, dims), unary_node(a, PermuteBackward0, dims))


_T_DEPRECATED = (
    "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will "
    "throw an error in a future release. Consider `x.mT` to transpose batches of matrices or "
    "`x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered "
    "internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4314.)"
)


def T(a: Tensor) -> Tensor:  # noqa: N802 - torch's attribute name
    if a._data.ndim != 2:
        import warnings

        warnings.warn(_T_DEPRECATED, UserWarning, stacklevel=3)
    return permute(a, *range(a._data.ndim - 1, -1, -1))


class SqueezeBackward0(ViewNode):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (g.reshape(self.saved),)


class SqueezeBackward1(SqueezeBackward0):
    __slots__ = ()


class SqueezeBackward2(SqueezeBackward0):
    __slots__ = ()


class UnsqueezeBackward0(SqueezeBackward0):
    __slots__ = ()


def squeeze(a: Tensor, dim: Any = None) -> Tensor:
    x = a._data
    if dim is None:
        return out_view(a, x.reshape(tuple(s for s in x.shape if s != 1)), unary_node(a, SqueezeBackward0, x.shape))
    if isinstance(dim, (tuple, list)):
        dims = {_dim(d, x.ndim) for d in dim}
        cls = SqueezeBackward2
    else:
        dims = {_dim(dim, x.ndim)}
        cls = SqueezeBackward1
    shape = tuple(s for i, s in enumerate(x.shape) if not (i in dims and s == 1))
    return out_view(a, x.reshape(shape), unary_node(a, cls, x.shape))


def unsqueeze(a: Tensor, dim: int) -> Tensor:
    x = a._data
    d = _dim(dim, x.ndim + 1)
    return out_view(a, np.expand_dims(x, d), unary_node(a, UnsqueezeBackward0, x.shape))


class ExpandBackward0(ViewNode):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (unbroadcast(g, self.saved),)


def expand(a: Tensor, *sizes: Any) -> Tensor:
    x = a._data
    sizes = _shape_arg(sizes)
    if len(sizes) < x.ndim:
        raise RuntimeError(
            f"expand(torch.FloatTensor{{[{', '.join(map(str, x.shape))}]}}, size=[{', '.join(map(str, sizes))}]): "
            "the number of sizes provided "
            f"({len(sizes)}) must be greater or equal to the number of dimensions in the tensor ({x.ndim})"
        )
    lead = len(sizes) - x.ndim
    target = []
    for i, s in enumerate(sizes):
        if i < lead:
            target.append(s)
            continue
        cur = x.shape[i - lead]
        if s == -1:
            s = cur
        elif cur != s and cur != 1:
            raise RuntimeError(
                f"The expanded size of the tensor ({s}) must match the existing size ({cur}) at "
                f"non-singleton dimension {i}.  Target sizes: [{', '.join(map(str, sizes))}].  "
                f"Tensor sizes: [{', '.join(map(str, x.shape))}]"
            )
        target.append(s)
    return out_view(a, np.broadcast_to(x, tuple(target)), unary_node(a, ExpandBackward0, x.shape))


def expand_as(a: Tensor, other: Tensor) -> Tensor:
    return expand(a, *other._data.shape)


class CatBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        d, sizes = self.saved  # None marks an empty 1-D input that cat skipped
        kept = [n for n in sizes if n is not None]
        parts = iter(np.split(g, np.cumsum(kept)[:-1], axis=d))
        return tuple(np.zeros(0, g.dtype) if n is None else next(parts) for n in sizes)


class StackBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        d, n = self.saved
        return tuple(np.take(g, i, axis=d) for i in range(n))


def _common(tensors: Any) -> tuple:
    if isinstance(tensors, Tensor):
        raise TypeError("expected a sequence of Tensors (a list or tuple), not a Tensor")
    tensors = list(tensors)
    if not tensors:
        raise RuntimeError("expected a non-empty list of Tensors")
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got {type(t).__name__}")
    rt = dtypes.result_type([(dtypes.from_numpy_dtype(t._data.dtype), 0) for t in tensors]).np
    return tensors, [t._data if t._data.dtype == rt else t._data.astype(rt) for t in tensors]


def _edges(tensors: list) -> tuple | None:
    if not grad_on():
        return None
    es = tuple(edge(t) for t in tensors)
    return es if any(e is not None for e in es) else None


def cat(tensors: Any, dim: int = 0) -> Tensor:
    tensors, arrs = _common(tensors)
    # torch skips an empty 1-D tensor whatever the others' shapes (a legacy rule it keeps)
    skipped = [x.shape == (0,) for x in arrs]
    kept = [x for x, s in zip(arrs, skipped, strict=True) if not s]
    if not kept:
        kept = arrs[:1]
        skipped = [False, *skipped[1:]]
    d = _dim(dim, kept[0].ndim)
    ref = kept[0].shape
    for k, x in enumerate(arrs):
        if skipped[k] or x is kept[0]:
            continue
        if x.ndim != len(ref):
            raise RuntimeError(f"Tensors must have same number of dimensions: got {len(ref)} and {x.ndim}")
        for i, (p, q) in enumerate(zip(ref, x.shape, strict=True)):
            if i != d and p != q:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size {p} but got "
                    f"size {q} for tensor number {k} in the list."
                )
    es = _edges(tensors)
    r = np.concatenate(kept, axis=d)
    sizes = [None if s else x.shape[d] for x, s in zip(arrs, skipped, strict=True)]
    return out(r, None if es is None else CatBackward0(es, (d, sizes)))


def stack(tensors: Any, dim: int = 0) -> Tensor:
    tensors, arrs = _common(tensors)
    for k, x in enumerate(arrs[1:], 1):
        if x.shape != arrs[0].shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(arrs[0].shape)} at entry 0 "
                f"and {list(x.shape)} at entry {k}"
            )
    d = _dim(dim, arrs[0].ndim + 1)
    es = _edges(tensors)
    return out(np.stack(arrs, axis=d), None if es is None else StackBackward0(es, (d, len(arrs))))


class ToCopyBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (g.astype(self.saved),)


def to_dtype(a: Tensor, dt: dtypes.dtype, copy: bool = False) -> Tensor:
    x = a._data
    if x.dtype == dt.np and not copy:
        return a
    r = x.astype(dt.np)
    node = unary_node(a, ToCopyBackward0, x.dtype) if dt.is_floating_point else None
    return out(r, node)


class FlipBackward0(Node):
    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        return (np.flip(g, self.saved),)


def flip(a: Tensor, *dims: Any) -> Tensor:
    """A copy with the order of elements reversed along ``dims`` (torch copies; so does this)."""
    x = a._data
    dims = tuple(_dim(d, x.ndim) for d in (_shape_arg(dims) if dims else ()))
    return out(np.flip(x, dims).copy(), unary_node(a, FlipBackward0, dims))


def broadcast_shapes(*shapes: Any) -> Size:
    result: tuple = ()
    for s in shapes:
        result = pair(result, (s,) if isinstance(s, int) else tuple(s))
    return Size(result)


__all__ = ["Size"]
