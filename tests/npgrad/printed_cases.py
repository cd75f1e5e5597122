"""The values and calls behind the printed-numbers tests: for each op, seeded inputs over its domain (large and
small magnitudes, negatives, subnormals, near overflow) and a measure of how often npgrad's results differ from
torch's, in their bits and in the text torch prints for them. The inputs are made by exact arithmetic only (no
libm), so that Pyodide makes the same ones (tests/npgrad/test_npgrad_pyodide.py); torch is
imported only by the measure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import npgrad
from npgrad.fidelity import PRINTS_DIFFERENTLY

Call = Callable[[object, object], object]
TINY32 = float(np.finfo(np.float32).tiny)


def _uniform(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    return rng.uniform(low, high, n)


def _magnitudes(rng: np.random.Generator, low_exp: float, high_exp: float, n: int, signed: bool) -> np.ndarray:
    """Values spread evenly over the magnitudes 10**low_exp .. 10**high_exp (as powers of two, made exactly),
    either sign when ``signed``."""
    to_two = 3.321928094887362  # log2(10)
    v = np.ldexp(1.0 + rng.random(n), rng.integers(int(low_exp * to_two), int(high_exp * to_two), n))
    return v * rng.choice([-1.0, 1.0], n) if signed else v


def values(domain: str, dtype: np.dtype, n: int = 4096, seed: int = 0) -> np.ndarray:
    """A seeded spread of inputs for a domain: ``real`` (any float), ``positive``, ``exp`` (no overflow),
    ``unit`` (moderate values, as reductions and softmax see)."""
    rng = np.random.default_rng(seed)
    big = 88.7 if dtype == np.float32 else 709.7
    tiny_exp = -37.9 if dtype == np.float32 else -307.0  # the smallest normal's exponent
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
    row: int = 16  # an elementwise op's tensors: rows of this many values (torch's kernels take blocks of 32)


def _pow(e: float) -> Call:
    return lambda m, x: x**e


ELEMENTWISE = {
    "exp": Case(lambda m, x: m.exp(x), "exp"),
    "log": Case(lambda m, x: m.log(x), "positive"),
    "sin": Case(lambda m, x: m.sin(x), "real"),
    "cos": Case(lambda m, x: x.cos(), "real"),
    "tanh": Case(lambda m, x: m.tanh(x), "real"),
    "sigmoid": Case(lambda m, x: m.sigmoid(x), "real"),
    "sigmoid-100": Case(lambda m, x: m.sigmoid(x), "real", row=100),
    "exp-100": Case(lambda m, x: m.exp(x), "exp", row=100),
    "pow-1.5": Case(_pow(1.5), "positive"),
    "pow-2.7": Case(lambda m, x: m.pow(x, 2.7), "positive"),
    "pow-0.3": Case(lambda m, x: x.pow(0.3), "positive"),
    "pow-0.5": Case(_pow(0.5), "positive"),
    "pow--1.5": Case(_pow(-1.5), "positive"),
    "pow-2.7-100": Case(lambda m, x: m.pow(x, 2.7), "positive", row=100),
    "pow-0.3-100": Case(lambda m, x: x.pow(0.3), "positive", row=100),
    "sqrt": Case(lambda m, x: m.sqrt(x), "positive"),
    "rsqrt": Case(lambda m, x: x.rsqrt(), "positive"),
    "log2": Case(lambda m, x: m.log2(x), "positive"),
    "log10": Case(lambda m, x: m.log10(x), "positive"),
    "log1p": Case(lambda m, x: m.log1p(x), "positive"),
    "expm1": Case(lambda m, x: m.expm1(x), "exp"),
    "tan": Case(lambda m, x: m.tan(x), "real"),
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
    "mse_loss": Case(lambda m, x: m.nn.functional.mse_loss(x, x * 0.5 + 1), "unit", True),
}

CASES = {**ELEMENTWISE, **REDUCTIONS}

# reductions see rows of these lengths (a classifier's few logits up to long rows), two rows at a time
ROW_LENGTHS = (1, 2, 3, 5, 8, 10, 16, 17, 31, 64, 100, 257)


def inputs(case: Case, dtype: np.dtype) -> list[np.ndarray]:
    """The arrays one case runs on: rows for an elementwise op, (2, length) blocks for a reduction."""
    v = values(case.domain, dtype)
    if not case.reduction:
        return list(v[: v.size // case.row * case.row].reshape(-1, case.row))
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
    import torch

    return [repr(torch.tensor(v)) for v in values.reshape(-1)]


@dataclass
class Rates:
    bits: float  # share of result values whose bits differ from torch's
    printed: float  # share of result values that print differently alone (0-d tensors)
    tensors: float  # share of whole results whose repr differs


def results(case: Case, dtype: np.dtype, engine: object = npgrad) -> list:
    """The engine's results for each of the case's inputs."""
    with np.errstate(all="ignore"):
        return [case.call(engine, engine.tensor(x)) for x in inputs(case, dtype)]


def measure(case: Case, dtype: np.dtype, ours: list | None = None) -> Rates:
    """How often npgrad's results (or ``ours``, results as arrays from elsewhere) differ from torch's."""
    import torch

    blocks = inputs(case, dtype)
    if ours is None:
        ours = results(case, dtype)
    bits = printed = tensors = total = 0
    with np.errstate(all="ignore"):
        for x, mine in zip(blocks, ours, strict=True):
            theirs = case.call(torch, torch.from_numpy(x.copy()))
            a, b = theirs.numpy().reshape(-1), np.asarray(mine).reshape(-1)
            differ = a.view(np.uint8).reshape(a.size, -1) != b.view(np.uint8).reshape(b.size, -1)
            where = differ.any(axis=1) & ~(np.isnan(a) & np.isnan(b))
            total += a.size
            bits += int(where.sum())
            if where.any():
                printed += sum(s != t for s, t in zip(torch_text(a[where]), torch_text(b[where]), strict=True))
                if isinstance(mine, npgrad.Tensor):
                    mine_text = repr(mine)
                else:  # values from elsewhere, printed by torch
                    mine_text = repr(torch.from_numpy(b.reshape(theirs.shape).copy()))
                tensors += repr(theirs) != mine_text
    return Rates(bits / total, printed / total, tensors / len(blocks))


# What still differs comes from MKL, which torch.log, sin, cos, tanh and sqrt call (x ** 0.5 is sqrt): its float32
# results are within an ulp but not correctly rounded, and npgrad's are; large results print every last bit at 4
# decimals (npgrad's exp follows MKL's steps, npgrad/mkl_math.py). Bounds are the measured rates (-s prints them).
BIT_EXACT = {  # dtype -> ops whose every result has torch's bits
    "float32": {
        "exp",
        "exp-100",
        "sigmoid",
        "sigmoid-100",
        "softmax",
        "log_softmax",
        "norm",
        "prod",
        "sum",
        "mean",
        "sum-dim0",
        "cumsum",
        "std",
        "var",
    }
    | {"pow-1.5", "pow-2.7", "pow-0.3", "pow--1.5", "pow-2.7-100", "pow-0.3-100", "rsqrt"},
    "float64": {"prod", "sum", "mean", "sum-dim0", "cumsum", "mse_loss"},
}
DTYPES = ("float32", "float64")


def op_of(case: str) -> str:
    """The torch function a case measures, as npgrad/fidelity.py names it (x ** 0.5 is sqrt in torch)."""
    return "sqrt" if case == "pow-0.5" else case.split("-")[0]


# (case, dtype) -> (share of values, share of tensors) that may print differently; zero where npgrad/fidelity.py
# lists nothing, which is where the sandbox says nothing either
PRINTED_BOUNDS = {
    (case, dtype): PRINTS_DIFFERENTLY[op_of(case), dtype]
    for case in CASES
    for dtype in DTYPES
    if (op_of(case), dtype) in PRINTS_DIFFERENTLY
}


def beyond_bounds(name: str, dtype: str, rates: Rates) -> list[str]:
    """What in ``rates`` exceeds the op's bounds, as readable lines (empty when all is within)."""
    values, tensors = PRINTED_BOUNDS.get((name, dtype), (0.0, 0.0))
    problems = []
    if rates.printed > values:
        problems.append(f"{name} {dtype}: {rates.printed:.4f} of values print differently (bound {values})")
    if rates.tensors > tensors:
        problems.append(f"{name} {dtype}: {rates.tensors:.4f} of tensors print differently (bound {tensors})")
    if name in BIT_EXACT[dtype] and rates.bits:
        problems.append(f"{name} {dtype}: {rates.bits:.4f} of values differ in their bits (bound 0)")
    return problems
