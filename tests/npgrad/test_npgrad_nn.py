"""torch.nn under npgrad: modules print, register and save like torch's; functional ops give torch's values,
gradients and grad_fn names; Linear starts from torch's weights; what npgrad lacks is refused by name."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import npgrad

torch.set_num_threads(1)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MODULES = [
    "nn.Linear(3, 2)",
    "nn.Linear(4, 1, bias=False)",
    "nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1), nn.Sigmoid())",
    "nn.Sequential(nn.Sequential(nn.Linear(2, 2), nn.Tanh()), nn.ReLU(inplace=True), nn.Softmax(dim=1))",
    "nn.ModuleList([nn.Linear(1, 1), nn.LogSoftmax(dim=0)])",
    "nn.MSELoss()",
    "nn.CrossEntropyLoss(reduction='sum')",
    "nn.Identity()",
]


@pytest.mark.parametrize("expr", MODULES)
def test_modules_print_and_register_like_torch(expr: str) -> None:
    seen = []
    for engine in (npgrad, torch):
        engine.manual_seed(0)
        m = eval(expr, {"nn": engine.nn})
        params = [(n, tuple(p.shape), p.tolist()) for n, p in m.named_parameters()]
        seen.append((repr(m), params, list(m.state_dict()), [type(c).__name__ for c in m.modules()]))
    assert seen[0] == seen[1]


def test_parameters_print_like_torch() -> None:
    texts = [repr(e.nn.Parameter(e.tensor([[1.5, -2.0]]))) for e in (npgrad, torch)]
    assert texts[0] == texts[1]
    assert next(repr(e.nn.Parameter(e.ones(2), requires_grad=False)) for e in (npgrad, torch)) == repr(
        torch.nn.Parameter(torch.ones(2), requires_grad=False)
    )


def custom(engine):
    nn = engine.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(nn.Linear(3, 5), nn.ReLU())
            self.head = nn.Linear(5, 2)
            self.scale = nn.Parameter(engine.ones(1))

        def forward(self, x):
            return self.head(self.body(x)) * self.scale

    engine.manual_seed(1)
    return Net()


def test_custom_modules_train_eval_state_and_copies() -> None:
    ours, ref = custom(npgrad), custom(torch)
    assert repr(ours) == repr(ref)
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in ref.named_parameters()]
    assert [n for n, _ in ours.named_children()] == [n for n, _ in ref.named_children()]
    assert ours.eval().training is False
    assert ours.body[0].training is False
    assert ours.train().body[1].training is True
    twin = copy.deepcopy(ours)
    with npgrad.no_grad():
        ours.head.bias.add_(1.0)
    assert not np.array_equal(twin.head.bias.detach().numpy(), ours.head.bias.detach().numpy())
    assert repr(twin.load_state_dict(ours.state_dict())) == "<All keys matched successfully>"
    assert np.array_equal(twin.head.bias.detach().numpy(), ours.head.bias.detach().numpy())
    ours.double()
    assert ours.head.weight.dtype == npgrad.float64
    assert isinstance(ours.head.weight, npgrad.nn.Parameter)


def test_state_dict_and_assignment_errors_say_what_torch_says() -> None:
    messages = []
    for engine in (npgrad, torch):
        lin = engine.nn.Linear(2, 2)
        found = []
        for action in (
            "lin.load_state_dict({'weight': e.zeros(2, 2)})",
            "lin.load_state_dict({'weight': e.zeros(3, 2), 'bias': e.zeros(2)})",
            "setattr(lin, 'weight', e.zeros(2, 2))",
            "lin.nonexistent",
        ):
            with pytest.raises(Exception) as info:  # noqa: PT011 - type and message are compared with torch's
                eval(action, {"lin": lin, "e": engine})
            found.append((type(info.value).__name__, str(info.value)))
        messages.append(found)
    assert messages[0] == messages[1]


@SETTINGS
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(1, 6), st.sampled_from([(), (4,), (2, 3)]))
def test_linear_values_gradients_and_grad_fn(seed: int, n_in: int, n_out: int, batch: tuple) -> None:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((*batch, n_in)).astype(np.float32)
    g = rng.standard_normal((*batch, n_out)).astype(np.float32)
    found = []
    for engine in (npgrad, torch):
        engine.manual_seed(seed)
        lin = engine.nn.Linear(n_in, n_out)
        xt = engine.tensor(x, requires_grad=True)
        y = lin(xt)
        y.backward(engine.tensor(g))
        found.append((type(y.grad_fn).__name__, y.detach().numpy(), xt.grad.numpy(), lin.weight.grad.numpy(),
                      lin.bias.grad.numpy()))  # fmt: skip
    assert found[0][0] == found[1][0]
    for a, b in zip(found[0][1:], found[1][1:], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


LOSSES = [
    ("F.cross_entropy(x, t)", "int"),
    ("F.cross_entropy(x, t, reduction='sum')", "int"),
    ("F.cross_entropy(x, t, reduction='none')", "int"),
    ("F.cross_entropy(x, t, ignore_index=1)", "int"),
    ("F.nll_loss(F.log_softmax(x, dim=1), t)", "int"),
    ("F.log_softmax(x, dim=1)", "int"),
    ("F.softmax(x, dim=0)", "int"),
    ("F.softmax(x, dim=-1)", "int"),
    ("F.mse_loss(x, t)", "float"),
    ("F.mse_loss(x, t, reduction='sum')", "float"),
    ("F.mse_loss(x, t, reduction='none')", "float"),
    ("nn.MSELoss()(x, t)", "float"),
    ("nn.CrossEntropyLoss()(x, t)", "int"),
]


@SETTINGS
@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.integers(2, 12), st.sampled_from(LOSSES))
def test_losses_values_gradients_and_grad_fn(seed: int, n: int, classes: int, case: tuple) -> None:
    expr, target = case
    rng = np.random.default_rng(seed)
    x = (rng.standard_normal((n, classes)) * 3).astype(np.float32)
    t = rng.integers(0, classes, n) if target == "int" else rng.standard_normal((n, classes)).astype(np.float32)
    found = []
    for engine in (npgrad, torch):
        xt = engine.tensor(x, requires_grad=True)
        y = eval(expr, {"F": engine.nn.functional, "nn": engine.nn, "x": xt, "t": engine.tensor(t)})
        y.backward(engine.ones_like(y))
        found.append((type(y.grad_fn).__name__, y.dtype.is_floating_point, y.detach().numpy(), xt.grad.numpy()))
    assert found[0][:2] == found[1][:2]
    np.testing.assert_allclose(found[0][2], found[1][2], rtol=2e-6, atol=2e-6)
    np.testing.assert_allclose(found[0][3], found[1][3], rtol=2e-6, atol=2e-6)


@pytest.mark.parametrize(
    "expr", ["nn.Conv2d", "nn.Dropout", "nn.BatchNorm1d", "nn.functional.dropout", "nn.init.trunc_normal_"]
)
def test_what_npgrad_lacks_is_refused_by_name(expr: str) -> None:
    with pytest.raises(NotImplementedError, match="does not support torch." + expr.replace(".", r"\.")):
        eval(expr, {"nn": npgrad.nn})
    with pytest.raises(AttributeError):
        npgrad.nn.__wrapped__  # noqa: B018 - Python's own probes still get AttributeError


def test_zero_grad_sets_none_like_torch_2() -> None:
    for engine in (npgrad, torch):
        lin = engine.nn.Linear(2, 1)
        lin(engine.ones(1, 2)).sum().backward()
        lin.zero_grad(set_to_none=False)
        assert lin.weight.grad.tolist() == [[0.0, 0.0]]
        lin.zero_grad()
        assert lin.weight.grad is None
