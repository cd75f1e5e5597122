"""Values as JSON descriptions, and the comparison of two descriptions.

A description says what kind of value it is (tensor, number, bool, str, dtype, sequence, none, other) and holds
what the comparison needs, so an expected value computed by torch at build time compares with what npgrad
computes in the browser without either engine in the loop.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

Description = dict[str, Any]
DEFAULT_ATOL, DEFAULT_RTOL = 1e-5, 1.3e-6  # torch.testing's float32 tolerances
SHOWN_ITEMS = 6  # elements of a tensor shown in a message


def _is_tensor(value: Any, engine: ModuleType) -> bool:
    return isinstance(value, engine.Tensor)


def _dtype_name(dtype: Any) -> str:
    return str(dtype).removeprefix("torch.")


def encode(value: Any, engine: ModuleType) -> Description:
    """The description of `value`, computed with `engine` (torch or npgrad)."""
    if _is_tensor(value, engine):
        return {
            "kind": "tensor",
            "dtype": _dtype_name(value.dtype),
            "shape": [int(n) for n in value.shape],
            "values": value.detach().tolist(),
            "requires_grad": bool(value.requires_grad),
        }
    if isinstance(value, engine.dtype):
        return {"kind": "dtype", "value": _dtype_name(value)}
    if isinstance(value, bool):
        return {"kind": "bool", "value": value}
    if isinstance(value, int | float):
        return {"kind": "number", "value": value}
    if isinstance(value, str):
        return {"kind": "str", "value": value}
    if value is None:
        return {"kind": "none"}
    if isinstance(value, tuple | list):  # torch.Size is a tuple
        return {"kind": "sequence", "items": [encode(item, engine) for item in value]}
    return {"kind": "other", "type": type(value).__name__}


def decode(description: Description, engine: ModuleType) -> Any:
    """The value a description stands for, built with `engine`: what the reader's code receives as an input."""
    kind = description["kind"]
    if kind == "tensor":
        dtype = getattr(engine, description["dtype"])
        if 0 in description["shape"]:
            tensor = engine.zeros(description["shape"], dtype=dtype)
        else:
            tensor = engine.tensor(description["values"], dtype=dtype)
        return tensor.requires_grad_() if description["requires_grad"] else tensor
    if kind == "dtype":
        return getattr(engine, description["value"])
    if kind == "sequence":
        return tuple(decode(item, engine) for item in description["items"])
    if kind == "none":
        return None
    if kind == "other":
        raise ValueError(f"a value of type {description['type']} cannot be an exercise's input")
    return description["value"]


def show(description: Description) -> str:
    """A short text of the value, the same whichever engine computed it."""
    kind = description["kind"]
    if kind == "tensor":
        flat = _flatten(description["values"])
        items = ", ".join(_number(v) for v in flat[:SHOWN_ITEMS]) + (", …" if len(flat) > SHOWN_ITEMS else "")
        return f"tensor([{items}], shape={tuple(description['shape'])}, dtype=torch.{description['dtype']})"
    if kind == "dtype":
        return f"torch.{description['value']}"
    if kind == "sequence":
        items = [show(item) for item in description["items"]]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if kind == "none":
        return "None"
    if kind == "other":
        return f"<{description['type']}>"
    if kind == "number":
        return _number(description["value"])
    return repr(description["value"])


def kind_name(description: Description) -> str:
    """The kind, or for a value of no kind we know, its Python type's name."""
    return description["type"] if description["kind"] == "other" else description["kind"]


def _number(value: Any) -> str:
    if not isinstance(value, float):
        return str(value)
    text = f"{value:.6g}"
    return text if any(c in text for c in ".eni") else text + ".0"  # 2.0, not 2: a float stays a float


def _flatten(values: Any) -> list[Any]:
    if not isinstance(values, list):
        return [values]
    return [item for part in values for item in _flatten(part)]


def _close(expected: Any, actual: Any, atol: float, rtol: float) -> bool:
    if isinstance(expected, float) or isinstance(actual, float):
        e, a = float(expected), float(actual)
        if math.isnan(e) or math.isnan(a):
            return math.isnan(e) and math.isnan(a)
        if math.isinf(e) or math.isinf(a):
            return e == a
        return abs(a - e) <= atol + rtol * abs(e)
    return expected == actual


def _index(flat: int, shape: list[int]) -> list[int]:
    index = []
    for size in reversed(shape):
        index.append(flat % size)
        flat //= size
    return index[::-1]


def compare(
    expected: Description, actual: Description, atol: float = DEFAULT_ATOL, rtol: float = DEFAULT_RTOL
) -> dict[str, Any] | None:
    """None when `actual` matches `expected`; else what differs first, in the order type, shape, dtype, values."""
    seen = {"expected": show(expected), "actual": show(actual)}
    if expected["kind"] != actual["kind"]:
        return {"reason": "type", "expected_kind": kind_name(expected), "actual_kind": kind_name(actual), **seen}
    kind = expected["kind"]
    if kind == "tensor":
        shape, got = expected["shape"], actual["shape"]
        if shape != got:
            transposed = len(shape) >= 2 and got == shape[::-1]
            return {"reason": "shape", "expected_shape": shape, "actual_shape": got, "transposed": transposed}
        if expected["dtype"] != actual["dtype"]:
            return {"reason": "dtype", "expected_dtype": expected["dtype"], "actual_dtype": actual["dtype"]}
        want, have = _flatten(expected["values"]), _flatten(actual["values"])
        wrong = [i for i, (e, a) in enumerate(zip(want, have, strict=True)) if not _close(e, a, atol, rtol)]
        if wrong:
            first = wrong[0]
            return {
                "reason": "values",
                "index": _index(first, shape),
                "expected_value": _number(want[first]),
                "actual_value": _number(have[first]),
                "wrong": len(wrong),
                "total": len(want),
                "atol": atol,
                "rtol": rtol,
                **seen,
            }
        return None
    if kind == "sequence":
        items, got = expected["items"], actual["items"]
        if len(items) != len(got):
            return {"reason": "values", **seen}
        for position, (e, a) in enumerate(zip(items, got, strict=True)):
            if (problem := compare(e, a, atol, rtol)) is not None:
                if problem["reason"] == "type":  # e.g. "float32" where a torch.float32 belongs
                    return {**problem, "position": position, **seen}
                return {"reason": "values", **seen}
        return None
    if kind == "number":
        return None if _close(expected["value"], actual["value"], atol, rtol) else {"reason": "values", **seen}
    if kind in ("none", "other"):
        return None if kind == "none" or expected["type"] == actual["type"] else {"reason": "type", **seen}
    return None if expected["value"] == actual["value"] else {"reason": "values", **seen}
