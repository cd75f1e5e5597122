"""torch's random functions with torch's values: after ``torch.manual_seed(s)`` they draw what torch draws on an
x86-64 CPU, in the same order (generator.py is the engine, sampling.py the kernels)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import dtypes, sampling
from .autograd import is_grad_enabled
from .creation import _finish
from .generator import Generator, default_generator, resolve
from .ops import pointwise
from .ops._core import bump
from .ops.index import check_inplace
from .tensor import Tensor, _shape_arg, _wrap

__all__ = ["Generator", "default_generator"]


def manual_seed(seed: Any) -> Generator:
    return default_generator.manual_seed(seed)


def seed() -> int:
    return default_generator.seed()


def initial_seed() -> int:
    return default_generator.initial_seed()


def get_rng_state() -> Any:
    return default_generator.get_state()


set_rng_state = get_rng_state


# --- writing draws into a tensor ----------------------------------------------------------
def _memory_order(arr: np.ndarray) -> np.ndarray:
    """A view of ``arr`` whose C order is its memory order: torch's kernels visit elements that way."""
    if arr.flags.c_contiguous or arr.ndim < 2:
        return arr
    axes = sorted(range(arr.ndim), key=lambda i: -abs(arr.strides[i]))
    return arr.transpose(axes)


def _write(t: Tensor, make: Any) -> Tensor:
    """Fill ``t`` in place with ``make(n, numpy dtype, contiguous)``, as an in-place op outside autograd."""
    check_inplace(t)
    if t.grad_fn is not None and is_grad_enabled():
        raise NotImplementedError(
            "npgrad (the in-browser stand-in for torch) does not support filling a tensor that has a "
            "grad_fn with random values; fill a leaf tensor, or do it under torch.no_grad()"
        )
    arr = t._data
    view = _memory_order(arr)
    view[...] = make(arr.size, arr.dtype, bool(arr.flags.c_contiguous)).reshape(view.shape)
    bump(t)
    return t


def _floating(t: Tensor, kernel: str) -> None:
    if t._data.dtype.kind != "f":
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{dtypes.scalar_type(t._data.dtype)}'")


def uniform_(self: Tensor, a: float = 0.0, b: float = 1.0, *, generator: Generator | None = None) -> Tensor:
    _floating(self, "check_uniform_bounds")
    a, b = float(a), float(b)
    if a > b:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found from={_num(a)} > to={_num(b)}")
    g = resolve(generator)
    return _write(self, lambda n, dt, _: sampling.uniform(g, n, dt, a, b))


def normal_(self: Tensor, mean: float = 0.0, std: float = 1.0, *, generator: Generator | None = None) -> Tensor:
    _floating(self, "normal_kernel_cpu")
    mean, std = float(mean), float(std)
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {_num(std)}")
    g = resolve(generator)
    return _write(self, lambda n, dt, contiguous: sampling.normal(g, n, dt, mean, std, contiguous))


def random_(self: Tensor, low: int = 0, high: int | None = None, *, generator: Generator | None = None) -> Tensor:
    if high is None:
        if low == 0:
            raise NotImplementedError(
                "npgrad (the in-browser stand-in for torch) supports random_(to) and "
                "random_(from, to), not random_() without bounds"
            )
        low, high = 0, low
    _check_range(low, high)
    g = resolve(generator)
    return _write(self, lambda n, dt, _: sampling.random_below(g, n, high - low, low).astype(dt))


def bernoulli_(self: Tensor, p: Any = 0.5, *, generator: Generator | None = None) -> Tensor:
    g = resolve(generator)
    if isinstance(p, Tensor):
        probs = np.broadcast_to(p._data, self._data.shape)
        return _write(self, lambda n, dt, _: sampling.bernoulli_tensor(g, _checked_p(probs)).astype(dt))
    if not 0 <= float(p) <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p}")
    return _write(self, lambda n, dt, _: sampling.bernoulli_scalar(g, n, float(p)).astype(dt))


def bernoulli(input: Tensor, p: Any = None, *, generator: Generator | None = None) -> Tensor:
    out = _wrap(np.empty_like(input._data))
    return bernoulli_(out, input if p is None else p, generator=generator)


def _checked_p(p: np.ndarray) -> np.ndarray:
    if p.size and not ((p >= 0) & (p <= 1)).all():
        _check_p(-1.0)
    return p


def _check_p(p: float) -> None:
    if not 0 <= p <= 1:
        raise RuntimeError(
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  "
            "If so, please report an enhancement request to PyTorch.)"
        )


def _check_range(low: int, high: int) -> None:
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")


def _num(v: float) -> Any:
    """A bound as torch's message prints it: 3 rather than 3.0."""
    return int(v) if v == int(v) else v


# --- factories ------------------------------------------------------------------------------
def _sized(size: tuple, kw_size: Any) -> tuple:
    if kw_size is not None:
        if size:
            raise TypeError("npgrad: give the size either as arguments or as size=, not both")
        size = (kw_size,)
    return _shape_arg(size)


def _fresh(shape: tuple, dtype: Any, default: dtypes.dtype) -> Tensor:
    return _wrap(np.empty(shape, (dtype or default).np))


def _done(t: Tensor, device: Any, requires_grad: bool) -> Tensor:
    return _finish(t._data, None, device, requires_grad) if device is not None or requires_grad else t


def rand(
    *size: Any,
    generator: Generator | None = None,
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    **kw: Any,
) -> Tensor:
    t = _fresh(_sized(size, kw.pop("size", None)), dtype, dtypes.default_float())
    _no_extra("rand", kw)
    return _done(uniform_(t, generator=generator), device, requires_grad)


def randn(
    *size: Any,
    generator: Generator | None = None,
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    **kw: Any,
) -> Tensor:
    t = _fresh(_sized(size, kw.pop("size", None)), dtype, dtypes.default_float())
    _no_extra("randn", kw)
    return _done(normal_(t, generator=generator), device, requires_grad)


def randint(
    *args: Any,
    generator: Generator | None = None,
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    **kw: Any,
) -> Tensor:
    """randint(high, size) or randint(low, high, size), positionally or by name."""
    low, high, size = kw.pop("low", None), kw.pop("high", None), kw.pop("size", None)
    _no_extra("randint", kw)
    given = list(args)
    if (size is None and given and isinstance(given[-1], (tuple, list))) or (size is None and len(given) == 3):
        size = given.pop()
    if high is None and given:
        high = given.pop()
    if low is None:
        low = given.pop() if given else 0
    if high is None or size is None or given:
        raise TypeError("randint() expects (high, size) or (low, high, size), as torch.randint does")
    low, high = int(low), int(high)
    _check_range(low, high)
    t = _fresh(_shape_arg(tuple(size)), dtype, dtypes.int64)
    return _done(random_(t, low, high, generator=generator), device, requires_grad)


def randperm(
    n: int, *, generator: Generator | None = None, dtype: Any = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    if n < 0:
        raise RuntimeError(f"n must be non-negative, got{n}")
    perm = sampling.permutation(resolve(generator), int(n))
    return _finish(perm, dtype, device, requires_grad)


def normal(
    mean: Any = 0.0,
    std: Any = 1.0,
    size: Any = None,
    *,
    generator: Generator | None = None,
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    """torch.normal: numbers with a size, or tensors of means and/or standard deviations (broadcast)."""
    m_t, s_t = isinstance(mean, Tensor), isinstance(std, Tensor)
    if not (m_t or s_t):
        if size is None:
            raise TypeError("normal() with a number mean and std needs a size, as torch.normal does")
        t = _fresh(_shape_arg(tuple(size) if not isinstance(size, int) else (size,)), dtype, dtypes.default_float())
        return _done(normal_(t, float(mean), float(std), generator=generator), device, requires_grad)
    if s_t and std._data.size and (std._data < 0).any():
        raise RuntimeError("normal expects all elements of std >= 0.0")
    shape = np.broadcast_shapes(np.shape(mean._data) if m_t else (), np.shape(std._data) if s_t else ())
    like = mean if m_t else std
    out = _wrap(np.empty(shape, like._data.dtype))
    if m_t and not s_t:  # torch draws with the number std, then adds the means
        normal_(out, 0.0, float(std), generator=generator)
        return pointwise.add(out, mean.detach())
    normal_(out, generator=generator)
    return pointwise.add(pointwise.mul(out, std.detach()), mean.detach() if m_t else mean)


def rand_like(
    input: Tensor,
    *,
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    generator: Generator | None = None,
) -> Tensor:
    t = _fresh(input._data.shape, dtype, dtypes.from_numpy_dtype(input._data.dtype))
    return _done(uniform_(t, generator=generator), device, requires_grad)


def randn_like(
    input: Tensor,
    *,
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    generator: Generator | None = None,
) -> Tensor:
    t = _fresh(input._data.shape, dtype, dtypes.from_numpy_dtype(input._data.dtype))
    return _done(normal_(t, generator=generator), device, requires_grad)


def randint_like(
    input: Tensor,
    low: int = 0,
    high: int | None = None,
    *,
    dtype: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    generator: Generator | None = None,
) -> Tensor:
    if high is None:
        low, high = 0, low
    t = _fresh(input._data.shape, dtype, dtypes.from_numpy_dtype(input._data.dtype))
    return _done(random_(t, int(low), int(high), generator=generator), device, requires_grad)


def _no_extra(name: str, kw: dict) -> None:
    if kw:
        raise TypeError(f"npgrad: {name}() got unsupported arguments {sorted(kw)}")


METHODS = {
    "uniform_": uniform_,
    "normal_": normal_,
    "random_": random_,
    "bernoulli_": bernoulli_,
    "bernoulli": bernoulli,
}


def bind() -> None:
    for name, fn in METHODS.items():
        setattr(Tensor, name, fn)
