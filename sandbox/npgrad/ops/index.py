"""Indexing (basic and advanced) and indexed assignment, with gradient flow."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from ._core import Node, Tensor, edge, grad_on, out, unbroadcast


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


class SelectBackward0(_IndexNode):
    __slots__ = ()


class SliceBackward0(_IndexNode):
    __slots__ = ()


class UnsqueezeBackward0(_IndexNode):
    __slots__ = ()


class AliasBackward0(_IndexNode):
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


def getitem(a: Tensor, idx: Any) -> Tensor:
    x = a._data
    comps, advanced, cls = normalize(idx)
    try:
        r = np.asarray(x[comps])
    except IndexError as e:
        raise _torch_index_error(e, x.shape) from None
    if grad_on():
        ea = edge(a)
        if ea is not None:
            steps = None if advanced else _steps(comps, x.ndim)
            if steps and len(steps) > 1:
                # one graph node per step, as torch records them
                t = a
                for sub, step_cls in steps:
                    d = t._data
                    t = out(d[sub], step_cls((edge(t),), (d.shape, d.dtype, sub, False)))
                return t
            return out(r, cls((ea,), (x.shape, x.dtype, comps, advanced)))
    return out(r, None)


def setitem(a: Tensor, idx: Any, value: Any) -> None:
    a._check_inplace()
    x = a._data
    comps, _, _ = normalize(idx)
    v = value._data if isinstance(value, Tensor) else np.asarray(value)
    track = grad_on() and (a._rg or (isinstance(value, Tensor) and value._rg))
    try:
        x[comps] = v
    except IndexError as e:
        raise _torch_index_error(e, x.shape) from None
    except ValueError as e:
        raise RuntimeError(f"npgrad: could not assign: {e}") from None
    if track:
        node = CopySlices((edge(a), edge(value)), (comps, v.shape))
        a.grad_fn = node
        a._rg = True
