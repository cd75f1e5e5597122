"""Binds the ops as Tensor methods and operators, in one table."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import autograd, creation, dtypes
from .ops import index, inplace, linalg, shape, table
from .ops import pointwise as pw
from .tensor import Tensor, _check_device, tensor


def _flip(fn: Any) -> Any:
    def op(a: Any, b: Any) -> Any:
        return fn(b, a)

    return op


def _matmul_operator(a: Tensor, b: Any) -> Any:
    # NotImplemented lets Python raise its (and torch's) "unsupported operand type(s) for @" message
    return linalg.matmul(a, b) if isinstance(b, Tensor) else NotImplemented


def _rmatmul_operator(a: Tensor, b: Any) -> Any:
    return linalg.matmul(b, a) if isinstance(b, Tensor) else NotImplemented


def _to(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
    """``to(dtype)``, ``to(device)``, ``to(other)``, ``to(device, dtype)``."""
    dt = kwargs.pop("dtype", None)
    dev = kwargs.pop("device", None)
    copy = kwargs.pop("copy", False)
    kwargs.pop("non_blocking", None)
    if kwargs:
        raise TypeError(f"npgrad: to() got unsupported arguments {sorted(kwargs)}")
    for a in args:
        if isinstance(a, dtypes.dtype):
            dt = a
        elif isinstance(a, Tensor):
            dt = a.dtype
        else:
            dev = a
    if dev is not None:
        _check_device(dev)
    if dt is None:
        return shape.clone(self) if copy else self
    return shape.to_dtype(self, dt, copy)


def _cast(dt: dtypes.dtype) -> Any:
    def cast(self: Tensor, memory_format: Any = None) -> Tensor:
        return shape.to_dtype(self, dt)

    return cast


def _type(self: Tensor, dtype: Any = None) -> Any:
    if dtype is None:
        return f"torch.{dtypes.scalar_type(self._data.dtype)}Tensor"
    if isinstance(dtype, str):
        raise NotImplementedError("npgrad: Tensor.type(str) is not supported; use .to(dtype)")
    return shape.to_dtype(self, dtype)


def _cuda(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
    _check_device("cuda")
    return self


def _cpu(self: Tensor) -> Tensor:
    return self


def _new_tensor(self: Tensor, data: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    return tensor(data, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)


def _allclose(self: Tensor, other: Tensor, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> bool:
    if not isinstance(other, Tensor):
        raise TypeError(f"allclose(): argument 'other' (position 2) must be Tensor, not {type(other).__name__}")
    if self._data.dtype != other._data.dtype:
        raise RuntimeError(
            f"{dtypes.scalar_type(self._data.dtype)} did not match {dtypes.scalar_type(other._data.dtype)}"
        )
    return bool(np.allclose(self._data, other._data, rtol=rtol, atol=atol, equal_nan=equal_nan))


def _equal(self: Tensor, other: Tensor) -> bool:
    if not isinstance(other, Tensor):
        raise TypeError(f"equal(): argument 'other' (position 2) must be Tensor, not {type(other).__name__}")
    return self._data.shape == other._data.shape and bool((self._data == other._data).all())


METHODS = {
    # operators
    "__add__": pw.add,
    "__radd__": pw.add,  # number + tensor: the sum is the same either way round, so is torch's graph
    "__sub__": pw.sub,
    "__rsub__": pw.rsub,
    "__mul__": pw.mul,
    "__rmul__": pw.mul,
    "__truediv__": pw.div,
    "__rtruediv__": pw.rdiv,
    "__floordiv__": pw.floor_divide,
    "__rfloordiv__": _flip(pw.floor_divide),
    "__mod__": pw.remainder,
    "__rmod__": _flip(pw.remainder),
    "__pow__": pw.pow,
    "__rpow__": pw.rpow,
    "__matmul__": _matmul_operator,
    "__rmatmul__": _rmatmul_operator,
    "__neg__": pw.neg,
    "__pos__": lambda self: self,
    "__abs__": pw.abs,
    "__eq__": pw.eq,
    "__ne__": pw.ne,
    "__lt__": pw.lt,
    "__le__": pw.le,
    "__gt__": pw.gt,
    "__ge__": pw.ge,
    "__and__": pw.bitwise_and,
    "__or__": pw.bitwise_or,
    "__xor__": pw.bitwise_xor,
    "__rand__": pw.bitwise_and,
    "__ror__": pw.bitwise_or,
    "__invert__": pw.bitwise_not,
    "__iadd__": inplace.add_,
    "__isub__": inplace.sub_,
    "__imul__": inplace.mul_,
    "__itruediv__": inplace.div_,
    "__ipow__": inplace.pow_,
    "__getitem__": index.getitem,
    "__setitem__": index.setitem,
    # in place
    "add_": inplace.add_,
    "sub_": inplace.sub_,
    "mul_": inplace.mul_,
    "div_": inplace.div_,
    "pow_": inplace.pow_,
    "clamp_": inplace.clamp_,
    "neg_": inplace.neg_,
    "abs_": inplace.abs_,
    "exp_": inplace.exp_,
    "relu_": inplace.relu_,
    "sqrt_": inplace.sqrt_,
    "zero_": inplace.zero_,
    "fill_": inplace.fill_,
    "copy_": inplace.copy_,
    # shape (the rest are generated from ops/table.py)
    "view": shape.view,
    "contiguous": shape.contiguous,
    "expand": shape.expand,
    "expand_as": shape.expand_as,
    "view_as": lambda self, o: shape.view(self, *o._data.shape),
    "reshape_as": lambda self, o: shape.reshape(self, *o._data.shape),
    # autograd
    "backward": autograd.tensor_backward,
    # conversion
    "to": _to,
    "float": _cast(dtypes.float32),
    "double": _cast(dtypes.float64),
    "long": _cast(dtypes.int64),
    "int": _cast(dtypes.int32),
    "bool": _cast(dtypes.bool_),
    "type": _type,
    "cuda": _cuda,
    "cpu": _cpu,
    "new_tensor": _new_tensor,
    "new_zeros": creation.new_zeros,
    "new_ones": creation.new_ones,
    "new_empty": creation.new_empty,
    "new_full": creation.new_full,
    "allclose": _allclose,
    "equal": _equal,
}


def bind() -> None:
    for name, fn in {**table.methods(), **METHODS}.items():
        setattr(Tensor, name, fn)
    Tensor.T = property(shape.T)
    Tensor.mT = property(lambda self: shape.transpose(self, -2, -1))
