"""The Tensor class: a numpy array plus autograd bookkeeping.

The engine's lowest layer above dtypes: it imports nothing that computes (tests/npgrad/test_npgrad_layers.py).
Autograd (``autograd.py``) and the operations (``ops/``) are built on it, and ``methods.py`` binds them as methods;
this module holds the data, attributes, conversions and printing hooks.
"""

from __future__ import annotations

import warnings
import weakref
from typing import Any

import numpy as np

from . import dtypes
from .printing import tensor_repr
from .unsupported import missing_attribute


class Size(tuple):
    """torch.Size: a tuple that prints as ``torch.Size([2, 3])``."""

    def __repr__(self) -> str:
        return f"torch.Size([{', '.join(map(str, self))}])"

    __str__ = __repr__

    def numel(self) -> int:
        n = 1
        for s in self:
            n *= s
        return n


class UntypedStorage:
    """torch.UntypedStorage, as far as telling whether two tensors share memory: the numpy array that owns it."""

    __slots__ = ("_owner",)

    def __init__(self, array: np.ndarray) -> None:
        while isinstance(array.base, np.ndarray):
            array = array.base
        self._owner = array

    def data_ptr(self) -> int:
        return int(self._owner.__array_interface__["data"][0])

    def nbytes(self) -> int:
        return int(self._owner.nbytes)


class device:  # noqa: N801 - torch's spelling
    __slots__ = ("index", "type")

    def __init__(self, type: Any = "cpu", index: int | None = None) -> None:
        if isinstance(type, device):
            type, index = type.type, type.index
        name = str(type).split(":")[0]
        if name != "cpu":
            raise _no_device(name)
        self.type = "cpu"
        self.index = index

    def __repr__(self) -> str:
        return "device(type='cpu')"

    def __str__(self) -> str:
        return "cpu"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (device, str)) and str(other) == "cpu"

    def __hash__(self) -> int:
        return hash("cpu")


def _no_device(name: str) -> Exception:
    if name == "cuda":
        return AssertionError("Torch not compiled with CUDA enabled")
    return RuntimeError(f"npgrad runs on the CPU only; device '{name}' is not available")


_CPU = device("cpu")
_new = object.__new__
_NON_LEAF_GRAD = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be "
    "populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf "
    "Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure "
    "you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more information. "
    # torch's text names the C++ header that raised it; kept so printed warnings match
    "(Triggered internally at /__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)"
)


def _wrap(arr: np.ndarray) -> Tensor:
    """A tensor over ``arr`` (no copy), outside any graph; its version counter is made when needed."""
    t = _new(Tensor)
    t._data = arr
    t._rg = False
    t.grad_fn = None
    t._grad = None
    t._accum = None
    t._vc = None
    return t


def counter(t: Tensor) -> list:
    """``t``'s version counter, made when first needed (most tensors are never saved, viewed or written)."""
    vc = t._vc
    if vc is None:
        vc = t._vc = [0, None, 0, False]
    return vc


class Tensor:
    # _vc, torch's version counter (None until needed), shared by a tensor and its views: [times written in
    # place, short name of the last graph node an in-place operation gave it, times that happened with
    # autograd recording, whether a view (a tensor whose gradient flows to its base) shares the memory]
    __slots__ = ("__weakref__", "_accum", "_data", "_grad", "_rg", "_vc", "grad_fn")
    __hash__ = object.__hash__
    __array_priority__ = 1000  # numpy defers to our operators: ndarray * Tensor -> Tensor

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Construction happens in ``__new__``, which creation.py binds (``torch.Tensor(t)`` makes a view of t)."""

    # --- attributes -------------------------------------------------------------------
    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    def size(self, dim: int | None = None) -> Any:
        if dim is None:
            return Size(self._data.shape)
        return self._data.shape[_dim(dim, self._data.ndim)]

    def dim(self) -> int:
        return self._data.ndim

    ndimension = dim

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def numel(self) -> int:
        return int(self._data.size)

    nelement = numel

    def element_size(self) -> int:
        return self._data.itemsize

    @property
    def dtype(self) -> dtypes.dtype:
        return dtypes.from_numpy_dtype(self._data.dtype)

    @property
    def device(self) -> device:
        return _CPU

    is_cuda = False
    is_sparse = False
    is_quantized = False
    is_meta = False

    def is_floating_point(self) -> bool:
        return self._data.dtype.kind == "f"

    def stride(self, dim: int | None = None) -> Any:
        st = tuple(s // self._data.itemsize for s in self._data.strides)
        return st if dim is None else st[_dim(dim, self._data.ndim)]

    def is_contiguous(self) -> bool:
        return bool(self._data.flags.c_contiguous)

    def data_ptr(self) -> int:
        return int(self._data.__array_interface__["data"][0])

    @property
    def _version(self) -> int:
        """torch's version counter: how many times this tensor (or a view sharing its memory) was written in place."""
        return counter(self)[0]

    def untyped_storage(self) -> UntypedStorage:
        return UntypedStorage(self._data)

    def storage_offset(self) -> int:
        return (self.data_ptr() - self.untyped_storage().data_ptr()) // self._data.itemsize

    # --- autograd attributes -------------------------------------------------------------
    @property
    def requires_grad(self) -> bool:
        return self._rg

    @requires_grad.setter
    def requires_grad(self, flag: bool) -> None:
        if self.grad_fn is not None:
            if not flag:
                raise RuntimeError(
                    "you can only change requires_grad flags of leaf variables. If you want to use a "
                    "computed variable in a subgraph that doesn't require differentiation use "
                    "var_no_grad = var.detach()."
                )
            return
        if flag and self._data.dtype.kind != "f":
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self._rg = bool(flag)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        self.requires_grad = requires_grad
        return self

    @property
    def grad(self) -> Tensor | None:
        if self._grad is None and self.grad_fn is not None and self.grad_fn._retain is None:
            warnings.warn(_NON_LEAF_GRAD, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None and value._data.shape != self._data.shape:
            raise RuntimeError("assigned grad has data of a different size")
        self._grad = value

    @property
    def is_leaf(self) -> bool:
        return self.grad_fn is None

    def retain_grad(self) -> None:
        if self.grad_fn is None:
            if not self._rg:
                raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
            return
        self.grad_fn._retain = weakref.ref(self)

    @property
    def retains_grad(self) -> bool:
        return self.grad_fn is not None and self.grad_fn._retain is not None

    def detach(self) -> Tensor:
        t = _wrap(self._data)
        # in-place writes through a detached tensor count for torch's check, but it is no view for autograd
        t._vc = counter(self)
        return t

    def detach_(self) -> Tensor:
        self.grad_fn = None
        self._rg = False
        return self

    @property
    def data(self) -> Tensor:
        return _wrap(self._data)

    @data.setter
    def data(self, value: Tensor) -> None:
        self._data = value._data

    # --- conversions ---------------------------------------------------------------------
    def item(self) -> Any:
        if self._data.size != 1:
            raise RuntimeError(f"a Tensor with {self._data.size} elements cannot be converted to Scalar")
        return self._data.reshape(-1)[0].item()

    def tolist(self) -> Any:
        return self._data.tolist()

    def numpy(self, force: bool = False) -> np.ndarray:
        if self._rg and not force:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        return self._data

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self._data if dtype is None else self._data.astype(dtype)

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __index__(self) -> int:
        if self._data.dtype.kind not in "iu" or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __bool__(self) -> bool:
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self._data.reshape(-1)[0])

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self) -> Any:
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def __format__(self, spec: str) -> str:
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec)

    def __repr__(self) -> str:
        return tensor_repr(self)

    __str__ = __repr__

    def __getattr__(self, name: str) -> Any:
        # only reached for names the class lacks: say it is torch API that npgrad leaves out
        if name.startswith("__"):
            raise AttributeError(name)
        raise missing_attribute(f"Tensor.{name}")

    def __deepcopy__(self, memo: dict) -> Tensor:
        if self.grad_fn is not None:
            raise RuntimeError(
                "Only Tensors created explicitly by the user (graph leaves) support the deepcopy "
                "protocol at the moment."
            )
        t = _wrap(self._data.copy())
        t._rg = self._rg
        if self._grad is not None:
            t._grad = _wrap(self._grad._data.copy())
        return t


def _dim(d: int, ndim: int) -> int:
    n = max(ndim, 1)
    if not -n <= d <= n - 1:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {d})")
    return d + n if d < 0 else d


def _shape_arg(args: tuple) -> tuple:
    """Sizes given as ``f(2, 3)``, ``f((2, 3))``, ``f([2, 3])`` or ``f(torch.Size(...))``."""
    if len(args) == 1 and type(args[0]) is int:
        return args
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = tuple(args[0])
    out = []
    for a in args:
        if isinstance(a, Tensor):
            a = a.item()
        if not isinstance(a, (int, np.integer)) or isinstance(a, bool):
            raise TypeError(f"npgrad: expected a sequence of integers as a size, got {type(a).__name__}")
        out.append(int(a))
    return tuple(out)


def _check_ragged(data: Any, depth: int = 0) -> None:
    if isinstance(data, (list, tuple)) and data and isinstance(data[0], (list, tuple)):
        n = len(data[0])
        for item in data:
            if not isinstance(item, (list, tuple)) or len(item) != n:
                got = len(item) if isinstance(item, (list, tuple)) else 0
                raise ValueError(f"expected sequence of length {n} at dim {depth + 1} (got {got})")
            _check_ragged(item, depth + 1)


def check_strides(arr: np.ndarray) -> None:
    """torch refuses numpy arrays with a negative stride (it has no such strides) instead of copying them."""
    if any(stride < 0 for stride in arr.strides):
        raise ValueError(
            "At least one stride in the given numpy array is negative, and tensors with negative strides are not "
            "currently supported. (You can probably work around this by making a copy of your array  with "
            "array.copy().) "
        )


def _to_array(data: Any, dtype: dtypes.dtype | None) -> np.ndarray:
    """A fresh numpy array from Python data, a numpy array or a tensor (torch.tensor's rules)."""
    if isinstance(data, Tensor):
        arr = np.array(data._data, copy=True)
    elif isinstance(data, np.ndarray):
        check_strides(data)
        arr = np.array(data, copy=True)
    elif isinstance(data, np.generic):
        arr = np.array(data)
    else:
        _check_ragged(data)
        arr = np.array(data)
        if arr.dtype.kind == "f" and dtype is None:
            arr = arr.astype(dtypes.default_float().np)  # Python floats give torch's default dtype
        elif arr.dtype.kind == "i":
            arr = arr.astype(np.int64, copy=False)  # numpy's default int is 32-bit on wasm32
        elif arr.dtype.kind == "O":
            raise TypeError("npgrad: could not convert the data to a tensor")
    if dtype is not None:
        return arr.astype(dtype.np, copy=False)
    d = dtypes.from_numpy_dtype(arr.dtype)
    return arr if arr.dtype == d.np else arr.astype(d.np)


def tensor(data: Any, dtype: dtypes.dtype | None = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """torch.tensor: always copies; Python floats become float32, ints int64."""
    dtypes.check(dtype, "tensor")
    if device is not None:
        _check_device(device)
    t = _wrap(_to_array(data, dtype))
    if requires_grad:
        if t._data.dtype.kind != "f":
            raise RuntimeError("Only Tensors of floating point and complex dtype can require gradients")
        t._rg = True
    return t


def _check_device(dev: Any) -> None:
    name = dev.type if isinstance(dev, device) else str(dev).split(":")[0]
    if name != "cpu":
        raise _no_device(name)


# type(t), type(t.shape) and type(t.device) print as torch's classes do
for _cls in (Tensor, Size, device, dtypes.dtype):
    _cls.__module__ = "torch"
