"""Property tests: every differentiable op gives torch's values and gradients on random shapes and data,
broadcasting included (hypothesis draws the shapes; torch is the reference)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import npgrad

torch.set_num_threads(1)

pytestmark = pytest.mark.filterwarnings("ignore:The use of `x.T`:UserWarning")

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DTYPES = {"float32": (np.float32, 2e-5), "float64": (np.float64, 1e-10)}


def arrays(shape: tuple, low: float = -3.0, high: float = 3.0, dtype: type = np.float64) -> st.SearchStrategy:
    # unique values: ties would make max/min gradients depend on which index wins
    return hnp.arrays(dtype, shape, elements=st.floats(low, high, allow_nan=False, width=64), unique=True)


def run_both(fn_np, fn_t, inputs: list, dtype: str, seed_grad: np.ndarray | None = None) -> None:
    np_dtype, tol = DTYPES[dtype]
    ours = [npgrad.tensor(x.astype(np_dtype), requires_grad=True) for x in inputs]
    ref = [torch.tensor(x.astype(np_dtype), requires_grad=True) for x in inputs]
    out_ours, out_ref = fn_np(npgrad, *ours), fn_t(torch, *ref)
    assert tuple(out_ours.shape) == tuple(out_ref.shape)
    assert out_ours.dtype.name == str(out_ref.dtype).split(".")[1]
    np.testing.assert_allclose(out_ours.detach().numpy(), out_ref.detach().numpy(), rtol=tol, atol=tol)
    g = np.linspace(-1, 1, out_ref.numel()).reshape(tuple(out_ref.shape)).astype(np_dtype)
    out_ours.backward(npgrad.tensor(g))
    out_ref.backward(torch.tensor(g))
    for a, b in zip(ours, ref, strict=True):
        np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), rtol=tol * 10, atol=tol * 10)


UNARY = {
    "neg": (lambda m, x: -x, -3, 3),
    "abs": (lambda m, x: x.abs(), -3, 3),
    "exp": (lambda m, x: x.exp(), -3, 3),
    "log": (lambda m, x: x.log(), 0.1, 5),
    "sqrt": (lambda m, x: x.sqrt(), 0.1, 5),
    "sin": (lambda m, x: x.sin(), -3, 3),
    "cos": (lambda m, x: m.cos(x), -3, 3),
    "tanh": (lambda m, x: x.tanh(), -3, 3),
    "sigmoid": (lambda m, x: m.sigmoid(x), -3, 3),
    "relu": (lambda m, x: x.relu(), -3, 3),
    "square": (lambda m, x: x**2, -3, 3),
    "cube": (lambda m, x: x.pow(3), -3, 3),
    "pow-half": (lambda m, x: x**0.5, 0.1, 5),
    "reciprocal": (lambda m, x: 1 / x, 0.5, 5),
    "rsub": (lambda m, x: 2 - x, -3, 3),
    "rpow": (lambda m, x: 2**x, -3, 3),
    "clamp": (lambda m, x: x.clamp(-1, 1), -3, 3),
    "clamp-min": (lambda m, x: m.clamp(x, min=0.5), -3, 3),
    "scalar-ops": (lambda m, x: (x * 3 + 1) / 2 - 0.5, -3, 3),
    "sum": (lambda m, x: x.sum(), -3, 3),
    "mean": (lambda m, x: x.mean(), -3, 3),
    "max": (lambda m, x: x.max(), -3, 3),
    "min": (lambda m, x: m.min(x), -3, 3),
    "flatten": (lambda m, x: x.flatten() * 2, -3, 3),
    "reshape": (lambda m, x: x.reshape(-1) * 2, -3, 3),
    "clone": (lambda m, x: x.clone() * x, -3, 3),
    "unsqueeze": (lambda m, x: x.unsqueeze(0) * 2, -3, 3),
    "transpose-last": (lambda m, x: x.transpose(0, -1) * 2, -3, 3),
    "T": (lambda m, x: x.T * 2, -3, 3),
    "index-first": (lambda m, x: x[0] * 2, -3, 3),
    "index-step": (lambda m, x: x[::2] * 2, -3, 3),
    "index-mask": (lambda m, x: x[x > 0] * 2, -3, 3),
    "index-list": (lambda m, x: x[[0, 0, -1]] * 2, -3, 3),
    "index-ellipsis": (lambda m, x: x[..., -1] * 2, -3, 3),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("dtype", sorted(DTYPES))
@SETTINGS
@given(data=st.data())
def test_unary_matches_torch(name: str, dtype: str, data: st.DataObject) -> None:
    fn, lo, hi = UNARY[name]
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
    x = data.draw(arrays(shape, lo, hi))
    if name == "index-mask" and not (x > 0).any():
        x = np.abs(x) + 0.1
    run_both(fn, fn, [x], dtype)


BINARY = {
    "add": (lambda m, a, b: a + b, None),
    "sub": (lambda m, a, b: a - b, None),
    "mul": (lambda m, a, b: a * b, None),
    "div": (lambda m, a, b: a / b, "positive-b"),
    "pow": (lambda m, a, b: a**b, "positive-a"),
    "maximum": (lambda m, a, b: m.maximum(a, b), None),
    "minimum": (lambda m, a, b: m.minimum(a, b), None),
    "mixed": (lambda m, a, b: (a * b).exp() - a.sigmoid() * b + m.tanh(a - b), None),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@pytest.mark.parametrize("dtype", sorted(DTYPES))
@SETTINGS
@given(data=st.data())
def test_binary_broadcasting_matches_torch(name: str, dtype: str, data: st.DataObject) -> None:
    fn, domain = BINARY[name]
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=4))
    sa, sb = shapes.input_shapes
    a = data.draw(arrays(sa, 0.2 if domain == "positive-a" else -3, 3))
    b = data.draw(arrays(sb, 0.2 if domain == "positive-b" else -3, 3))
    run_both(fn, fn, [a, b], dtype)


@pytest.mark.parametrize("dtype", sorted(DTYPES))
@SETTINGS
@given(data=st.data())
def test_reductions_along_dims_match_torch(dtype: str, data: st.DataObject) -> None:
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
    x = data.draw(arrays(shape))
    dim = data.draw(st.integers(-len(shape), len(shape) - 1))
    keep = data.draw(st.booleans())
    for fn in (
        lambda m, t: t.sum(dim, keepdim=keep),
        lambda m, t: t.mean(dim=dim, keepdim=keep),
        lambda m, t: t.max(dim, keepdim=keep).values,
        lambda m, t: m.min(t, dim=dim, keepdim=keep)[0],
    ) + ((lambda m, t: t.sum((0, -1))),) * (len(shape) > 1):
        run_both(fn, fn, [x], dtype)


@pytest.mark.parametrize("dtype", sorted(DTYPES))
@SETTINGS
@given(data=st.data())
def test_matmul_family_matches_torch(dtype: str, data: st.DataObject) -> None:
    n, k, m = (data.draw(st.integers(1, 5)) for _ in range(3))
    batch = data.draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3))
    cases = [
        ((n, k), (k, m)),
        ((n, k), (k,)),
        ((k,), (k, m)),
        ((k,), (k,)),
        ((*batch, n, k), (k, m)),
        ((*batch, n, k), (*batch, k, m)),
        ((k,), (*batch, k, m)),
    ]
    for sa, sb in cases:
        a, b = data.draw(arrays(sa)), data.draw(arrays(sb))
        run_both(lambda mod, x, y: x @ y, lambda mod, x, y: x @ y, [a, b], dtype)
    a, b = data.draw(arrays((n, k))), data.draw(arrays((k, m)))
    run_both(lambda mod, x, y: mod.mm(x, y), lambda mod, x, y: mod.mm(x, y), [a, b], dtype)


@pytest.mark.parametrize("dtype", sorted(DTYPES))
@SETTINGS
@given(data=st.data())
def test_shape_ops_match_torch(dtype: str, data: st.DataObject) -> None:
    shape = data.draw(hnp.array_shapes(min_dims=2, max_dims=4, min_side=1, max_side=3))
    x = data.draw(arrays(shape))
    perm = data.draw(st.permutations(range(len(shape))))
    d = data.draw(st.integers(0, len(shape) - 1))
    fns = [
        lambda m, t: t.permute(*perm) * 1.5,
        lambda m, t: t.view(-1, shape[-1]) * 1.5,
        lambda m, t: t.transpose(0, 1).reshape(-1) * 1.5,
        lambda m, t: t.unsqueeze(d).squeeze(d).squeeze() * 1.5,
        lambda m, t: t.unsqueeze(0).expand(2, *shape) * 1.5,
        lambda m, t: m.cat([t, t * 2], dim=d),
        lambda m, t: m.stack([t, t * 2], dim=d),
        lambda m, t: t.flatten(1) * 1.5,
        lambda m, t: t[:, 0] * 1.5,
        lambda m, t: t.contiguous() * 1.5,
    ]
    for fn in fns:
        run_both(fn, fn, [x], dtype)


@SETTINGS
@given(data=st.data())
def test_setitem_gradient_matches_torch(data: st.DataObject) -> None:
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=2, max_side=4))
    x = data.draw(arrays(shape))
    v = data.draw(arrays(shape[1:]))

    def fn(m, a, b):
        c = a * 2
        c[0] = b * 3
        return c

    run_both(fn, fn, [x, v], "float64")
