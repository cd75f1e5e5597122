"""float32 results print as torch's do: how often the printed text of a value differs from torch's, per op.

numpy's float32 exp, log, sin, cos, tanh and pow are less accurate than torch's, and its sums add in another
order; npgrad computes these in float64 and rounds, and adds sums in torch's order (ops/summation.py).
``printed_difference_rate`` measures the share of values whose printed text differs; hypothesis then hunts for a
value that prints differently. torch.log, sin, cos, tanh and sqrt run on MKL, whose last bit a rounded float64
result misses now and then, which print shows now and then: those are held to their measured rates (rows of 16
values; tests/npgrad print the rates with -s), the others to zero. exp follows MKL's steps (npgrad/mkl_math.py),
sigmoid SLEEF's and the C library's, softmax, log_softmax, norm and prod torch's kernels (npgrad/vector_math.py),
and give its bits: the second half of this file measures every op of printed_cases.py in float32 and float64,
bits and printed text, against a bound per op that is zero for these.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from printed_cases import CASES, DTYPES, PRINTED_BOUNDS, beyond_bounds, measure, op_of

import npgrad
from npgrad.fidelity import PRINTS_DIFFERENTLY

torch.set_num_threads(1)

# name -> (function of the engine and a tensor, low, high, largest share of values printed differently)
OPS = {
    "exp": (lambda m, x: m.exp(x), -10.0, 10.0, 0.0),
    "exp-small": (lambda m, x: x.exp(), -3.0, 3.0, 0.0),
    "exp-large": (lambda m, x: x.exp(), -87.0, 87.0, 0.0),
    "log": (lambda m, x: m.log(x), 0.0625, 100.0, 0.002),
    "sin": (lambda m, x: m.sin(x), -10.0, 10.0, 0.0),
    "cos": (lambda m, x: x.cos(), -10.0, 10.0, 0.002),
    "tanh": (lambda m, x: m.tanh(x), -10.0, 10.0, 0.0),
    "sigmoid": (lambda m, x: m.sigmoid(x), -10.0, 10.0, 0.0),
    "pow-1.5": (lambda m, x: x**1.5, 0.0625, 100.0, 0.0),
    "pow-2.7": (lambda m, x: m.pow(x, 2.7), 0.0625, 100.0, 0.0),
    "pow-0.3": (lambda m, x: x.pow(0.3), 0.0625, 100.0, 0.0),
    "sum": (lambda m, x: x.sum(), -100.0, 100.0, 0.0),
    "mean": (lambda m, x: x.mean(), -100.0, 100.0, 0.0),
    "softmax": (lambda m, x: m.softmax(x, dim=0), -5.0, 5.0, 0.0),
    "std": (lambda m, x: x.std(), -10.0, 10.0, 0.0),
    "norm": (lambda m, x: x.norm(), -10.0, 10.0, 0.0),
    "prod": (lambda m, x: (x / 4).prod(), -10.0, 10.0, 0.0),
}


def printed_difference_rate(fn, values: np.ndarray, engine=npgrad) -> float:
    """Share of rows (tensors of up to 32 values, torch's one-at-a-time sizes) that print differently."""
    rows = values.reshape(-1, 16)
    differ = sum(repr(fn(torch, torch.from_numpy(r.copy()))) != repr(fn(engine, engine.tensor(r))) for r in rows)
    return differ / len(rows)


def sample(low: float, high: float, n: int = 4000) -> np.ndarray:
    return np.random.default_rng(0).uniform(low, high, n).astype(np.float32)


@pytest.mark.parametrize("name", sorted(OPS))
def test_printed_difference_rate_is_within_its_bound(name: str) -> None:
    fn, low, high, bound = OPS[name]
    rate = printed_difference_rate(fn, sample(low, high))
    print(f"{name}: {rate:.4f} of tensors print differently")
    assert rate <= bound


EXACT = sorted(n for n, (_, _, _, bound) in OPS.items() if bound == 0)


@pytest.mark.parametrize("name", EXACT)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_value_prints_differently(name: str, data: st.DataObject) -> None:
    fn, low, high, _ = OPS[name]
    values = data.draw(st.lists(st.floats(low, high, width=32), min_size=1, max_size=32))
    x = np.array(values, dtype=np.float32)
    assert repr(fn(npgrad, npgrad.tensor(x))) == repr(fn(torch, torch.from_numpy(x.copy())))


def test_the_rate_can_fail() -> None:
    """numpy's own float32 power prints differently from torch's often: the measure sees it."""

    def numpy_pow(m, x):
        return x**1.5 if m is torch else npgrad.tensor(x.numpy() ** np.float32(1.5))

    assert printed_difference_rate(numpy_pow, sample(0.0625, 100.0)) > 0.2


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.integers(1, 60), columns=st.integers(1, 80), seed=st.integers(0, 2**16))
def test_float32_sums_are_torchs_bit_for_bit(rows: int, columns: int, seed: int) -> None:
    x = np.random.default_rng(seed).uniform(-10, 10, (rows, columns)).astype(np.float32)
    ours, theirs = npgrad.from_numpy(x), torch.from_numpy(x)
    calls = [lambda t: t.sum(), lambda t: t.mean(), lambda t: t.sum(-1), lambda t: t.mean(dim=1, keepdim=True)]
    if not 4 < columns < 8:  # torch's order for 5 to 7 columns is not known: numpy's sum there
        calls += [lambda t: t.sum(0), lambda t: t.mean(axis=0)]
    for call in calls:
        assert call(ours).numpy().tobytes() == call(theirs).numpy().tobytes()


# ---- every op of printed_cases, both dtypes: bits and printed text against the bounds in printed_cases ----------
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_printed_rates_within_their_bounds(name: str, dtype: str) -> None:
    rates = measure(CASES[name], np.dtype(dtype))
    print(f"{name} {dtype}: bits {rates.bits:.4f} printed {rates.printed:.4f} tensors {rates.tensors:.4f}")
    assert beyond_bounds(name, dtype, rates) == []


def test_the_measure_sees_a_last_bit() -> None:
    """A softmax that divides by the sum (instead of multiplying by its reciprocal, as torch does) differs."""

    def dividing(m, x):
        if m is torch:
            return torch.softmax(x, -1)
        e = m.exp(x - x.max(-1, keepdim=True).values)
        return e / e.sum(-1, keepdim=True)

    assert measure(CASES["softmax"].__class__(dividing, "unit", True), np.dtype(np.float32)).bits > 0.05


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.integers(1, 5),
    columns=st.integers(1, 300),
    scale=st.sampled_from([1e-3, 1.0, 30.0, 1e3]),
    seed=st.integers(0, 2**16),
)
def test_float32_kernels_are_torchs_bit_for_bit(rows: int, columns: int, scale: float, seed: int) -> None:
    x = (np.random.default_rng(seed).standard_normal((rows, columns)) * scale).astype(np.float32)
    ours, theirs = npgrad.from_numpy(x), torch.from_numpy(x)
    calls = [
        lambda m, t: m.softmax(t, dim=-1),
        lambda m, t: m.log_softmax(t, dim=-1),
        lambda m, t: m.sigmoid(t),
        lambda m, t: m.sigmoid(t.T),
        lambda m, t: t.abs() ** 1.5,
        lambda m, t: m.pow(t.T.abs(), 2.7),
        lambda m, t: m.sigmoid(t[:, 1:]),
        lambda m, t: m.softmax(t, dim=0),
        lambda m, t: m.log_softmax(t, dim=0),
        lambda m, t: (t * (20 / scale)).exp(),
        lambda m, t: t.norm(dim=-1),
        lambda m, t: t.norm(),
        lambda m, t: (t / scale).prod(-1),
        lambda m, t: (t / scale).prod(0),
    ]
    for call in calls:
        assert call(npgrad, ours).numpy().tobytes() == call(torch, theirs).numpy().tobytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.integers(1, 40), columns=st.integers(1, 300), seed=st.integers(0, 2**16))
def test_float64_sums_are_torchs_bit_for_bit(rows: int, columns: int, seed: int) -> None:
    x = np.random.default_rng(seed).uniform(-10, 10, (rows, columns))
    ours, theirs = npgrad.from_numpy(x), torch.from_numpy(x)
    for call in (lambda t: t.sum(), lambda t: t.mean(), lambda t: t.sum(-1), lambda t: t.mean(dim=1, keepdim=True)):
        assert call(ours).numpy().tobytes() == call(theirs).numpy().tobytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.integers(1, 6), columns=st.integers(1, 70), seed=st.integers(0, 2**16))
def test_float32_gradients_are_torchs_bit_for_bit(rows: int, columns: int, seed: int) -> None:
    """x.grad prints as torch's: the backward of softmax, log_softmax (both over either dimension), sigmoid,
    var, std, norm, prod, cumsum and mse_loss follow torch's formulas step by step, tanh's fuses 1 - y*y as
    torch's compiler does (checked where the forward agrees: tanh is MKL's)."""
    rng = np.random.default_rng(seed)
    x = (rng.standard_normal((rows, columns)) * 3).astype(np.float32)
    calls = [
        lambda m, t: m.softmax(t, dim=-1),
        lambda m, t: m.softmax(t, dim=0),
        lambda m, t: m.log_softmax(t, dim=-1),
        lambda m, t: m.log_softmax(t, dim=0),
        lambda m, t: m.sigmoid(t),
        lambda m, t: m.tanh(t),
        lambda m, t: m.exp(t),
        lambda m, t: t.var(-1),
        lambda m, t: t.std(),
        lambda m, t: t.norm(dim=-1),
        lambda m, t: t.norm(dim=0),
        lambda m, t: (t / 3).prod(-1),
        lambda m, t: (t / 3).prod(),
        lambda m, t: t.cumsum(-1),
        lambda m, t: m.nn.functional.mse_loss(t, t.detach() * 0.5) * 1.0,
    ]
    if not 4 < columns < 8:  # a column mean's order (std over dim 0 subtracts it) is not known there
        calls.append(lambda m, t: t.std(0))
    for call in calls:
        theirs = torch.from_numpy(x.copy()).requires_grad_()
        forward = call(torch, theirs)
        g = np.asarray(rng.standard_normal(forward.shape), np.float32)
        forward.backward(torch.from_numpy(g))
        ours = npgrad.tensor(x, requires_grad=True)
        mine = call(npgrad, ours)
        mine.backward(npgrad.tensor(g))
        agree = forward.detach().numpy() == mine.detach().numpy()
        differ = theirs.grad.numpy().view(np.int32) != ours.grad.numpy().view(np.int32)
        assert not (differ & agree.all(axis=None)).any()


def test_every_place_the_sandbox_names_is_measured_and_its_text_holds() -> None:
    # npgrad/fidelity.py is both the bound above and what the sandbox's notice names: every entry measured here
    assert set(PRINTS_DIFFERENTLY) <= {(op_of(case), dtype) for case in CASES for dtype in DTYPES}
    assert len(PRINTED_BOUNDS) >= len(PRINTS_DIFFERENTLY)
    # the notice says "at most about 1 value in 100" (translations/*.json, sandbox.inexact)
    assert max(rate.values for rate in PRINTS_DIFFERENTLY.values()) <= 0.01
