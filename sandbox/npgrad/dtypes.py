"""Torch's dtypes and type-promotion rules, mapped onto numpy dtypes."""

from __future__ import annotations

import numpy as np


class dtype:  # noqa: N801 - torch's spelling
    __slots__ = ("_rank", "is_floating_point", "itemsize", "name", "np", "scalar_type")

    def __init__(self, name: str, np_dtype: type, is_float: bool, rank: int, scalar_type: str) -> None:
        self.name = name
        self.scalar_type = scalar_type  # torch's name for it in error messages: Float, Long, ...
        self.np = np.dtype(np_dtype)
        self.is_floating_point = is_float
        self.itemsize = self.np.itemsize
        self._rank = rank

    @property
    def is_signed(self) -> bool:
        return self.name != "bool"

    def __repr__(self) -> str:
        return "torch." + self.name

    def __reduce__(self) -> str:
        return self.name


bool_ = dtype("bool", np.bool_, False, 0, "Bool")
int32 = dtype("int32", np.int32, False, 1, "Int")
int64 = dtype("int64", np.int64, False, 2, "Long")
float32 = dtype("float32", np.float32, True, 3, "Float")
float64 = dtype("float64", np.float64, True, 4, "Double")

ALL = (bool_, int32, int64, float32, float64)

_DEFAULT = {"float": float32}  # torch.set_default_dtype changes it


def default_float() -> dtype:
    """torch's default dtype: what Python floats, torch.tensor([1.5]), zeros() and true division give."""
    return _DEFAULT["float"]


def set_default_float(d: dtype) -> None:
    if not isinstance(d, dtype) or not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _DEFAULT["float"] = d


_BY_NP = {d.np: d for d in ALL}

# numpy results outside this set are mapped to torch's choice (e.g. numpy's platform int on wasm32).
_NP_FALLBACK = {"i": int64, "u": int64, "f": float64, "b": bool_}


def check(d: object, function: str) -> None:
    """torch's TypeError for a ``dtype=`` that is not a torch.dtype (None means the default)."""
    if d is not None and not isinstance(d, dtype):
        raise TypeError(f"{function}(): argument 'dtype' must be torch.dtype, not {type(d).__name__}")


def from_numpy_dtype(np_dtype: np.dtype) -> dtype:
    """The torch dtype holding a numpy dtype's values; unsupported kinds raise."""
    d = _BY_NP.get(np_dtype)
    if d is not None:
        return d
    if np_dtype.kind in _NP_FALLBACK and np_dtype.itemsize <= 8:
        if np_dtype.kind == "f" and np_dtype.itemsize < 4:
            raise TypeError(f"npgrad does not support numpy dtype {np_dtype} (float16)")
        return _NP_FALLBACK[np_dtype.kind]
    raise TypeError(f"npgrad does not support numpy dtype {np_dtype}")


def scalar_type(np_dtype: np.dtype) -> str:
    """torch's name for the dtype of a numpy array's values, as its messages print it (``Float``)."""
    return from_numpy_dtype(np_dtype).scalar_type


def category(d: dtype) -> int:
    """0 bool, 1 integer, 2 floating: torch promotes across categories, not within a tier."""
    return 2 if d.is_floating_point else (0 if d is bool_ else 1)


def promote(a: dtype, b: dtype) -> dtype:
    return a if a._rank >= b._rank else b


def scalar_dtype(value: object) -> dtype:
    if isinstance(value, bool):
        return bool_
    if isinstance(value, int):
        return int64
    if isinstance(value, float):
        return _DEFAULT["float"]
    raise TypeError(f"npgrad does not support scalars of type {type(value).__name__}")


def result_type(operands: list) -> dtype:
    """torch.result_type: dimensioned tensors outrank 0-d tensors, which outrank Python scalars.

    A lower tier only matters when its category (bool < int < float) is higher.
    ``operands`` holds (dtype, tier) pairs with tier 0 = dimensioned, 1 = 0-d, 2 = scalar.
    """
    tiers: list[dtype | None] = [None, None, None]
    for d, tier in operands:
        cur = tiers[tier]
        tiers[tier] = d if cur is None else promote(cur, d)
    result = tiers[0]
    if tiers[1] is not None and (result is None or category(tiers[1]) > category(result)):
        result = tiers[1]
    s = tiers[2]
    if s is not None and (result is None or category(s) > category(result)):
        # a Python scalar of a higher category gives that category's default dtype
        result = s
    assert result is not None
    return result
