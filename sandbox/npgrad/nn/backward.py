"""The graph nodes of torch.nn.functional's fused ops (addmm, nll_loss, mse_loss; softmax is in ops.select), named
like torch's, each computing its values in the order torch's CPU kernels do."""

from __future__ import annotations

import numpy as np

from ..ops import summation
from ..ops._core import Node, Tensor, constant, edge, grad_on, keep, out, unbroadcast
from ..ops.linalg import _mm
from ..ops.reduce import _in_torch_order


def _edges(*ts: Tensor | None) -> tuple | None:
    if not grad_on():
        return None
    es = tuple(None if t is None else edge(t) for t in ts)
    return None if all(e is None for e in es) else es


class AddmmBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        bias_shape, x, wt = self.saved
        nb, nx, nw = self._next
        return (
            unbroadcast(g, bias_shape) if nb is not None else None,
            _mm(g, wt.T) if nx is not None else None,
            _mm(x.T, g) if nw is not None else None,
        )


def addmm(bias: Tensor, x: Tensor, wt: Tensor) -> Tensor:
    """``bias + x @ wt`` for a matrix x, as one op (torch's linear layer on a batch)."""
    r = _mm(x._data, wt._data) + bias._data
    e = _edges(bias, x, wt)
    if e is None:
        return out(r, None)
    node = AddmmBackward0(e, (bias._data.shape, x._data, wt._data))
    kept = (keep(wt),) if e[1] is not None else ()
    node._vers = kept + ((keep(x),) if e[2] is not None else ())
    return out(r, node)


class NllLossBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        shape, rows, picked, scale = self.saved
        grad = np.zeros(shape, g.dtype)
        if g.ndim:  # reduction "none": one gradient per row
            g = g.reshape(-1)[rows]
        grad.reshape(-1, shape[-1])[rows, picked] = -(g / g.dtype.type(scale)) if scale else -g
        return (grad,)


def nll_loss(logp: Tensor, target: Tensor, reduction: str, ignore_index: int) -> Tensor:
    x = logp._data
    if x.ndim not in (1, 2):
        raise NotImplementedError(
            "npgrad (the in-browser stand-in for torch) supports nll_loss on (N, C) or (C,) input"
        )
    t = target._data.reshape(-1)
    if t.dtype.kind not in "iu":
        raise RuntimeError(f"expected scalar type Long but found {target.dtype.scalar_type}")
    flat = x.reshape(-1, x.shape[-1])
    if flat.shape[0] != t.shape[0]:
        raise ValueError(f"Expected input batch_size ({flat.shape[0]}) to match target batch_size ({t.shape[0]}).")
    keep_rows = np.nonzero(t != ignore_index)[0]
    picked = t[keep_rows]
    if picked.size and (picked.min() < 0 or picked.max() >= x.shape[-1]):
        bad = picked[(picked < 0) | (picked >= x.shape[-1])][0]
        raise IndexError(f"Target {bad} is out of bounds.")
    values = flat[keep_rows, picked]
    if reduction == "none":
        r = np.zeros(t.shape, x.dtype)
        r[keep_rows] = -values
        scale = 0
    else:
        r = np.asarray(_cascade_sum_neg(values, t != ignore_index))
        scale = keep_rows.size if reduction == "mean" else 0
        if reduction == "mean":
            with np.errstate(invalid="ignore"):  # every target ignored: 0 / 0, nan as in torch
                r = np.asarray(r / x.dtype.type(scale), x.dtype)
    e = _edges(logp)
    return out(r, None if e is None else NllLossBackward0(e, (x.shape, keep_rows, picked, scale)))


def _cascade_sum_neg(values: np.ndarray, kept: np.ndarray) -> np.floating:
    """torch's nll_loss sum: ``-=`` into 8 levels of partial sums, a level carried up every 16 rows."""
    f = values.dtype.type
    levels = [f(0)] * 8
    it = iter(values.tolist())
    for b, k in enumerate(kept.tolist()):
        if not k:
            continue
        levels[0] = f(levels[0] - f(next(it)))
        for j in range(7):
            if b & (15 << (j * 4)):
                break
            levels[j + 1] = f(levels[j + 1] + levels[j])
            levels[j] = f(0)
    total = f(0)
    for v in levels:
        total = f(total + v)
    return total


class MseLossBackward0(Node):
    __slots__ = ()

    def apply(self, g: np.ndarray) -> tuple:
        x, y, norm = self.saved
        nx, ny = self._next
        grad = np.asarray(x.dtype.type(norm) * (x - y) * g, x.dtype)
        return (grad if nx is not None else None, -grad if ny is not None else None)


def mse_loss(a: Tensor, b: Tensor, reduction: str) -> Tensor:
    x, y = a._data, b._data
    if x.shape != y.shape:
        x, y = np.broadcast_arrays(x, y)
    d = x - y
    sq = d * d
    if reduction == "none":
        r, norm = sq, 2.0
    else:  # torch sums the squares with its sum kernel (its order: ops/summation.py), and divides for the mean
        total = summation.total(sq) if _in_torch_order(sq, None) else np.asarray(sq.sum(), x.dtype)
        if reduction == "sum":
            r, norm = total, 2.0
        else:
            r, norm = np.asarray(total / constant(sq.size, x.dtype), x.dtype), 2.0 / sq.size
    e = _edges(a, b)
    if e is None:
        return out(r, None)
    if a._data.shape != b._data.shape:
        raise NotImplementedError("npgrad (the in-browser stand-in for torch) differentiates mse_loss with "
                                  "input and target of one shape only")  # fmt: skip
    node = MseLossBackward0(e, (x, y, norm))
    node._vers = (keep(a), keep(b))
    return out(r, node)
