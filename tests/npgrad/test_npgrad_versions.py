"""torch's version counter: writing in place into a tensor that backward needs raises torch's error at
backward, under npgrad as under torch, instead of giving a wrong gradient. Each case runs under both."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import torch

import npgrad

torch.set_num_threads(1)


def outcome(engine, case: Callable) -> tuple:
    """('ok', gradients as lists) or ('error', type name, message)."""
    try:
        leaves = case(engine)
    except (RuntimeError, ValueError) as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("ok", [None if t.grad is None else t.grad.reshape(-1).tolist() for t in leaves])


def same(case: Callable) -> tuple:
    ref, ours = outcome(torch, case), outcome(npgrad, case)
    if ref[0] == ours[0] == "ok":
        assert [g is None for g in ours[1]] == [g is None for g in ref[1]]
        for a, b in zip(ours[1], ref[1], strict=True):
            assert a == pytest.approx(b, rel=1e-4, abs=1e-6)
    else:
        assert ours == ref
    return ref


UNARY = {
    "exp": lambda t: t.exp(),
    "log": lambda t: t.log(),
    "sqrt": lambda t: t.sqrt(),
    "sin": lambda t: t.sin(),
    "cos": lambda t: t.cos(),
    "tanh": lambda t: t.tanh(),
    "sigmoid": lambda t: t.sigmoid(),
    "relu": lambda t: t.relu(),
    "abs": lambda t: t.abs(),
    "reciprocal": lambda t: t.reciprocal(),
    "clamp": lambda t: t.clamp(0, 5),
    "pow2": lambda t: t**2,
    "pow3": lambda t: t**3,
    "rpow": lambda t: 2**t,
    "max": lambda t: t.max(),
    "max-dim": lambda t: t.max(0).values,
    "neg": lambda t: -t,
    "sum": lambda t: t.sum(),
    "mean": lambda t: t.mean(),
    "mul-scalar": lambda t: t * 3,
    "div-scalar": lambda t: t / 3,
    "rdiv": lambda t: 1 / t,
    "dot": lambda t: t[0].dot(t[1]),
    "mv": lambda t: t.mv(t[0]),
    "index": lambda t: t[[0, 1]],
    "view": lambda t: t.view(4) * 1,
}


@pytest.mark.parametrize("which", ["input", "output"])
@pytest.mark.parametrize("op", list(UNARY))
def test_unary_ops_check_what_torch_saves(op: str, which: str) -> None:
    def case(engine):
        x = engine.tensor([[1.0, 2.0], [3.0, 0.5]], requires_grad=True)
        y = x * 2
        z = UNARY[op](y)
        with engine.no_grad():
            (y if which == "input" else z).add_(1)
        z.sum().backward()
        return [x]

    same(case)


BINARY = {
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: a**b,
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "maximum": lambda a, b: a.maximum(b),
    "minimum": lambda a, b: a.minimum(b),
    "mm": lambda a, b: a @ b,
    "batched-matmul": lambda a, b: a.unsqueeze(0) @ b,
    "vector-matrix": lambda a, b: a[0] @ b,
}


@pytest.mark.parametrize("order", ["graph-first", "graph-second"])
@pytest.mark.parametrize("modified", ["graph-operand", "constant-operand"])
@pytest.mark.parametrize("op", list(BINARY))
def test_binary_ops_check_what_torch_saves(op: str, modified: str, order: str) -> None:
    def case(engine):
        x = engine.tensor([[1.0, 2.0], [3.0, 0.5]], requires_grad=True)
        y = x * 2
        c = engine.tensor([[3.0, 1.0], [2.0, 4.0]])
        z = BINARY[op](y, c) if order == "graph-first" else BINARY[op](c, y)
        with engine.no_grad():
            (y if modified == "graph-operand" else c).add_(1)
        z.sum().backward()
        return [x]

    same(case)


def _exp_then_add(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    y.add_(1)
    y.sum().backward()


def _saved_operand_changed_by_graph_op(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = y * y
    y.add_(1)
    z.sum().backward()


def _constant_modified(engine):
    w = engine.tensor([1.0, 2.0], requires_grad=True)
    x = engine.tensor([3, 4])
    z = w * x
    x.mul_(2)
    z.sum().backward()


def _leaf_updated_under_no_grad(engine):
    w = engine.tensor([1.0, 2.0], requires_grad=True, dtype=engine.float64)
    z = (w**2).sum()
    with engine.no_grad():
        w -= 1
    z.backward()


def _two_writes(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.exp_()
    y += 1
    y.sum().backward()


def _through_a_view(engine):
    x = engine.ones(2, 3, requires_grad=True)
    y = x.exp()
    y[0, 0] = 5
    y.sum().backward()


def _through_detach(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    z = x.exp()
    z.detach().add_(1)
    z.sum().backward()


def _self_product_in_place(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.mul_(y)
    y.sum().backward()


def _index_tensor_modified(engine):
    x = engine.tensor([1.0, 2.0, 3.0], requires_grad=True)
    i = engine.tensor([0, 2])
    z = x[i] * 1
    i.add_(-1)
    z.sum().backward()


def _max_indices_modified(engine):
    x = engine.tensor([[1.0, 5.0], [4.0, 2.0]], requires_grad=True)
    values, indices = x.max(1)
    indices.zero_()
    values.sum().backward()


def _write_into_saved_result_through_index(engine):
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    y = x.exp()
    y[0, 1] *= 5
    y.sum().backward()


def _square_elements_in_a_loop(engine):
    # y[i] * y[i] saves the view y[i]; the next write into y changes it
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    for i in range(2):
        y[i] = y[i] * y[i]
    y.sum().backward()


def _autograd_grad(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x.sigmoid()
    with engine.no_grad():
        y.mul_(2)
    engine.autograd.grad(y.sum(), x)


@pytest.mark.parametrize(
    "case",
    [
        _exp_then_add,
        _saved_operand_changed_by_graph_op,
        _constant_modified,
        _leaf_updated_under_no_grad,
        _two_writes,
        _through_a_view,
        _through_detach,
        _self_product_in_place,
        _index_tensor_modified,
        _max_indices_modified,
        _write_into_saved_result_through_index,
        _square_elements_in_a_loop,
        _autograd_grad,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_modified_saved_tensors_raise_torch_error(case: Callable) -> None:
    result = same(lambda engine: case(engine) or [])
    assert result[0] == "error"
    assert "modified by an inplace operation" in result[2]


def _data_writes_are_not_tracked(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = y.exp()
    z.data.add_(1)
    z.sum().backward()
    return [x]


def _writes_nobody_saved(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = (y + 1).sum() + y.mean()
    y.mul_(3)
    z.backward()
    return [x]


def _write_then_use(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.mul_(3)
    y.exp_()
    (y * x).sum().backward()
    return [x]


def _training_step_after_backward(engine):
    w = engine.tensor([1.0, -2.0], requires_grad=True)
    for _ in range(3):
        loss = ((w * 3 - 1) ** 2).sum()
        loss.backward()
        with engine.no_grad():
            w -= 0.01 * w.grad
        w.grad.zero_()
    return [w]


@pytest.mark.parametrize(
    "case",
    [_data_writes_are_not_tracked, _writes_nobody_saved, _write_then_use, _training_step_after_backward],
    ids=lambda f: f.__name__.strip("_"),
)
def test_writes_that_backward_does_not_need_are_allowed(case: Callable) -> None:
    assert same(case)[0] == "ok"


def test_message_names_the_tensor_like_torch() -> None:
    ref = outcome(torch, _exp_then_add)
    assert ref[2].startswith(
        "one of the variables needed for gradient computation has been modified by an inplace operation: "
        "[torch.FloatTensor [2]], which is output 0 of Exp, is at version 1; expected version 0 instead."
    )
    assert outcome(npgrad, _exp_then_add) == ref


def test_a_view_taken_before_a_recorded_write_is_refused() -> None:
    # torch re-derives the view's grad_fn; npgrad says it cannot rather than give the old gradient
    x = npgrad.ones(2, 2, requires_grad=True)
    y = x * 2
    v = y[0]
    y.mul_(2)
    with pytest.raises(NotImplementedError, match="view of a tensor that was modified in place"):
        v.sum()
    w = y[0]  # taken again after the write: fine
    w.sum().backward()
    assert x.grad.tolist() == [[4.0, 4.0], [0.0, 0.0]]


def test_a_write_that_would_pull_a_view_into_the_graph_is_refused() -> None:
    base = npgrad.zeros(3)
    view = base[:2]
    w = npgrad.ones(2, requires_grad=True)
    with pytest.raises(NotImplementedError, match="requires grad on a view"):
        view.add_(w)
    with pytest.raises(NotImplementedError, match="requires grad on a view"):
        base[:2] = w


def test_basic_indexing_shares_memory_even_for_one_element() -> None:
    for engine in (torch, npgrad):
        t = engine.zeros(3)
        t[1].add_(5)
        assert t.tolist() == [0.0, 5.0, 0.0], engine.__name__


def test_a_detached_tensor_may_join_the_graph_in_place() -> None:
    for engine in (torch, npgrad):
        x = engine.zeros(2)
        d = x.detach()
        w = engine.ones(2, requires_grad=True)
        d.add_(w)
        d.sum().backward()
        assert (w.grad.tolist(), x.requires_grad, x.tolist()) == ([1.0, 1.0], False, [1.0, 1.0]), engine.__name__


def _add_to_a_row(engine):
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    y = x * 2
    y[0] += 1
    y.sum().backward()
    return [x]


def _scale_a_row_then_square(engine):
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    y = x * 2
    y[0].mul_(3)
    (y * y).sum().backward()
    return [x]


def _scale_one_element(engine):
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    y = x * 2
    y[0, 1] *= 5
    y.sum().backward()
    return [x]


def _assign_a_column(engine):
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    w = engine.tensor([5.0, 6.0], requires_grad=True)
    y = x * 2
    y[:, 1] = w
    (y * y).sum().backward()
    return [x, w]


def _assign_through_a_row(engine):
    x = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    y = x * 2
    row = y[0]
    row[1] = 7
    y.sum().backward()
    return [x]


def _scale_in_a_loop(engine):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    for i in range(2):
        y[i] = y[i] * (i + 3)
    y.sum().backward()
    return [x]


@pytest.mark.parametrize(
    "case",
    [
        _add_to_a_row,
        _scale_a_row_then_square,
        _scale_one_element,
        _assign_a_column,
        _assign_through_a_row,
        _scale_in_a_loop,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_writes_through_index_views_update_the_base_graph(case: Callable) -> None:
    # torch gives the indexed tensor a CopySlices grad_fn; gradients through it must match
    assert same(case)[0] == "ok"


def test_a_written_view_gets_torch_node_names() -> None:
    for engine in (torch, npgrad):
        y = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True) * 2
        v = y[0]
        v.add_(1)
        assert (type(v.grad_fn).__name__, type(y.grad_fn).__name__) == ("AsStridedBackward0", "CopySlices")
