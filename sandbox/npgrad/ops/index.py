"""Indexing (basic and advanced) and indexed assignment, with gradient flow."""

from __future__ import annotations

import re
import weakref
from typing import Any

import numpy as np

from ..autograd import ViewNode, is_grad_enabled
from ._core import Node, Tensor, bump, counter, edge, grad_on, keep, out, out_view, unbroadcast


class _IndexNode(Node):
    """Gradient of ``x[idx]``: scatter the incoming gradient into zeros of x's shape."""

    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        shape, dtype, idx, advanced = self.saved
        res = np.zeros(shape, dtype=dtype)
        if advanced:
            np.add.at(res, idx, g)  # repeated indices accumulate
        else:
            res[idx] = g
        return (res,)


class _IndexView(ViewNode, _IndexNode):
    """A view made by basic indexing. ``_base`` is (weak reference to the tensor indexed, the index) when
    that tensor is no view itself: a write through the view can then give it torch's CopySlices."""

    __slots__ = ("_base",)


class SelectBackward0(_IndexView):
    __slots__ = ()


class SliceBackward0(_IndexView):
    __slots__ = ()


class UnsqueezeBackward0(_IndexView):
    __slots__ = ()


class AliasBackward0(_IndexView):
    __slots__ = ()


class AsStridedBackward0(_IndexView):
    """A view's grad_fn after a write through it, named as torch names the one it re-derives."""

    __slots__ = ()


class IndexBackward0(_IndexNode):
    __slots__ = ()


class CopySlices(Node):
    """Gradient of ``x[idx] = v``: v gets the indexed part, x the rest."""

    __slots__ = ()
    saves = False

    def apply(self, g: np.ndarray) -> tuple:
        idx, vshape = self.saved
        gx = None
        if self._next[0] is not None:
            gx = np.array(g, copy=True)
            gx[idx] = 0
        gv = None
        if self._next[1] is not None:
            gv = unbroadcast(np.asarray(g[idx]), vshape)
        return (gx, gv)


def _component(c: Any) -> Any:
    if isinstance(c, Tensor):
        d = c._data
        if d.dtype.kind == "f":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        if d.ndim == 0 and d.dtype.kind != "b":
            return int(d)
        return d
    if isinstance(c, list):
        arr = np.array(c)
        if arr.dtype.kind == "f":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        return arr.astype(np.int64) if arr.dtype.kind in "iu" else arr
    if isinstance(c, np.ndarray):
        return c
    if isinstance(c, (int, np.integer)) and not isinstance(c, bool):
        return int(c)
    if isinstance(c, slice):
        if c.step is not None and c.step < 0:
            raise ValueError("step must be greater than zero")  # torch has no negative strides
        return c
    if c is None or c is Ellipsis:
        return c
    if isinstance(c, bool):
        return c
    raise IndexError(
        "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices "
        f"(got {type(c).__name__})"
    )


def normalize(idx: Any) -> tuple:
    """A numpy index from a torch one, and whether it is advanced and the grad node class."""
    comps = idx if isinstance(idx, tuple) else (idx,)
    comps = tuple(_component(c) for c in comps)
    advanced = any(isinstance(c, (np.ndarray, bool)) for c in comps)
    if advanced:
        return comps, True, IndexBackward0
    cls = None
    for c in comps:
        if isinstance(c, int):
            cls = SelectBackward0
        elif c is None:
            cls = UnsqueezeBackward0
        elif isinstance(c, slice) and c != slice(None):
            cls = SliceBackward0
    if cls is None:
        cls = SliceBackward0 if comps == (slice(None),) else AliasBackward0
    return comps, False, cls


def _torch_index_error(e: IndexError, shape: tuple) -> IndexError:
    msg = str(e)
    m = re.match(r"index (-?\d+) is out of bounds for axis (\d+) with size (\d+)", msg)
    if m:
        return IndexError(f"index {m[1]} is out of bounds for dimension {m[2]} with size {m[3]}")
    m = re.match(
        r"boolean index did not match indexed array along (?:axis|dimension) (\d+); size of "
        r"(?:axis|dimension) is (\d+) but size of corresponding boolean (?:axis|dimension) is (\d+)",
        msg,
    )
    if m:
        return IndexError(
            f"The shape of the mask [{m[3]}] at index {m[1]} does not match the shape of the indexed "
            f"tensor [{m[2]}] at index {m[1]}"
        )
    if msg.startswith("too many indices"):
        return IndexError(f"too many indices for tensor of dimension {len(shape)}")
    return e


def _steps(comps: tuple, ndim: int) -> list:
    """Split a basic index into torch's chain of select/slice/unsqueeze steps, one dim at a time."""
    n_ell = ndim - sum(1 for c in comps if c is not None and c is not Ellipsis)
    expanded: list = []
    for c in comps:
        expanded.extend([slice(None)] * max(n_ell, 0) if c is Ellipsis else [c])
    steps, dim = [], 0
    for c in expanded:
        if isinstance(c, int):
            steps.append(((slice(None),) * dim + (c,), SelectBackward0))
        elif c is None:
            steps.append(((slice(None),) * dim + (None,), UnsqueezeBackward0))
            dim += 1
        else:
            if c != slice(None):
                steps.append(((slice(None),) * dim + (c,), SliceBackward0))
            dim += 1
    return steps


def _saved_index(idx: Any, comps: tuple) -> tuple:
    """The index for backward, and records of the index tensors torch saves (and version-checks).

    Masks and numpy arrays are copied: torch turns them into index tensors of its own.
    """
    raw = idx if isinstance(idx, tuple) else (idx,)
    kept = []
    saved = []
    for r, c in zip(raw, comps, strict=True):
        if isinstance(c, np.ndarray):
            if type(r) is Tensor and r._data is c and c.dtype.kind != "b":
                kept.append(keep(r))
            else:
                c = c.copy()
        saved.append(c)
    return tuple(saved), tuple(kept) or None


def _basic(x: np.ndarray, comps: tuple) -> np.ndarray:
    # with an Ellipsis, numpy returns a 0-d view rather than a scalar copy: the result shares memory
    return x[comps] if Ellipsis in comps else x[(*comps, Ellipsis)]


def getitem(a: Tensor, idx: Any) -> Tensor:
    x = a._data
    comps, advanced, cls = normalize(idx)
    try:
        r = np.asarray(x[comps]) if advanced else _basic(x, comps)
    except IndexError as e:
        raise _torch_index_error(e, x.shape) from None
    if advanced:
        ea = edge(a) if grad_on() else None
        if ea is None:
            return out(r, None)
        saved, kept = _saved_index(idx, comps)
        node = cls((ea,), (x.shape, x.dtype, saved, True))
        node._vers = kept
        return out(r, node)
    if grad_on():
        ea = edge(a)
        if ea is not None:
            steps = _steps(comps, x.ndim)
            if len(steps) > 1:
                # one graph node per step, as torch records them
                t = a
                for sub, step_cls in steps:
                    d = t._data
                    t = out_view(t, _basic(d, sub), step_cls((edge(t),), (d.shape, d.dtype, sub, False)))
                    t.grad_fn._base = None
            else:
                t = out_view(a, r, cls((ea,), (x.shape, x.dtype, comps, False)))
            root = a.grad_fn is None or not a.grad_fn.is_view
            t.grad_fn._base = (weakref.ref(a), comps) if root else None
            return t
    return out_view(a, r, None)


_LEAF_INPLACE = "a leaf Variable that requires grad is being used in an in-place operation."


def check_inplace(t: Tensor) -> None:
    """torch refuses to write into a leaf that requires grad while grad mode is on."""
    if t._rg and is_grad_enabled():
        if t.grad_fn is None:
            raise RuntimeError(_LEAF_INPLACE)
        if t.grad_fn.is_view:
            if t.grad_fn._next and type(t.grad_fn._next[0]).__name__ == "AccumulateGrad":
                raise RuntimeError(
                    "a view of a leaf Variable that requires grad is being used in an in-place operation."
                )
            if view_base(t) is None:
                raise NotImplementedError(
                    "npgrad supports in-place writes into a view of a tensor that requires grad only for "
                    "views made by indexing that tensor, like x[0] or x[:, 1:]"
                )


def check_joins_graph(t: Tensor) -> None:
    """Refuse an in-place write that puts a tensor sharing memory with others into the graph.

    torch would give its views (or its base) a new grad_fn too; npgrad cannot, and their
    gradients would be silently wrong.
    """
    if t.grad_fn is None and not t._rg and t._vc is not None and t._vc[3]:
        raise NotImplementedError(
            "npgrad does not support an in-place operation with a tensor that requires grad on a view, "
            "or on a tensor a view was taken of; use an out-of-place operation"
        )


def view_base(t: Tensor) -> tuple | None:
    """(the tensor ``t`` indexes, the index) when a write through ``t`` must update that tensor's graph."""
    gf = t.grad_fn
    info = getattr(gf, "_base", None) if gf is not None and gf.is_view else None
    if info is None:
        return None
    base = info[0]()
    return None if base is None else (base, info[1])


def rebase(view: Tensor, info: tuple) -> None:
    """After a recorded write through ``view``: its base gets torch's CopySlices, the view a fresh node."""
    base, comps = info
    cs = CopySlices((edge(base), view.grad_fn), (comps, view._data.shape))
    base.grad_fn = cs
    base._rg = True
    vc = counter(view)
    vc[1] = "torch::autograd::CopySlices"
    node = AsStridedBackward0((cs,), (base._data.shape, base._data.dtype, comps, False))
    node._gv = vc[2]
    node._base = (weakref.ref(base), comps)
    view.grad_fn = node


def setitem(a: Tensor, idx: Any, value: Any) -> None:
    check_inplace(a)
    x = a._data
    comps, _, _ = normalize(idx)
    v = value._data if isinstance(value, Tensor) else np.asarray(value)
    track = grad_on() and (a._rg or (isinstance(value, Tensor) and value._rg))
    base = None
    if track:
        check_joins_graph(a)
        base = view_base(a)
    try:
        x[comps] = v
    except IndexError as e:
        raise _torch_index_error(e, x.shape) from None
    except ValueError as e:
        raise RuntimeError(f"npgrad: could not assign: {e}") from None
    if not track:
        bump(a)
        return
    saved, kept = _saved_index(idx, comps)
    node = CopySlices((edge(a), edge(value)), (saved, v.shape))
    node._vers = kept
    bump(a, node)
    a.grad_fn = node
    a._rg = True
    if base is not None:
        rebase(a, base)
