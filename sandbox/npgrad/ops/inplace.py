"""In-place variants (``add_``, ``mul_``, ``zero_``, ``fill_``, ``+=`` ...): they write into the
tensor's memory, so views and ``from_numpy`` arrays see the change, as in torch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import autograd
from ..dtypes import scalar_type
from . import index, pointwise
from ._core import OUTPUT, Tensor, _wrap, bump, grad_on
from .index import check_inplace, check_joins_graph


def _write(a: Tensor, r: np.ndarray) -> None:
    dst = a._data
    if r.dtype != dst.dtype and not np.can_cast(r.dtype, dst.dtype, casting="same_kind"):
        raise RuntimeError(
            f"result type {scalar_type(r.dtype)} can't be cast to the desired output type {scalar_type(dst.dtype)}"
        )
    if r.shape != dst.shape:
        try:
            np.broadcast_to(r, dst.shape)
        except ValueError:
            raise RuntimeError(
                f"output with shape [{', '.join(map(str, dst.shape))}] doesn't match the broadcast "
                f"shape [{', '.join(map(str, r.shape))}]"
            ) from None
    np.copyto(dst, r, casting="same_kind")


def _inplace(fn: Callable) -> Callable:
    def op(a: Tensor, *args: Any, **kwargs: Any) -> Tensor:
        check_inplace(a)
        tracked = grad_on() and (a._rg or any(isinstance(v, Tensor) and v._rg for v in args))
        if not tracked:
            with autograd.no_grad():
                r = fn(a, *args, **kwargs)
            _write(a, r._data)
            bump(a)
            return a
        check_joins_graph(a)
        base = index.view_base(a)
        # the backward rule may need the old values: give it a copy, then overwrite in place
        old = _wrap(a._data.copy())
        old.grad_fn = a.grad_fn
        old._rg = a._rg
        # a copy of the counter, not the counter: the copy's values never change (and a view's stays current)
        old._vc = None if a._vc is None else list(a._vc)
        r = fn(old, *args, **kwargs)
        _write(a, r._data)
        node = r.grad_fn
        bump(a, node)
        if node._vers is not None:
            # a saved result is now ``a`` itself, at its new version
            vc, rvc = a._vc, r._vc
            node._vers = tuple((vc, vc[0], a._data, OUTPUT) if rec[0] is rvc else rec for rec in node._vers)
        a.grad_fn = node
        a._rg = True
        if base is not None:
            index.rebase(a, base)
        return a

    op.__name__ = fn.__name__ + "_"
    return op


add_ = _inplace(pointwise.add)
sub_ = _inplace(pointwise.sub)
mul_ = _inplace(pointwise.mul)
div_ = _inplace(pointwise.div)
pow_ = _inplace(pointwise.pow)
clamp_ = _inplace(pointwise.clamp)
neg_ = _inplace(pointwise.neg)
abs_ = _inplace(pointwise.abs)
exp_ = _inplace(pointwise.exp)
relu_ = _inplace(pointwise.relu)
sqrt_ = _inplace(pointwise.sqrt)


def zero_(a: Tensor) -> Tensor:
    return fill_(a, 0)


def fill_(a: Tensor, value: Any) -> Tensor:
    check_inplace(a)
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(
                f"fill_ only supports 0-dimension value tensor but got tensor with {value._data.ndim} dimensions."
            )
        value = value.item()
    if a.grad_fn is not None and grad_on():
        raise NotImplementedError("npgrad: fill_/zero_ on a tensor that has a grad_fn is not supported")
    a._data[...] = value
    bump(a)
    return a


def copy_(a: Tensor, src: Tensor) -> Tensor:
    check_inplace(a)
    if isinstance(src, Tensor) and src._rg and grad_on():
        raise NotImplementedError("npgrad: copy_ from a tensor that requires grad is not supported")
    _write(a, np.asarray(src._data if isinstance(src, Tensor) else src).astype(a._data.dtype))
    bump(a)
    return a
