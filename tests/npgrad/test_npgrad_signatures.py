"""torch's calling conventions: keyword names, numpy aliases, sizes in every spelling, out=, and torch's
messages for wrong arguments; every op in the table spells its parameters as torch's documentation does."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

import npgrad
from npgrad.ops.signature import parse
from npgrad.ops.table import OPS


def _torch_names(name: str) -> set:
    doc = (getattr(torch, name).__doc__ or "").strip().splitlines()[0]
    m = re.match(rf"{name}\((.*)\)", doc)
    assert m, f"torch.{name}'s documentation has no signature line: {doc!r}"
    return {p.split("=")[0].split(":")[0].strip(" *\\") for p in m[1].split(",")} - {""}


DOCUMENTED = [
    spec
    for spec, _, kinds in OPS
    if "f" in kinds and parse(spec).name not in {"max", "min", "norm"} and getattr(torch, parse(spec).name).__doc__
]


@pytest.mark.parametrize("spec", DOCUMENTED, ids=[parse(s).name for s in DOCUMENTED])
def test_spec_uses_torchs_parameter_names(spec: str) -> None:
    s = parse(spec)
    ours = (
        set(s.positional) | set(s.keyword_only) | ({s.varargs} if s.varargs else set()) | ({"out"} if s.out else set())
    )
    theirs = _torch_names(s.name)
    # torch's one-line summary shows its first overload; others (dim for sum, unbiased for std) come later
    extra = ours - theirs - {"dim", "keepdim", "unbiased", "dtype", "out", "shape", "dims", "p", "stable"}
    assert not extra, f"{s.name}: {sorted(extra)} not among torch's {sorted(theirs)}"


CALLS = [
    "m.sum(x, axis=1, keepdims=True)",
    "m.sum(input=x, dim=(0, 1))",
    "x.sum(dim=0, keepdim=True)",
    "x.mean(axis=0)",
    "m.max(x, dim=1, keepdim=True).values",
    "m.add(input=x, other=x, alpha=2)",
    "m.cat([x, x], axis=1)",
    "m.cat(tensors=[x, x], dim=0)",
    "m.reshape(x, shape=(3, 2))",
    "x.reshape((3, 2))",
    "x.reshape([3, 2])",
    "x.reshape(m.Size([3, 2]))",
    "m.zeros(size=(2, 3))",
    "m.ones([2, 3])",
    "m.zeros(m.Size([2]))",
    "m.full((2, 2), 7.0)",
    "m.std(x, dim=1, unbiased=False)",
    "x.var(dim=0, correction=0)",
    "m.clamp(x, min=2)",
    "m.softmax(x, dim=-1)",
    "m.where(x > 2, x, m.zeros_like(x))",
    "x.new_full((2,), 3.0)",
    "m.zeros_like(input=x, dtype=m.float64)",
    "m.transpose(x, dim0=0, dim1=1)",
]


@pytest.mark.parametrize("call", CALLS)
def test_keyword_spellings_match_torch(call: str) -> None:
    data = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    ours = eval(call, {"m": npgrad, "x": npgrad.tensor(data)})
    theirs = eval(call, {"m": torch, "x": torch.tensor(data)})
    assert repr(ours) == repr(theirs)


def test_out_writes_into_the_given_tensor() -> None:
    o = npgrad.empty(3)
    r = npgrad.add(npgrad.ones(3), 2, out=o)
    assert r is o
    assert o.tolist() == [3.0, 3.0, 3.0]
    npgrad.mul(npgrad.ones(2), 4, out=o)  # resized, with torch's warning
    assert o.tolist() == [4.0, 4.0]
    with pytest.raises(RuntimeError, match=r"out=\.\.\. arguments don't support automatic differentiation"):
        npgrad.exp(npgrad.ones(2, requires_grad=True), out=npgrad.empty(2))


def test_wrong_arguments_get_torchs_messages() -> None:
    for mod in (torch, npgrad):
        with pytest.raises(TypeError, match=r"exp\(\): argument 'input' \(position 1\) must be Tensor, not list"):
            mod.exp([1.0, 2.0])
        with pytest.raises(
            TypeError, match=r"sum\(\) received an invalid combination of arguments - got \(Tensor, foo=int\)"
        ):
            mod.sum(mod.ones(2), foo=1)


def test_numpy_shares_memory() -> None:
    t = npgrad.ones(3)
    a = t.numpy()
    a[0] = 5
    assert t[0].item() == 5.0
    assert isinstance(t.tolist(), list)
    b = np.zeros(2, np.float32)
    npgrad.from_numpy(b).add_(1)
    assert b.tolist() == [1.0, 1.0]
