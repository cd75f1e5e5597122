"""torch's random numbers: after manual_seed, npgrad draws the values torch 2.13 draws on this CPU, bit for bit,
on many seeds, shapes, dtypes and call sequences (torch is the reference), and refuses with torch's messages."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_cases import bits, draw, draw_all

import npgrad
from npgrad.fused import fma32, fma64

torch.set_num_threads(1)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS = st.integers(-(2**63), 2**64 - 1)
SHAPES = st.lists(st.integers(0, 23), min_size=0, max_size=3).map(tuple)
DTYPES = st.sampled_from(["float32", "float64"])


def test_fixed_cases_are_bit_identical() -> None:
    ours, ref = draw_all(npgrad), draw_all(torch)
    assert [k for k in ref if ours[k] != ref[k]] == []


def _normal(v: float) -> bool:
    return v == 0 or abs(v) > 1e-30  # subnormal means and deviations are outside what npgrad reproduces


def same_draws(seed: int, calls: list) -> None:
    assert draw(npgrad, seed, calls) == draw(torch, seed, calls)


@SETTINGS
@given(SEEDS, SHAPES, DTYPES, st.floats(-10, 10).filter(_normal), st.floats(0, 10).filter(_normal))
def test_normal_and_uniform(seed: int, shape: tuple, dtype: str, a: float, b: float) -> None:
    dt = f"dtype=t.{dtype}"
    same_draws(
        seed,
        [
            f"t.randn({shape}, {dt})",
            f"t.empty({shape}, {dt}).normal_({a!r}, {b!r})",
            f"t.rand({shape}, {dt})",
            f"t.empty({shape}, {dt}).uniform_({min(a, b)!r}, {max(a, b)!r})",
            f"t.randn({shape}, {dt})",  # after the others: the cached second Box-Muller value carries over
        ],
    )


@SETTINGS
@given(SEEDS, SHAPES, st.integers(-(2**40), 2**40), st.integers(1, 2**41), st.integers(0, 400))
def test_integers_and_permutations(seed: int, shape: tuple, low: int, span: int, n: int) -> None:
    same_draws(seed, [f"t.randint({low}, {low + span}, {shape})", f"t.randperm({n})", f"t.randint({span}, (3,))"])


@SETTINGS
@given(SEEDS, SHAPES, DTYPES, st.floats(0, 1))
def test_bernoulli(seed: int, shape: tuple, dtype: str, p: float) -> None:
    same_draws(
        seed,
        [
            f"t.bernoulli(t.full({shape}, {p!r}, dtype=t.{dtype}))",
            f"t.zeros({shape}, dtype=t.{dtype}).bernoulli_({p!r})",
        ],
    )


@SETTINGS
@given(SEEDS, st.integers(1, 40), st.integers(1, 40), st.booleans())
def test_linear_layers_start_from_torchs_weights(seed: int, fan_in: int, fan_out: int, bias: bool) -> None:
    for engine in (npgrad, torch):
        engine.manual_seed(seed)
    ours, ref = npgrad.nn.Linear(fan_in, fan_out, bias), torch.nn.Linear(fan_in, fan_out, bias)
    assert [bits(p) for p in ours.parameters()] == [bits(p) for p in ref.parameters()]
    assert bits(npgrad.randn(5)) == bits(torch.randn(5))  # and the generator is where torch's is


def test_generators_are_independent_and_seeds_are_torchs() -> None:
    for seed in (0, -1, 2**64 - 1, 5.0):
        assert npgrad.manual_seed(seed).initial_seed() == torch.manual_seed(seed).initial_seed()
    g1, g2 = npgrad.Generator().manual_seed(3), torch.Generator().manual_seed(3)
    npgrad.manual_seed(0)
    torch.manual_seed(0)
    assert bits(npgrad.rand(4, generator=g1)) == bits(torch.rand(4, generator=g2))
    assert bits(npgrad.rand(4)) == bits(torch.rand(4))  # the default generator did not move
    assert npgrad.seed() != npgrad.seed()  # a fresh nondeterministic seed each time, as torch.seed()


@pytest.mark.parametrize(
    "expr",
    [
        "t.empty(3).uniform_(2, 1)",
        "t.empty(3).normal_(0, -1)",
        "t.randint(5, 5, (2,))",
        "t.rand(2, dtype=t.int64)",
        "t.randn(2, dtype=t.int64)",
        "t.bernoulli(t.tensor([1.5]))",
        "t.zeros(2).bernoulli_(-0.1)",
    ],
)
def test_refusals_say_what_torch_says(expr: str) -> None:
    errors = []
    for engine in (npgrad, torch):
        with pytest.raises(Exception) as info:  # noqa: PT011 - type and message are compared with torch's
            eval(expr, {"t": engine})
        errors.append((type(info.value).__name__, str(info.value)))
    assert errors[0] == errors[1]


def test_what_npgrad_cannot_reproduce_is_refused() -> None:
    with pytest.raises(NotImplementedError, match="get_rng_state"):
        npgrad.get_rng_state()
    with pytest.raises(NotImplementedError, match="randperm"):
        npgrad.randperm(2**31)


def exact_fma(a: float, b: float, c: float) -> Fraction:
    return Fraction(a) * Fraction(b) + Fraction(c)


# the sampling kernels' magnitudes: far from float64's underflow, where Dekker's split stops being exact
FLOATS = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False).filter(lambda v: v == 0 or abs(v) > 1e-30)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(FLOATS, FLOATS, FLOATS), min_size=1, max_size=20))
def test_fused_multiply_add_rounds_once(triples: list) -> None:
    a, b, c = (np.array(v) for v in zip(*triples, strict=True))
    got64 = fma64(a, b, c)
    f32 = [np.array(v, np.float32) for v in (a, b, c)]
    got32 = fma32(*f32)
    for i in range(len(triples)):
        assert got64[i] == float(exact_fma(a[i], b[i], c[i]))
        exact = exact_fma(*(float(v[i]) for v in f32))
        assert got32[i] == np.float32(_round_to_float32(exact))


def _round_to_float32(x: Fraction) -> float:
    """The float32 nearest to x (ties to even), as a Python float."""
    if x == 0:
        return 0.0
    e = math.floor(math.log2(abs(x)))
    e = e + 1 if abs(x) >= 2 ** (e + 1) else (e - 1 if abs(x) < 2**e else e)
    ulp = Fraction(2) ** (max(e, -126) - 23)
    return float(round(x / ulp) * ulp)
