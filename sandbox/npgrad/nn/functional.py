"""torch.nn.functional: the part beginners use."""

from __future__ import annotations

import warnings
from typing import Any

from ..ops import pointwise, select, shape
from ..ops.linalg import matmul
from ..tensor import Tensor
from . import backward
from .refusal import refuse

sigmoid = pointwise.sigmoid
tanh = pointwise.tanh

_REDUCTIONS = ("mean", "sum", "none")


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    return input.relu_() if inplace else pointwise.relu(input)


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``input @ weight.T + bias``, by torch's route: one addmm for a batch, flattened to a batch otherwise."""
    if bias is None:
        return matmul(input, shape.t(weight))
    x = input._data
    if x.ndim == 2:
        return backward.addmm(bias, input, shape.t(weight))
    if x.flags.c_contiguous and x.ndim >= 1 and bias._data.ndim == 1:
        flat = shape.reshape(input, -1, x.shape[-1])
        y = backward.addmm(bias, flat, shape.t(weight))
        return shape.view(y, *x.shape[:-1], weight._data.shape[0])
    return pointwise.add(matmul(input, shape.t(weight)), bias)


def _dim(dim: int | None, input: Tensor, name: str) -> int:
    if dim is None:
        nd = input._data.ndim
        warnings.warn(
            f"Implicit dimension choice for {name} has been deprecated. Change the call to include dim=X as an "
            "argument.",
            UserWarning,
            stacklevel=3,
        )
        return 0 if nd in (0, 1, 3) else 1
    nd = max(input._data.ndim, 1)
    if not -nd <= dim < nd:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-nd}, {nd - 1}], but got {dim})")
    return dim % nd


def log_softmax(input: Tensor, dim: int | None = None, dtype: Any = None) -> Tensor:
    if dtype is not None:
        input = shape.to_dtype(input, dtype)
    return select.log_softmax_along(input, _dim(dim, input, "log_softmax"))


def softmax(input: Tensor, dim: int | None = None, dtype: Any = None) -> Tensor:
    if dtype is not None:
        input = shape.to_dtype(input, dtype)
    return select.softmax_along(input, _dim(dim, input, "softmax"))


def _reduction(reduction: str, size_average: Any = None, reduce: Any = None) -> str:
    if size_average is not None or reduce is not None:
        raise NotImplementedError("npgrad (the in-browser stand-in for torch) does not support the deprecated "
                                  "size_average and reduce arguments; use reduction=")  # fmt: skip
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return reduction


def nll_loss(input: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
             ignore_index: int = -100, reduce: Any = None, reduction: str = "mean") -> Tensor:  # fmt: skip
    if weight is not None:
        raise NotImplementedError("npgrad (the in-browser stand-in for torch) does not support nll_loss(weight=)")
    return backward.nll_loss(input, target, _reduction(reduction, size_average, reduce), ignore_index)


def cross_entropy(input: Tensor, target: Tensor, weight: Any = None, size_average: Any = None,
                  ignore_index: int = -100, reduce: Any = None, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:  # fmt: skip
    if label_smoothing:
        raise NotImplementedError("npgrad (the in-browser stand-in for torch) does not support label_smoothing")
    if target._data.dtype.kind == "f":
        raise NotImplementedError("npgrad (the in-browser stand-in for torch) supports class-index targets "
                                  "(a LongTensor) for cross_entropy, not class probabilities")  # fmt: skip
    logp = select.log_softmax_along(input, 0 if input._data.ndim == 1 else 1)
    return nll_loss(logp, target, weight, size_average, ignore_index, reduce, reduction)


def mse_loss(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
             reduction: str = "mean") -> Tensor:  # fmt: skip
    if input._data.shape != target._data.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). This will "
            "likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
            UserWarning,
            stacklevel=2,
        )
    return backward.mse_loss(input, target, _reduction(reduction, size_average, reduce))


def __getattr__(name: str) -> Any:
    return refuse("torch.nn.functional", name)
