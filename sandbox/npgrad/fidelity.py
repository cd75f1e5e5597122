"""Where npgrad's printed numbers may differ from torch's, and which of those places a cell has used.

Most of npgrad's results have torch's bits, or print as torch's do (tests/npgrad/test_npgrad_printed_numbers.py
measures it for every op below and more). These do not always: torch's float32 sin, cos, tan, sqrt, log1p and expm1
(MKL's vector math, within an ulp but not correctly rounded) and, on some machines, its float64 tanh, expm1 and
log_softmax. npgrad's are correctly rounded, so a few values in ten thousand print another last digit. The table
holds the shares measured (of single values, of whole tensors of 16 values or of small rows) and is the bound the
test enforces; the sandbox tells a reader whose cell used one of them (sandbox/web/src/runner.py).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Rate(NamedTuple):
    values: float  # share of single values that print differently
    tensors: float  # share of whole results (16 values, or rows of a reduction) whose repr differs


PRINTS_DIFFERENTLY: dict[tuple[str, str], Rate] = {  # (torch's name, dtype) -> measured rates
    ("sin", "float32"): Rate(0.0002, 0.003),
    ("cos", "float32"): Rate(0.0008, 0.001),
    ("tan", "float32"): Rate(0.0002, 0.005),
    ("sqrt", "float32"): Rate(0.01, 0.006),  # x ** 0.5 too: torch computes it as sqrt
    ("log1p", "float32"): Rate(0.0075, 0.101),
    ("expm1", "float32"): Rate(0.0012, 0.0),
    ("expm1", "float64"): Rate(0.0001, 0.0),
    ("tanh", "float64"): Rate(0.0002, 0.0),
    ("log_softmax", "float64"): Rate(0.0002, 0.01),
}

# Looked up by the numpy dtype the op ran on, on the ops' hot path: a dtype hashes in nanoseconds, while its name
# (str(dtype), dtype.name) is computed in Python each time, which would double the cost of a small tanh.
_PLACES = {(name, np.dtype(dtype)): (name, dtype) for name, dtype in PRINTS_DIFFERENTLY}
_used: set[tuple[str, str]] = set()


def note(name: str, dtype: np.dtype) -> None:
    """Record that torch's `name` ran on `dtype`, if that is one of the places above."""
    place = _PLACES.get((name, dtype))
    if place is not None:
        _used.add(place)


def take_used() -> list[str]:
    """The places used since the last call, named as in any language ("torch.sin (float32)"), sorted; forgets
    them."""
    found = [f"torch.{name} ({dtype})" for name, dtype in sorted(_used)]
    _used.clear()
    return found
