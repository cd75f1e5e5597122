"""Python numbers beside float tensors: npgrad casts them once to the tensor's dtype (a cached 0-d array) and
computes ``x ** 2`` and ``x ** 3`` as products, as torch does. These must agree with torch bit for bit,
including signed zeros, overflow to inf, nan and integers too large for float32."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch

import npgrad

NUMBERS = [3, 0.1, -0.0, 0.0, 1e40, -1e-45, float("nan"), float("inf"), 2**60, 16_777_217, -7, 1.5]
OPS = {
    "a * n": lambda t, n: t * n,
    "n * a": lambda t, n: n * t,
    "a + n": lambda t, n: t + n,
    "n + a": lambda t, n: n + t,
    "a - n": lambda t, n: t - n,
    "a / n": lambda t, n: t / n,
}
VALUES = [0.5, -2.0, 3.0e38, -0.0, 1e-40, 7.25]


def bits(t) -> bytes:
    return np.ascontiguousarray(t.detach().numpy()).tobytes()


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("op", list(OPS))
def test_scalar_arithmetic_matches_torch_bit_for_bit(op: str, dtype: str) -> None:
    fn = OPS[op]
    for n in NUMBERS:
        ours = npgrad.tensor(VALUES, dtype=getattr(npgrad, dtype))
        ref = torch.tensor(VALUES, dtype=getattr(torch, dtype))
        with np.errstate(all="ignore"):  # numpy's overflow/invalid warnings are not what this compares
            got = fn(ours, n)
        want = fn(ref, n)
        assert str(got.dtype) == str(want.dtype), (op, n)
        assert bits(got) == bits(want), (op, n, got, want)


@pytest.mark.parametrize("p", [2, 3, 2.0, 3.0, -1])
def test_small_powers_and_their_gradients_match_torch_bit_for_bit(p: float) -> None:
    data = np.random.default_rng(0).standard_normal(1000).astype(np.float32) * 10 + 0.01
    ours = npgrad.tensor(data, requires_grad=True)
    ref = torch.tensor(data, requires_grad=True)
    y, z = ours**p, ref**p
    assert bits(y) == bits(z)
    y.backward(npgrad.ones(1000))
    z.backward(torch.ones(1000))
    assert bits(ours.grad) == bits(ref.grad)


def test_casting_a_number_out_of_float32_range_is_silent_like_torch() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert (npgrad.tensor([1.0]) * 1e40).item() == float("inf")


def test_many_distinct_numbers_do_not_grow_the_constant_cache() -> None:
    from npgrad.ops import _core

    t = npgrad.ones(3)
    for i in range(5000):
        t * (i + 0.5)
    assert len(_core._CONSTANTS) <= 256


def test_cached_constants_cannot_be_modified_through_a_result() -> None:
    t = npgrad.tensor(2.0)
    r = t * 3.5  # a 0-d result is a fresh array, never the cached constant itself
    r.add_(1)
    assert (npgrad.tensor(2.0) * 3.5).item() == 7.0
