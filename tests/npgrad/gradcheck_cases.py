"""Finite-difference gradient checks for every differentiable op, in float64.

Needs only numpy and the engine, so the same checks run under CPython and inside Pyodide.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

# name -> (function of the engine module and inputs, input shapes, low, high)
CASES: dict[str, tuple[Callable, list, float, float]] = {
    "add-broadcast": (lambda m, a, b: a + b, [(3, 1), (4,)], -2, 2),
    "sub-broadcast": (lambda m, a, b: a - b, [(2, 3), (1, 3)], -2, 2),
    "mul-broadcast": (lambda m, a, b: a * b, [(2, 1, 3), (4, 1)], -2, 2),
    "div": (lambda m, a, b: a / b, [(3,), (2, 3)], 0.5, 2),
    "pow-scalar": (lambda m, a: a**3, [(4,)], -2, 2),
    "pow-tensor": (lambda m, a, b: a**b, [(3,), (3,)], 0.5, 2),
    "rpow": (lambda m, a: 3**a, [(3,)], -1, 1),
    "rdiv": (lambda m, a: 2 / a, [(3,)], 0.5, 2),
    "rsub": (lambda m, a: 1 - a, [(3,)], -1, 1),
    "neg-abs": (lambda m, a: (-a).abs(), [(5,)], 0.2, 2),
    "exp-log": (lambda m, a: a.exp() + a.log(), [(4,)], 0.5, 2),
    "sqrt": (lambda m, a: a.sqrt(), [(4,)], 0.5, 2),
    "trig": (lambda m, a: a.sin() * a.cos(), [(4,)], -2, 2),
    "tanh-sigmoid": (lambda m, a: a.tanh() + m.sigmoid(a), [(4,)], -2, 2),
    "relu": (lambda m, a: a.relu(), [(6,)], 0.1, 2),
    "clamp": (lambda m, a: a.clamp(-0.5, 0.5), [(6,)], 0.6, 2),
    "sum-mean": (lambda m, a: a.sum(0) + a.mean(1, keepdim=True), [(3, 3)], -2, 2),
    "max-min": (lambda m, a: a.max() + a.min(dim=0).values.sum(), [(3, 4)], -2, 2),
    "dot": (lambda m, a, b: a.dot(b), [(4,), (4,)], -2, 2),
    "mm": (lambda m, a, b: a.mm(b), [(2, 3), (3, 4)], -2, 2),
    "mv": (lambda m, a, b: a @ b, [(2, 3), (3,)], -2, 2),
    "vm": (lambda m, a, b: a @ b, [(3,), (3, 2)], -2, 2),
    "bmm": (lambda m, a, b: a @ b, [(2, 2, 3), (3, 2)], -2, 2),
    "views": (lambda m, a: a.view(6).reshape(3, 2).t().flatten() * a.T.reshape(-1), [(2, 3)], -2, 2),
    "permute-squeeze": (lambda m, a: a.permute(2, 0, 1).unsqueeze(1).squeeze(1) ** 2, [(2, 1, 3)], -2, 2),
    "expand": (lambda m, a: a.expand(3, 2, 4) * 1.5, [(2, 1)], -2, 2),
    "cat-stack": (lambda m, a, b: m.cat([a, b * 2]) ** 2 + m.stack([a, b], dim=1).flatten(), [(3,), (3,)], -2, 2),
    "cat-skips-empty": (lambda m, a, b: m.cat([b, a, b], dim=1) ** 2, [(2, 2), (0,)], -2, 2),
    "index": (lambda m, a: a[0] * a[1:, 1].sum() + a[[0, 0, 1]].sum() + a[a > 0].sum(), [(2, 3)], 0.1, 2),
    "setitem": (lambda m, a, b: _setitem(a, b), [(3,), ()], -2, 2),
    "flip": (lambda m, a: a.flip(0) * a + m.flip(a, (0, 1)).sum(), [(2, 3)], -2, 2),
    "chain": (lambda m, a: ((a * 2 + 1).tanh() ** 2).mean(), [(5,)], -1, 1),
    "cumsum-cumprod": (lambda m, a: a.cumsum(1) * m.cumprod(a, dim=0), [(3, 3)], 0.5, 2),
    "prod": (lambda m, a: a.prod() + a.prod(1, keepdim=True).sum() + m.prod(a, dim=0).sum(), [(2, 3)], 0.5, 2),
    "std-var": (lambda m, a: a.std() + a.var(1).sum() + m.std(a, dim=0, unbiased=False).sum(), [(3, 4)], -2, 2),
    "norm": (lambda m, a: a.norm() + m.norm(a, dim=1).sum() + a.norm(p=1) + a.norm(3, dim=0).sum(), [(2, 3)], 0.2, 2),
    "softmax": (
        lambda m, a, w: (m.softmax(a, dim=1) * w).sum() + (a.log_softmax(0) * w).sum(),
        [(2, 3), (2, 3)],
        -2,
        2,
    ),
    "logsumexp": (lambda m, a: m.logsumexp(a, dim=1), [(3, 4)], -2, 2),
    "where": (lambda m, a, b: m.where(a > 0, a * 2, b) + m.where(b > 0, a, 0.5), [(2, 3), (3,)], -2, 2),
    "elementary": (lambda m, a: a.log2() + m.log10(a) + a.log1p() + a.expm1() + m.tan(a) + a.rsqrt(), [(4,)], 0.2, 1.2),
    "rounding": (lambda m, a: a * 2 + a.round() + m.floor(a) + a.ceil() + a.trunc() + a.sign(), [(4,)], 0.1, 2),
    "sort-topk": (lambda m, a: a.sort(1, descending=True).values[:, :3] * 2 + a.topk(3).values, [(2, 4)], -2, 2),
}


def _setitem(a: Any, b: Any) -> Any:
    c = a * 1
    c[1] = b * b
    return c * a


def numeric_grad(fn: Callable, inputs: list, weights: np.ndarray, eps: float = 1e-6) -> list:
    grads = []
    for i, x in enumerate(inputs):
        g = np.zeros_like(x)
        if x.size == 0:  # an empty input has an empty gradient
            grads.append(g)
            continue
        it = np.nditer(x, flags=["multi_index"])
        for _ in it:
            idx = it.multi_index
            plus = [y.copy() for y in inputs]
            minus = [y.copy() for y in inputs]
            plus[i][idx] += eps
            minus[i][idx] -= eps
            g[idx] = (np.sum(fn(plus) * weights) - np.sum(fn(minus) * weights)) / (2 * eps)
        grads.append(g)
    return grads


def check_all(engine: Any, seed: int = 0) -> list[str]:
    """Names and errors of the cases whose backward disagrees with finite differences."""
    rng = np.random.default_rng(seed)
    failures = []
    for name, (fn, shapes, lo, hi) in CASES.items():
        inputs = [rng.uniform(lo, hi, size=s) for s in shapes]
        # keep |x| away from 0 where the op has a kink there
        inputs = [np.where(np.abs(x) < 0.05, 0.3, x) for x in inputs]

        def forward(arrays: list, fn: Callable = fn) -> np.ndarray:
            ts = [engine.tensor(a, dtype=engine.float64) for a in arrays]
            return fn(engine, *ts).numpy()

        tensors = [engine.tensor(x, dtype=engine.float64, requires_grad=True) for x in inputs]
        out = fn(engine, *tensors)
        weights = rng.uniform(-1, 1, size=tuple(out.shape))
        (out * engine.tensor(weights)).sum().backward()
        expected = numeric_grad(forward, inputs, weights)
        for k, (t, e) in enumerate(zip(tensors, expected, strict=True)):
            got = t.grad.numpy() if t.grad is not None else np.zeros_like(e)
            if not np.allclose(got, e, rtol=1e-5, atol=1e-6):
                failures.append(f"{name}: input {k}: analytic {got.tolist()} vs numeric {e.tolist()}")
    return failures
