"""The values and calls behind the printed-numbers tests: for each op, seeded inputs over its domain (large and
small magnitudes, negatives, subnormals, near overflow) and a measure of how often npgrad's results differ from
torch's, in their bits and in the text torch prints for them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

import npgrad

Call = Callable[[object, object], object]
TINY32 = float(np.finfo(np.float32).tiny)


def _uniform(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    return rng.uniform(low, high, n)


def _magnitudes(rng: np.random.Generator, low_exp: float, high_exp: float, n: int, signed: bool) -> np.ndarray:
    """Values spread evenly over the exponents 10**low_exp .. 10**high_exp, either sign when ``signed``."""
    v = 10.0 ** rng.uniform(low_exp, high_exp, n)
    return v * rng.choice([-1.0, 1.0], n) if signed else v


def values(domain: str, dtype: np.dtype, n: int = 4096, seed: int = 0) -> np.ndarray:
    """A seeded spread of inputs for a domain: ``real`` (any float), ``positive``, ``exp`` (no overflow),
    ``unit`` (moderate values, as reductions and softmax see)."""
    rng = np.random.default_rng(seed)
    big = 88.7 if dtype == np.float32 else 709.7
    tiny_exp = np.log10(TINY32) if dtype == np.float32 else -307.0
    parts: list[np.ndarray]
    if domain == "exp":
        parts = [
            _uniform(rng, -3, 3, n),
            _uniform(rng, -10, 10, n),
            _uniform(rng, -big, big, n),
            _uniform(rng, -big - 15, -big + 1, n // 4),  # subnormal results
            _magnitudes(rng, -8, 0, n // 4, signed=True),
        ]
    elif domain == "positive":
        parts = [
            _uniform(rng, 0.0625, 100, n),
            _uniform(rng, 0.5, 2, n),
            _magnitudes(rng, tiny_exp - 6, 38 if dtype == np.float32 else 300, n, signed=False),
        ]
    elif domain == "real":
        parts = [
            _uniform(rng, -10, 10, 2 * n),
            _uniform(rng, -3, 3, n),
            _magnitudes(rng, -8, 4, n, signed=True),
        ]
    else:  # unit
        parts = [_uniform(rng, -5, 5, n), _uniform(rng, -100, 100, n), _magnitudes(rng, -3, 3, n, signed=True)]
    with np.errstate(over="ignore", under="ignore"):
        return np.concatenate(parts).astype(dtype)


@dataclass(frozen=True)
class Case:
    call: Call
    domain: str
    reduction: bool = False


def _pow(e: float) -> Call:
    return lambda m, x: x**e


ELEMENTWISE = {
    "exp": Case(lambda m, x: m.exp(x), "exp"),
    "log": Case(lambda m, x: m.log(x), "positive"),
    "sin": Case(lambda m, x: m.sin(x), "real"),
    "cos": Case(lambda m, x: x.cos(), "real"),
    "tanh": Case(lambda m, x: m.tanh(x), "real"),
    "sigmoid": Case(lambda m, x: m.sigmoid(x), "real"),
    "pow-1.5": Case(_pow(1.5), "positive"),
    "pow-2.7": Case(lambda m, x: m.pow(x, 2.7), "positive"),
    "pow-0.3": Case(lambda m, x: x.pow(0.3), "positive"),
    "pow-0.5": Case(_pow(0.5), "positive"),
    "pow--1.5": Case(_pow(-1.5), "positive"),
}

REDUCTIONS = {
    "sum": Case(lambda m, x: x.sum(-1), "unit", True),
    "mean": Case(lambda m, x: x.mean(-1), "unit", True),
    "sum-dim0": Case(lambda m, x: x.sum(0), "unit", True),
    "std": Case(lambda m, x: x.std(-1), "unit", True),
    "var": Case(lambda m, x: x.var(-1), "unit", True),
    "norm": Case(lambda m, x: x.norm(dim=-1), "unit", True),
    "softmax": Case(lambda m, x: m.softmax(x, dim=-1), "unit", True),
    "log_softmax": Case(lambda m, x: m.log_softmax(x, dim=-1), "unit", True),
    "cumsum": Case(lambda m, x: x.cumsum(-1), "unit", True),
    "prod": Case(lambda m, x: (x / 4).prod(-1), "unit", True),
}

CASES = {**ELEMENTWISE, **REDUCTIONS}

# reductions see rows of these lengths (a classifier's few logits up to long rows), two rows at a time
ROW_LENGTHS = (1, 2, 3, 5, 8, 10, 16, 17, 31, 64, 100, 257)


def inputs(case: Case, dtype: np.dtype) -> list[np.ndarray]:
    """The arrays one case runs on: rows of 16 for an elementwise op, (2, length) blocks for a reduction."""
    v = values(case.domain, dtype)
    if not case.reduction:
        return list(v[: v.size // 16 * 16].reshape(-1, 16))
    blocks, i = [], 0
    while i < v.size:
        for length in ROW_LENGTHS:
            if i + 2 * length > v.size:
                return blocks
            blocks.append(v[i : i + 2 * length].reshape(2, length))
            i += 2 * length
    return blocks


def torch_text(values: np.ndarray) -> list[str]:
    """How torch prints each value alone, at the current print options."""
    return [repr(torch.tensor(v)) for v in values.reshape(-1)]


@dataclass
class Rates:
    bits: float  # share of result values whose bits differ from torch's
    printed: float  # share of result values that print differently alone (0-d tensors)
    tensors: float  # share of whole results whose repr differs


def measure(case: Case, dtype: np.dtype, engine: object = npgrad) -> Rates:
    bits = printed = tensors = total = 0
    blocks = inputs(case, dtype)
    with np.errstate(all="ignore"):
        for x in blocks:
            theirs = case.call(torch, torch.from_numpy(x.copy()))
            ours = case.call(engine, engine.tensor(x))
            a, b = theirs.numpy().reshape(-1), np.asarray(ours.numpy()).reshape(-1)
            differ = a.view(np.uint8).reshape(a.size, -1) != b.view(np.uint8).reshape(b.size, -1)
            where = differ.any(axis=1) & ~(np.isnan(a) & np.isnan(b))
            total += a.size
            bits += int(where.sum())
            if where.any():
                printed += sum(s != t for s, t in zip(torch_text(a[where]), torch_text(b[where]), strict=True))
                tensors += repr(theirs) != repr(ours)
    return Rates(bits / total, printed / total, tensors / len(blocks))
