"""The exercises' checker on its own: each reason in a teacher's order, the same verdicts with torch and npgrad."""

from __future__ import annotations

import pytest
import torch

import npgrad
from exercise_check import check, decode, encode
from exercise_check.values import compare

ENGINES = {"torch": torch, "npgrad": npgrad}


def spec_for(solution: str, inputs: dict, answer: str = "y", grads: tuple = (), requires: tuple = ()) -> dict:
    """A spec as builder/exercises makes one: expected results from `solution` run with torch."""
    described = {name: encode(value, torch) for name, value in inputs.items()}
    rebuilt = {name: decode(value, torch) for name, value in described.items()}
    namespace = {"torch": torch, **rebuilt}
    exec(solution, namespace)
    case = {
        "inputs": described,
        "expected": {answer: encode(namespace[answer], torch)},
        "grads": {name: encode(rebuilt[name].grad, torch) for name in grads},
    }
    return {"answer": [answer], "grads": list(grads), "requires": list(requires), "cases": [case, case]}


X = {"x": torch.arange(6.0).view(2, 3)}


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("y = x.view(3, 2)", None),
        ("y = x.view(3, 2)\nboom(", "error"),  # a syntax error
        ("z = x.view(3, 2)", "missing"),
        ("y = x.view(3, 2).tolist()", "type"),
        ("y = x.view(2, 3)", "shape"),
        ("y = x.view(3, 2).double()", "dtype"),
        ("y = x.view(3, 2) + 1", "values"),
        ("y = x.reshape(3, 2).clone()", "property"),
        ("y = x.view(4, 2)", "error"),  # raises at run time
    ],
)
def test_each_reason_is_reported_first(engine: str, code: str, reason: str | None) -> None:
    spec = spec_for("y = x.view(3, 2)", X, requires=("shares:y:x",))
    verdict = check(spec, code, ENGINES[engine])
    assert verdict["passed"] is (reason is None)
    assert verdict.get("reason") == reason


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_the_verdict_says_what_differs(engine: str) -> None:
    spec = spec_for("y = x.view(3, 2)", X)
    shape = check(spec, "y = x.t().t()", ENGINES[engine])
    assert (shape["expected_shape"], shape["actual_shape"], shape["transposed"]) == ([3, 2], [2, 3], True)
    values = check(spec, "y = x.view(3, 2).clone()\ny[1, 0] = 9", ENGINES[engine])
    assert (values["index"], values["expected_value"], values["actual_value"], values["wrong"]) == (
        [1, 0],
        "2.0",
        "9.0",
        1,
    )
    error = check(spec, "a = 1\ny = x.view(5)", ENGINES[engine])
    assert (error["error_type"], error["line"]) == ("RuntimeError", 2)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_gradients_missing_wrong_and_right(engine: str) -> None:
    inputs = {"x": torch.tensor([1.0, 2.0], requires_grad=True)}
    spec = spec_for("y = (x ** 2).sum()\ny.backward()", inputs, grads=("x",))
    m = ENGINES[engine]
    assert check(spec, "y = (x ** 2).sum()\ny.backward()", m)["passed"]
    missing = check(spec, "y = (x ** 2).sum()", m)
    assert (missing["reason"], missing.get("missing")) == ("grad", True)
    wrong = check(spec, "y = (x ** 2).sum()\n(y * 2).backward()", m)
    assert (wrong["reason"], wrong["detail"]) == ("grad", "values")


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_no_loop_names_the_line(engine: str) -> None:
    spec = spec_for("y = x.sum()", X, requires=("no-loop",))
    verdict = check(spec, "y = 0\nfor v in x.flatten():\n    y = y + v", ENGINES[engine])
    assert (verdict["reason"], verdict["property"], verdict["line"]) == ("property", "no-loop", 2)
    assert check(spec, "y = sum([v for v in x.flatten()])", ENGINES[engine])["line"] == 1


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_predicted_values_compare_as_values(engine: str) -> None:
    m = ENGINES[engine]
    spec = spec_for("y = (tuple(x.shape), x.dtype, x.sum().item())", X)
    assert check(spec, "y = ((2, 3), torch.float32, 15)", m)["passed"]  # a number compares as a number
    assert check(spec, "y = (x.shape, torch.float32, 15.0)", m)["passed"]  # torch.Size is a tuple
    assert check(spec, "y = ((3, 2), torch.float32, 15.0)", m)["reason"] == "values"
    wrong_type = check(spec, "y = ((2, 3), 'float32', 15.0)", m)
    assert (wrong_type["reason"], wrong_type["position"]) == ("type", 1)


def test_the_reader_print_comes_back_and_a_placeholder_is_not_an_answer() -> None:
    spec = spec_for("y = x.view(3, 2)", X)
    verdict = check(spec, "print('hello')\ny = ...", npgrad)
    assert (verdict["reason"], verdict["actual_kind"], verdict["printed"]) == ("type", "ellipsis", "hello\n")


def test_descriptions_round_trip_between_engines() -> None:
    value = torch.tensor([[1.5, float("nan")], [-0.0, 3.0]], dtype=torch.float64)
    described = encode(value, torch)
    rebuilt = decode(described, npgrad)
    assert compare(described, encode(rebuilt, npgrad)) is None
    assert decode(encode(torch.zeros(0, 3), torch), npgrad).shape == (0, 3)
    assert compare(encode(torch.tensor(1.0), torch), encode(npgrad.tensor(1.0 + 1e-3), npgrad))["reason"] == "values"
