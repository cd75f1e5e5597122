"""Engine properties that printed output cannot show: no reference cycles, long chains, freed graphs,
unaliased gradients, memory sharing, and clear errors outside the subset."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pytest

import npgrad as torch


def test_graph_has_no_reference_cycles() -> None:
    gc.collect()
    gc.disable()
    try:
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = (x * 2).exp().sum()
        node = weakref.ref(y.grad_fn)
        inner = weakref.ref(y.grad_fn.next_functions[0][0])
        del y
        # freed by reference counting alone, with the cycle collector off
        assert node() is None
        assert inner() is None
    finally:
        gc.enable()


def test_hundred_thousand_op_chain() -> None:
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y + 1.0
    y.backward()
    assert x.grad.item() == 1.0


def test_saved_values_are_released_after_backward() -> None:
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * x
    y.sum().backward(retain_graph=True)
    assert isinstance(y.grad_fn.saved, tuple)
    y.sum().backward()
    assert not isinstance(y.grad_fn.saved, tuple)
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.sum().backward()


def test_leaf_gradients_do_not_alias() -> None:
    a = torch.ones(3, requires_grad=True)
    b = torch.ones(3, requires_grad=True)
    (a + b).sum().backward()
    a.grad += 5
    assert b.grad.tolist() == [1.0, 1.0, 1.0]
    c = torch.ones(2, requires_grad=True)
    g = torch.tensor([1.0, 2.0])
    c.backward(g)
    c.grad.zero_()
    assert g.tolist() == [1.0, 2.0]


def test_views_and_numpy_share_memory() -> None:
    arr = np.zeros(4, dtype=np.float32)
    t = torch.from_numpy(arr)
    v = t.view(2, 2)
    v[1, 1] = 7
    assert arr[3] == 7
    assert t.reshape(4).data_ptr() == t.data_ptr()
    assert t.view(2, 2).t().reshape(4).data_ptr() != t.data_ptr()  # not viewable: a copy
    with pytest.raises(RuntimeError, match="view size is not compatible"):
        v.t().view(4)


def test_outside_the_subset_errors_name_the_missing_api() -> None:
    stand_in = r"npgrad \(the in-browser stand-in for torch\) does not support "
    with pytest.raises(AttributeError, match=stand_in + r"torch\.fft"):
        torch.fft  # noqa: B018
    with pytest.raises(NotImplementedError, match=stand_in + r"Tensor\.stft"):
        torch.ones(2).stft()
    assert not hasattr(torch, "fft")
    assert getattr(torch.ones(1), "stft", None) is None
    with pytest.raises(NotImplementedError, match=stand_in + r"torch\.nn\.Conv2d"):
        torch.nn.Conv2d(1, 1, 3)
    with pytest.raises(NotImplementedError, match="first-order"):
        torch.autograd.grad(torch.ones(1, requires_grad=True).sum(), [], create_graph=True)


def test_seeded_random_is_repeatable() -> None:
    torch.manual_seed(3)
    a = torch.randn(3)
    torch.manual_seed(3)
    assert torch.randn(3).tolist() == a.tolist()
    assert torch.randint(0, 5, (4,)).dtype == torch.int64


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64, np.int32, np.bool_])
def test_tensor_class_shares_memory_like_torch(dtype: type) -> None:
    import torch as real

    for engine in (real, torch):
        source = np.array([1, 0, 3], dtype=dtype)
        made = engine.Tensor(source)
        source[0] = 0
        # torch.Tensor(ndarray) keeps a float32 array's memory and copies any other dtype to float32
        expected = 0.0 if dtype is np.float32 else 1.0
        assert (made.dtype, made[0].item()) == (engine.float32, expected), engine.__name__
    alias = torch.Tensor(torch.tensor([1, 2]))
    assert alias.dtype == torch.int64  # a tensor argument is aliased, whatever its dtype, as in torch


def test_negative_slice_steps_raise_like_torch() -> None:
    t = torch.arange(5)
    for index in (slice(None, None, -1), (slice(None, None, -2),)):
        with pytest.raises(ValueError, match=r"^step must be greater than zero$"):
            t[index]
    with pytest.raises(ValueError, match=r"^step must be greater than zero$"):
        t[::-1] = 0


@pytest.mark.parametrize("make", ["from_numpy", "tensor", "as_tensor"])
def test_negative_strides_are_refused_like_torch(make: str) -> None:
    import torch as real

    reversed_array = np.arange(6.0).reshape(2, 3)[:, ::-1]
    with pytest.raises(ValueError) as expected:  # noqa: PT011 - npgrad's message is compared with this one
        getattr(real, make)(reversed_array)
    with pytest.raises(ValueError) as got:  # noqa: PT011 - compared below
        getattr(torch, make)(reversed_array)
    assert str(got.value) == str(expected.value)
    assert getattr(torch, make)(reversed_array.copy()).tolist() == reversed_array.tolist()
