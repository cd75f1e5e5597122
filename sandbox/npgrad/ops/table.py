"""One line per op: torch's signature, npgrad's implementation, and whether it is a ``torch.`` function ("f"),
a Tensor method ("m") or both. ``methods.bind`` and the package's exports are generated from it
(``signature.py`` reads the signatures)."""

from __future__ import annotations

from collections.abc import Callable

from . import elementary, linalg, reduce, select, shape, stats
from . import pointwise as pw
from .signature import function, method

OPS: list[tuple[str, Callable, str]] = [
    # arithmetic (the operators bind the implementations directly: no keywords to resolve)
    ("add(input: Tensor, other, *, alpha, out)", pw.add, "fm"),
    ("sub(input: Tensor, other, *, alpha, out)", pw.sub, "fm"),
    ("subtract(input: Tensor, other, *, alpha, out)", pw.sub, "fm"),
    ("mul(input: Tensor, other, *, out)", pw.mul, "fm"),
    ("multiply(input: Tensor, other, *, out)", pw.mul, "fm"),
    ("div(input: Tensor, other, *, rounding_mode, out)", pw.div, "fm"),
    ("divide(input: Tensor, other, *, rounding_mode, out)", pw.div, "fm"),
    ("true_divide(dividend: Tensor, divisor, *, out)", pw.div, "fm"),
    ("floor_divide(input: Tensor, other, *, out)", pw.floor_divide, "fm"),
    ("remainder(input: Tensor, other, *, out)", pw.remainder, "fm"),
    ("pow(input: Tensor, exponent, *, out)", pw.pow, "fm"),
    ("maximum(input: Tensor, other: Tensor, *, out)", pw.maximum, "fm"),
    ("minimum(input: Tensor, other: Tensor, *, out)", pw.minimum, "fm"),
    ("clamp(input: Tensor, min, max, *, out)", pw.clamp, "fm"),
    ("clip(input: Tensor, min, max, *, out)", pw.clamp, "fm"),
    # unary
    ("neg(input: Tensor, *, out)", pw.neg, "fm"),
    ("negative(input: Tensor, *, out)", pw.neg, "fm"),
    ("abs(input: Tensor, *, out)", pw.abs, "fm"),
    ("exp(input: Tensor, *, out)", pw.exp, "fm"),
    ("log(input: Tensor, *, out)", pw.log, "fm"),
    ("sqrt(input: Tensor, *, out)", pw.sqrt, "fm"),
    ("sin(input: Tensor, *, out)", pw.sin, "fm"),
    ("cos(input: Tensor, *, out)", pw.cos, "fm"),
    ("tanh(input: Tensor, *, out)", pw.tanh, "fm"),
    ("sigmoid(input: Tensor, *, out)", pw.sigmoid, "fm"),
    ("relu(input: Tensor)", pw.relu, "fm"),
    ("reciprocal(input: Tensor, *, out)", pw.reciprocal, "fm"),
    ("square(input: Tensor, *, out)", pw.square, "fm"),
    ("log2(input: Tensor, *, out)", elementary.log2, "fm"),
    ("log10(input: Tensor, *, out)", elementary.log10, "fm"),
    ("log1p(input: Tensor, *, out)", elementary.log1p, "fm"),
    ("expm1(input: Tensor, *, out)", elementary.expm1, "fm"),
    ("tan(input: Tensor, *, out)", elementary.tan, "fm"),
    ("rsqrt(input: Tensor, *, out)", elementary.rsqrt, "fm"),
    ("round(input: Tensor, *, decimals, out)", elementary.round, "fm"),
    ("floor(input: Tensor, *, out)", elementary.floor, "fm"),
    ("ceil(input: Tensor, *, out)", elementary.ceil, "fm"),
    ("trunc(input: Tensor, *, out)", elementary.trunc, "fm"),
    ("sign(input: Tensor, *, out)", elementary.sign, "fm"),
    ("isnan(input: Tensor)", elementary.isnan, "fm"),
    ("isinf(input: Tensor)", elementary.isinf, "fm"),
    ("isfinite(input: Tensor)", elementary.isfinite, "fm"),
    # comparisons and logic
    ("eq(input: Tensor, other, *, out)", pw.eq, "fm"),
    ("ne(input: Tensor, other, *, out)", pw.ne, "fm"),
    ("lt(input: Tensor, other, *, out)", pw.lt, "fm"),
    ("le(input: Tensor, other, *, out)", pw.le, "fm"),
    ("gt(input: Tensor, other, *, out)", pw.gt, "fm"),
    ("ge(input: Tensor, other, *, out)", pw.ge, "fm"),
    ("logical_not(input: Tensor, *, out)", pw.bitwise_not, "fm"),
    ("where(condition: Tensor, input, other, *, out)", select.where, "f"),
    ("all(input: Tensor, dim, keepdim, *, out)", stats.all, "fm"),
    ("any(input: Tensor, dim, keepdim, *, out)", stats.any, "fm"),
    # reductions
    ("sum(input: Tensor, dim, keepdim, *, dtype, out)", reduce.sum, "fm"),
    ("mean(input: Tensor, dim, keepdim, *, dtype, out)", reduce.mean, "fm"),
    ("prod(input: Tensor, dim, keepdim, *, dtype, out)", stats.prod, "fm"),
    ("max(input: Tensor, dim, keepdim)", reduce.max, "fm"),
    ("min(input: Tensor, dim, keepdim)", reduce.min, "fm"),
    ("argmax(input: Tensor, dim, keepdim)", reduce.argmax, "fm"),
    ("argmin(input: Tensor, dim, keepdim)", reduce.argmin, "fm"),
    ("std(input: Tensor, dim, unbiased, keepdim, *, correction, out)", stats.std, "fm"),
    ("var(input: Tensor, dim, unbiased, keepdim, *, correction, out)", stats.var, "fm"),
    ("norm(input: Tensor, p, dim, keepdim, *, dtype, out)", stats.norm, "fm"),
    ("logsumexp(input: Tensor, dim, keepdim, *, out)", stats.logsumexp, "fm"),
    ("cumsum(input: Tensor, dim, *, dtype, out)", stats.cumsum, "fm"),
    ("cumprod(input: Tensor, dim, *, dtype, out)", stats.cumprod, "fm"),
    ("softmax(input: Tensor, dim, dtype)", select.softmax, "fm"),
    ("log_softmax(input: Tensor, dim, dtype)", select.log_softmax, "fm"),
    ("sort(input: Tensor, dim, descending, *, stable)", select.sort, "fm"),
    ("argsort(input: Tensor, dim, descending, *, stable)", select.argsort, "fm"),
    ("topk(input: Tensor, k, dim, largest, sorted)", select.topk, "fm"),
    # products
    ("dot(input: Tensor, tensor: Tensor, *, out)", linalg.dot, "fm"),
    ("mm(input: Tensor, mat2: Tensor, *, out)", linalg.mm, "fm"),
    ("mv(input: Tensor, vec: Tensor, *, out)", linalg.mv, "fm"),
    ("matmul(input: Tensor, other: Tensor, *, out)", linalg.matmul, "fm"),
    # shapes
    ("reshape(input: Tensor, *shape)", shape.reshape, "fm"),
    ("flatten(input: Tensor, start_dim, end_dim)", shape.flatten, "fm"),
    ("transpose(input: Tensor, dim0, dim1)", shape.transpose, "fm"),
    ("swapaxes(input: Tensor, axis0, axis1)", shape.transpose, "fm"),
    ("t(input: Tensor)", shape.t, "fm"),
    ("permute(input: Tensor, *dims)", shape.permute, "fm"),
    ("squeeze(input: Tensor, dim)", shape.squeeze, "fm"),
    ("unsqueeze(input: Tensor, dim)", shape.unsqueeze, "fm"),
    ("flip(input: Tensor, *dims)", shape.flip, "fm"),
    ("clone(input: Tensor, *, memory_format)", shape.clone, "fm"),
    ("cat(tensors, dim, *, out)", shape.cat, "f"),
    ("concat(tensors, dim, *, out)", shape.cat, "f"),
    ("concatenate(tensors, dim, *, out)", shape.cat, "f"),
    ("stack(tensors, dim, *, out)", shape.stack, "f"),
]


def functions() -> dict:
    """``torch.<name>`` for each op marked "f"."""
    return {fn.__name__: fn for fn in (function(spec, impl) for spec, impl, kinds in OPS if "f" in kinds)}


def methods() -> dict:
    """``Tensor.<name>`` for each op marked "m"."""
    return {m.__name__: m for m in (method(spec, impl) for spec, impl, kinds in OPS if "m" in kinds)}
