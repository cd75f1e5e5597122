"""Random draws after manual_seed, as one program that runs under torch or npgrad, on CPython or in Pyodide:
each case is a seed and a list of calls; the result is every drawn value's bits, so equal means bit-identical.

Pure Python with no test-framework imports (copied into Pyodide by tests/npgrad/pyodide/run.mjs).
"""

from __future__ import annotations

import math
from typing import Any

# (name, torch expression with `t` for the module and `g` for a seeded Generator); sizes straddle 16, where torch
# switches from one Box-Muller draw at a time to its vectorised fill
CALLS = [
    ("rand", "t.rand(5)"),
    ("rand-f64", "t.rand(3, 7, dtype=t.float64)"),
    ("randn-small", "t.randn(3)"),
    ("randn-15", "t.randn(15)"),
    ("randn-16", "t.randn(16)"),
    ("randn-17", "t.randn(17)"),
    ("randn-big", "t.randn(8, 37)"),
    ("randn-f64", "t.randn(33, dtype=t.float64)"),
    ("randn-f64-small", "t.randn(2, 3, dtype=t.float64)"),
    ("normal_", "t.empty(40).normal_(0.5, 3.0)"),
    ("normal_-small", "t.empty(4, dtype=t.float64).normal_(-2.0, 0.1)"),
    ("normal-tensor", "t.normal(t.zeros(20), 2.0)"),
    ("uniform_", "t.empty(30).uniform_(-0.37, 1.9)"),
    ("uniform_-f64", "t.empty(9, dtype=t.float64).uniform_(-5, 5)"),
    ("randint", "t.randint(0, 10, (12,))"),
    ("randint-neg", "t.randint(-50, 3, (7,))"),
    ("randint-2^28", "t.randint(0, 2**28, (5,))"),
    ("randint-2^40", "t.randint(-5, 2**40, (5,))"),
    ("randint-float", "t.randint(3, 9, (4,), dtype=t.float32)"),
    ("randperm", "t.randperm(10)"),
    ("randperm-big", "t.randperm(300)"),
    ("bernoulli", "t.bernoulli(t.full((25,), 0.3))"),
    ("bernoulli-f64", "t.bernoulli(t.full((9,), 0.7, dtype=t.float64))"),
    ("bernoulli_", "t.zeros(11).bernoulli_(0.25)"),
    ("rand_like", "t.rand_like(t.zeros(2, 9))"),
    ("randn_like", "t.randn_like(t.zeros(18, dtype=t.float64))"),
    ("transposed-normal_", "t.empty(5, 4).t().normal_()"),
    ("generator", "t.randn(20, generator=g) + t.rand(3, generator=g).sum()"),
    ("nn.Linear", "t.nn.Linear(7, 3).weight"),
    ("nn.init.xavier", "t.nn.init.xavier_normal_(t.empty(6, 5))"),
    ("nn.init.kaiming", "t.nn.init.kaiming_normal_(t.empty(20, 4), nonlinearity='relu')"),
]
SEEDS = [0, 1, 42, 1234, 2**31 - 1, 2**32 + 5, 2**63 + 17, -7]


def bits(value: Any) -> list:
    """A tensor's values as exact, comparable Python objects (floats by their hex spelling)."""
    flat = value.detach().reshape(-1).tolist()
    return [v.hex() if isinstance(v, float) and not math.isnan(v) else v for v in flat]


def draw(engine: Any, seed: int, calls: list) -> list:
    """The values of ``calls`` (torch expressions) run in order after ``manual_seed(seed)``."""
    engine.manual_seed(seed)
    g = engine.Generator().manual_seed((seed + 1) % 2**64)
    out = []
    for expr in calls:
        value = eval(expr, {"t": engine, "g": g})
        out.append([str(value.dtype), list(value.shape), bits(value)])
    return out


def draw_all(engine: Any) -> dict:
    """Every call on its own after each seed, and all calls in a row (the generator's state carries over)."""
    results = {}
    exprs = [e for _, e in CALLS]
    for seed in SEEDS:
        for name, expr in CALLS:
            results[f"{name} seed={seed}"] = draw(engine, seed, [expr])
        results[f"all in a row seed={seed}"] = draw(engine, seed, exprs)
    return results
