"""torch's calling conventions from one line per op: its parameter names, the numpy spellings torch accepts
(``axis=``, ``keepdims=``), ``out=``, and its message for an argument of the wrong type.

An op's implementation takes its arguments positionally, in torch's order. ``function(spec, impl)`` and
``method(spec, impl)`` wrap it; a call without keywords goes straight through (one extra call, no checks).
A spec reads ``"sum(input: Tensor, dim, keepdim, *, dtype, out)"``: ``: Tensor`` marks an argument that must
be a tensor, names after ``*`` are keyword-only (passed to the implementation by name), ``*name`` collects
the remaining positional arguments (sizes given as varargs), and ``out`` is torch's output tensor.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..autograd import _state
from ..tensor import Tensor

# numpy's names that torch also accepts, and what torch calls them
ALIASES = {"axis": "dim", "keepdims": "keepdim", "x1": "input", "x2": "other"}


@dataclass(frozen=True)
class Spec:
    name: str
    positional: tuple  # torch's names, in order
    keyword_only: tuple
    tensors: frozenset  # names that must be tensors
    varargs: str | None
    out: bool


@functools.cache
def parse(text: str) -> Spec:
    name, _, rest = text.partition("(")
    positional: list = []
    keyword_only: list = []
    tensors = set()
    varargs = None
    out = False
    target = positional
    for part in filter(None, (p.strip() for p in rest.rstrip(")").split(","))):
        if part == "*":
            target = keyword_only
            continue
        pname, _, kind = (s.strip() for s in part.partition(":"))
        if pname.startswith("*"):
            varargs = pname[1:]
            target = keyword_only
            continue
        if pname == "out":
            out = True
            continue
        if kind == "Tensor":
            tensors.add(pname)
        target.append(pname)
    return Spec(name, tuple(positional), tuple(keyword_only), frozenset(tensors), varargs, out)


def _type_name(v: Any) -> str:
    return "Tensor" if isinstance(v, Tensor) else type(v).__name__


def check_types(spec: Spec, args: tuple, skip_first: bool = False) -> None:
    """torch's TypeError for an argument that must be a tensor and is not."""
    for i, (pname, v) in enumerate(zip(spec.positional, args, strict=False)):
        if i == 0 and skip_first:
            continue
        if pname in spec.tensors and not isinstance(v, Tensor):
            raise TypeError(f"{spec.name}(): argument '{pname}' (position {i + 1}) must be Tensor, not {_type_name(v)}")


def _defaults(impl: Callable, spec: Spec) -> dict:
    """The implementation's default for each of torch's positional names that has one (parameters match by
    position). Read only when a call names an argument: inspect costs start-up time that most cells never need."""
    import inspect

    params = [p for p in inspect.signature(impl).parameters.values() if p.kind != p.VAR_KEYWORD]
    out = {}
    for pname, p in zip(spec.positional, params, strict=False):
        if p.kind == p.VAR_POSITIONAL:
            break
        if p.default is not p.empty:
            out[pname] = p.default
    return out


def _binder(spec: Spec, impl: Callable, as_method: bool) -> Callable:
    defaults: dict | None = None
    positional = spec.positional
    allowed = set(positional[1:] if as_method else positional) | set(spec.keyword_only)
    if spec.varargs:
        allowed.add(spec.varargs)
    label = f"{'Tensor.' if as_method else ''}{spec.name}()"

    def bind(args: tuple, kwargs: dict) -> tuple:
        """(positional arguments, keyword arguments for the implementation, out)."""
        nonlocal defaults
        given = {}
        out = kwargs.pop("out", None) if spec.out and not as_method else None
        for k, v in kwargs.items():
            key = ALIASES.get(k, k)
            if key not in allowed:
                got = ", ".join([_type_name(a) for a in args] + [f"{n}={_type_name(v)}" for n, v in kwargs.items()])
                raise TypeError(
                    f"{label} received an invalid combination of arguments - got ({got}), but expected "
                    f"({', '.join(sorted(allowed))}): npgrad's spelling of torch's signature"
                )
            if key in given:
                raise TypeError(f"{label} got multiple values for argument '{key}'")
            given[key] = v
        args = list(args)
        if spec.varargs and spec.varargs in given:
            extra = given.pop(spec.varargs)
            args.extend(extra if isinstance(extra, (tuple, list)) else (extra,))
        for i, pname in enumerate(positional):
            if pname not in given:
                continue
            if i < len(args):
                raise TypeError(f"{label} got multiple values for argument '{pname}'")
            while len(args) < i:
                if defaults is None:
                    defaults = _defaults(impl, spec)
                missing = positional[len(args)]
                if missing not in defaults:
                    raise TypeError(f"{label} missing required argument '{missing}'")
                args.append(defaults[missing])
            args.append(given.pop(pname))
        return tuple(args), given, out

    return bind


def _write_out(spec: Spec, result: Any, out: Tensor) -> Tensor:
    if not isinstance(out, Tensor):
        raise TypeError(f"{spec.name}(): argument 'out' must be Tensor, not {_type_name(out)}")
    if _state["grad"] and (result.grad_fn is not None or out._rg):
        raise RuntimeError(
            f"{spec.name}(): functions with out=... arguments don't support automatic differentiation, "
            "but one of the arguments requires grad."
        )
    r = result._data
    if r.shape != out._data.shape:
        if out._data.size:
            warnings.warn(
                f"An output with one or more elements was resized since it had shape "
                f"[{', '.join(map(str, out._data.shape))}], which does not match the required output shape "
                f"[{', '.join(map(str, r.shape))}]. This behavior is deprecated, and in a future PyTorch release "
                "outputs will not be resized unless they have zero elements. You can explicitly reuse an out "
                "tensor t by resizing it, inplace, to zero elements with t.resize_(0).",
                UserWarning,
                stacklevel=3,
            )
        out._data = np.array(r, dtype=out._data.dtype)
    else:
        np.copyto(out._data, r, casting="same_kind")
    if out._vc is not None:
        out._vc[0] += 1
    return out


def function(text: str, impl: Callable) -> Callable:
    """``torch.<name>``: ``impl`` with torch's keywords, aliases, out= and argument checks."""
    spec = parse(text)
    bind = _binder(spec, impl, as_method=False)

    def fn(*args: Any, **kwargs: Any) -> Any:
        if not kwargs:
            try:
                return impl(*args)
            except (AttributeError, TypeError):
                check_types(spec, args)
                raise
        args, kw, out = bind(args, kwargs)
        check_types(spec, args)
        result = impl(*args, **kw)
        return result if out is None else _write_out(spec, result, out)

    fn.__name__ = fn.__qualname__ = spec.name
    fn.__doc__ = f"torch.{text}"
    return fn


def method(text: str, impl: Callable) -> Callable:
    """``Tensor.<name>``: the same, with ``self`` for torch's first argument and no ``out=``."""
    spec = parse(text)
    bind = _binder(spec, impl, as_method=True)

    def meth(*args: Any, **kwargs: Any) -> Any:
        if not kwargs:
            try:
                return impl(*args)
            except (AttributeError, TypeError):
                check_types(spec, args, skip_first=True)
                raise
        args, kw, _ = bind(args, kwargs)
        check_types(spec, args, skip_first=True)
        return impl(*args, **kw)

    meth.__name__ = meth.__qualname__ = spec.name
    meth.__doc__ = f"Tensor.{text}"
    return meth
