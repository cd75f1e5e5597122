"""Factory functions: zeros, ones, arange, linspace, eye, full, from_numpy ..."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import dtypes
from .ops.index import getitem
from .tensor import Tensor, _check_device, _shape_arg, _to_array, _wrap, check_strides, tensor


def _finish(arr: np.ndarray, dtype: dtypes.dtype | None, device: Any, requires_grad: bool) -> Tensor:
    if device is not None:
        _check_device(device)
    if dtype is not None and arr.dtype != dtype.np:
        arr = arr.astype(dtype.np)
    t = _wrap(arr)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _filled(value: float, size: tuple, dtype: Any, device: Any, requires_grad: bool) -> Tensor:
    shape = _shape_arg(size)
    if value == 0:
        arr = np.zeros(shape, (dtype or dtypes.default_float()).np)
    else:  # np.full's Python-level checks cost more than this for small tensors
        arr = np.empty(shape, (dtype or dtypes.default_float()).np)
        arr.fill(value)
    if device is None and not requires_grad:
        return _wrap(arr)
    return _finish(arr, None, device, requires_grad)


def _sizes(size: tuple, keyword: Any) -> tuple:
    """Sizes as varargs, one tuple, list or torch.Size, or the ``size=`` keyword."""
    if keyword is not None:
        if size:
            raise TypeError("npgrad: sizes given both positionally and as size=")
        return (keyword,)
    return size


def _out(t: Tensor, out: Any) -> Tensor:
    if out is None:
        return t
    if not isinstance(out, Tensor):
        raise TypeError(f"argument 'out' must be Tensor, not {type(out).__name__}")
    out._data = t._data.astype(out._data.dtype, copy=False) if out._data.dtype != t._data.dtype else t._data
    return out


def zeros(
    *size: Any,
    out: Any = None,
    dtype: Any = None,
    layout: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    pin_memory: bool = False,
    **keywords: Any,
) -> Tensor:
    dtypes.check(dtype, "zeros")
    return _out(_filled(0, _sizes(size, _size_keyword(keywords)), dtype, device, requires_grad), out)


def ones(
    *size: Any,
    out: Any = None,
    dtype: Any = None,
    layout: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    pin_memory: bool = False,
    **keywords: Any,
) -> Tensor:
    dtypes.check(dtype, "ones")
    return _out(_filled(1, _sizes(size, _size_keyword(keywords)), dtype, device, requires_grad), out)


def empty(
    *size: Any,
    out: Any = None,
    dtype: Any = None,
    layout: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    pin_memory: bool = False,
    **keywords: Any,
) -> Tensor:
    # torch leaves memory uninitialised; zeros keep runs deterministic
    dtypes.check(dtype, "empty")
    return _out(_filled(0, _sizes(size, _size_keyword(keywords)), dtype, device, requires_grad), out)


def _size_keyword(keywords: dict) -> Any:
    """torch's ``size=`` (a Python function cannot take ``*size`` and ``size=`` both); other keywords are errors."""
    size = keywords.pop("size", None)
    keywords.pop("memory_format", None)
    if keywords:
        raise TypeError(f"npgrad: unexpected keyword argument '{next(iter(keywords))}'")
    return size


def _like(t: Tensor, dtype: Any) -> dtypes.dtype:
    if not isinstance(t, Tensor):
        raise TypeError(f"argument 'input' (position 1) must be Tensor, not {type(t).__name__}")
    return dtype or dtypes.from_numpy_dtype(t._data.dtype)


def zeros_like(
    input: Tensor,
    *,
    dtype: Any = None,
    layout: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    dtypes.check(dtype, "zeros_like")
    return _filled(0, input._data.shape, _like(input, dtype), device, requires_grad)


def ones_like(
    input: Tensor,
    *,
    dtype: Any = None,
    layout: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    dtypes.check(dtype, "ones_like")
    return _filled(1, input._data.shape, _like(input, dtype), device, requires_grad)


def empty_like(
    input: Tensor,
    *,
    dtype: Any = None,
    layout: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    dtypes.check(dtype, "empty_like")
    return _filled(0, input._data.shape, _like(input, dtype), device, requires_grad)


def full(
    size: Any,
    fill_value: Any,
    *,
    out: Any = None,
    dtype: Any = None,
    layout: Any = None,
    device: Any = None,
    requires_grad: bool = False,
) -> Tensor:
    if dtype is None:
        dtype = dtypes.scalar_dtype(fill_value.item() if isinstance(fill_value, Tensor) else fill_value)
    dtypes.check(dtype, "full")
    return _out(_filled(fill_value, _sizes((size,), None), dtype, device, requires_grad), out)


def full_like(
    input: Tensor,
    fill_value: Any,
    *,
    dtype: Any = None,
    layout: Any = None,
    device: Any = None,
    requires_grad: bool = False,
    memory_format: Any = None,
) -> Tensor:
    dtypes.check(dtype, "full_like")
    return _filled(fill_value, input._data.shape, _like(input, dtype), device, requires_grad)


# Tensor.new_*: a new tensor with self's dtype unless given
def new_zeros(
    self: Tensor, *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False, **kw: Any
) -> Tensor:
    dtypes.check(dtype, "new_zeros")
    return _filled(0, _sizes(size, _size_keyword(kw)), _like(self, dtype), device, requires_grad)


def new_ones(
    self: Tensor, *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False, **kw: Any
) -> Tensor:
    dtypes.check(dtype, "new_ones")
    return _filled(1, _sizes(size, _size_keyword(kw)), _like(self, dtype), device, requires_grad)


def new_empty(
    self: Tensor, *size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False, **kw: Any
) -> Tensor:
    dtypes.check(dtype, "new_empty")
    return _filled(0, _sizes(size, _size_keyword(kw)), _like(self, dtype), device, requires_grad)


def new_full(
    self: Tensor, size: Any, fill_value: Any, *, dtype: Any = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    dtypes.check(dtype, "new_full")
    return _filled(fill_value, _sizes((size,), None), _like(self, dtype), device, requires_grad)


def _num(v: Any) -> Any:
    return v.item() if isinstance(v, Tensor) else v


def arange(
    start: Any, end: Any = None, step: Any = 1, dtype: Any = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    start, end, step = _num(start), _num(end), _num(step)
    if end is None:
        start, end = 0, start
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if dtype is None:
        is_float = any(isinstance(v, float) for v in (start, end, step))
        dtype = dtypes.default_float() if is_float else dtypes.int64
    # torch computes the length in double precision, then start + i * step
    n = int(np.ceil((end - start) / step))
    arr = start + np.arange(max(n, 0), dtype=np.float64 if dtype.is_floating_point else np.int64) * step
    return _finish(np.asarray(arr).astype(dtype.np), None, device, requires_grad)


def linspace(
    start: Any, end: Any, steps: int, dtype: Any = None, device: Any = None, requires_grad: bool = False
) -> Tensor:
    start, end = _num(start), _num(end)
    dt = dtype or dtypes.default_float()
    if steps == 1:
        arr = np.array([start], dtype=np.float64)
    else:
        # torch fills the first half from start and the second half from end, with start, end and the step
        # in the output dtype and each product and sum rounded once (a fused multiply-add)
        if dt.is_floating_point:
            start = float(np.asarray(start, dt.np))
            end = float(np.asarray(end, dt.np))
            step = float((np.asarray(end, dt.np) - np.asarray(start, dt.np)) / np.asarray(steps - 1, dt.np))
        else:
            step = float(np.asarray((end - start) / (steps - 1), dtype=dt.np))
        i = np.arange(steps, dtype=np.float64)
        arr = np.where(i < steps // 2, start + step * i, end - step * (steps - 1 - i))
    return _finish(arr.astype(dt.np), None, device, requires_grad)


def eye(n: int, m: int | None = None, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    return _finish(np.eye(n, m, dtype=(dtype or dtypes.default_float()).np), None, device, requires_grad)


def from_numpy(arr: np.ndarray) -> Tensor:
    """Shares memory with ``arr``, like torch.from_numpy."""
    if not isinstance(arr, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(arr).__name__})")
    d = dtypes.from_numpy_dtype(arr.dtype)
    if d.np != arr.dtype:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{arr.dtype.name}. The only supported types are: "
            "float64, float32, int64, int32, and bool."
        )
    check_strides(arr)
    return _wrap(arr)


def as_tensor(data: Any, dtype: Any = None, device: Any = None) -> Tensor:
    """Shares memory with a numpy array or tensor when no conversion is needed."""
    if device is not None:
        _check_device(device)
    if isinstance(data, Tensor) and (dtype is None or data._data.dtype == dtype.np):
        return data
    if isinstance(data, np.ndarray) and (dtype is None or data.dtype == dtype.np):
        return from_numpy(data)
    return tensor(data, dtype=dtype)


def FloatTensor(*args: Any) -> Tensor:  # noqa: N802 - torch's name
    return Tensor(*args)


def LongTensor(*args: Any) -> Tensor:  # noqa: N802
    if len(args) == 1 and not isinstance(args[0], int):
        return _wrap(_to_array(args[0], dtypes.int64))
    return _wrap(np.zeros(_shape_arg(args), dtype=np.int64))


def DoubleTensor(*args: Any) -> Tensor:  # noqa: N802
    return Tensor(*args).double()


def BoolTensor(*args: Any) -> Tensor:  # noqa: N802
    if len(args) == 1 and not isinstance(args[0], int):
        return _wrap(_to_array(args[0], dtypes.bool_))
    return _wrap(np.zeros(_shape_arg(args), dtype=bool))


def _tensor_class(cls: type, *args: Any, **kwargs: Any) -> Tensor:
    """``torch.Tensor(...)``: data makes float32, sizes allocate that shape, a tensor gives a view of it."""
    if kwargs:
        raise TypeError(f"npgrad: torch.Tensor() does not take {', '.join(kwargs)}; use torch.tensor()")
    if len(args) == 1 and not isinstance(args[0], int):
        data = args[0]
        if isinstance(data, Tensor):
            return getitem(data, Ellipsis)  # torch returns an alias of a tensor, whatever its dtype
        default = dtypes.default_float()
        if isinstance(data, np.ndarray) and data.dtype == default.np:
            return _wrap(data)  # torch shares an array of the default dtype's memory and copies any other
        return _wrap(_to_array(data, default))
    return _wrap(np.zeros(_shape_arg(args) if args else (0,), dtype=dtypes.default_float().np))


Tensor.__new__ = staticmethod(_tensor_class)  # type: ignore[method-assign] - bound here, above the ops it uses
