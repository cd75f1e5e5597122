"""``torch.autograd.Function``: a user's forward and backward as one graph node, and
``torch.autograd.functional.jacobian``."""

from __future__ import annotations

import types
from typing import Any

import numpy as np

from .autograd import Node, _state, enable_grad, grad, no_grad
from .ops._core import edge, out
from .tensor import Tensor, _wrap
from .unsupported import missing_attribute, not_supported


class FunctionCtx:
    """The ``ctx`` a Function's forward and backward share."""

    def __init__(self, needs_input_grad: tuple) -> None:
        self.needs_input_grad = needs_input_grad
        self._saved: tuple = ()
        self.materialize_grads = True

    def save_for_backward(self, *tensors: Any) -> None:
        for t in tensors:
            if t is not None and not isinstance(t, Tensor):
                raise TypeError(
                    f"save_for_backward can only save variables, but argument 0 is of type {type(t).__name__}"
                )
        self._saved = tensors

    @property
    def saved_tensors(self) -> tuple:
        if self._saved is None:
            raise RuntimeError(
                "Trying to backward through the graph a second time (or directly access saved tensors after they "
                "have already been freed). Saved intermediate values of the graph are freed when you call "
                ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
                "graph a second time or if you need to access saved tensors after calling backward."
            )
        return self._saved

    def mark_non_differentiable(self, *tensors: Any) -> None:
        """Accepted: npgrad gives such outputs a gradient of zeros, which backward ignores."""

    def mark_dirty(self, *tensors: Any) -> None:
        raise not_supported("ctx.mark_dirty (in-place custom Functions)")

    def set_materialize_grads(self, value: bool) -> None:
        self.materialize_grads = bool(value)


class _FunctionNode(Node):
    """Calls the user's backward with tensors; its class is named ``<Function>Backward`` as in torch."""

    __slots__ = ("ctx", "fn", "positions")

    def apply(self, g: np.ndarray) -> tuple:
        with no_grad():
            grads = self.fn.backward(self.ctx, _wrap(g))
        if not isinstance(grads, tuple):
            grads = (grads,)
        n = len(self.positions)
        if len(grads) < max(self.positions, default=-1) + 1:
            raise RuntimeError(
                f"function {type(self).__name__} returned an incorrect number of gradients (expected "
                f"{self.ctx._n_inputs}, got {len(grads)})"
            )
        result = []
        for i in range(n):
            gi = grads[self.positions[i]]
            result.append(None if gi is None else np.asarray(gi._data if isinstance(gi, Tensor) else gi))
        return tuple(result)

    def release(self) -> None:
        self.ctx._saved = None

    def name(self) -> str:
        return type(self).__name__


_NODE_CLASSES: dict = {}


def _node_class(fn: type) -> type:
    cls = _NODE_CLASSES.get(fn)
    if cls is None:
        cls = _NODE_CLASSES[fn] = type(f"{fn.__name__}Backward", (_FunctionNode,), {"__slots__": ()})
    return cls


class Function:
    """Subclass with static ``forward(ctx, *args)`` and ``backward(ctx, *grads)``; call ``YourFn.apply(...)``.
    The torch 2 style, ``forward(*args)`` with ``setup_context(ctx, inputs, output)``, works too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    @staticmethod
    def forward(ctx: Any, *args: Any) -> Any:
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom "
            "autograd.Function to use it with backward mode AD."
        )

    setup_context = None

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        if kwargs:
            raise not_supported("keyword arguments to Function.apply", "pass them positionally, as torch requires")
        needs = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        ctx = FunctionCtx(needs)
        ctx._n_inputs = len(args)
        with no_grad():
            if cls.setup_context is not None:
                result = cls.forward(*args)
                cls.setup_context(ctx, args, result)
            else:
                result = cls.forward(ctx, *args)
        if isinstance(result, tuple):
            if _state["grad"] and any(needs):
                raise not_supported("custom Functions with several outputs")
            return result
        if not isinstance(result, Tensor):
            return result
        if not (_state["grad"] and any(needs)):
            return result
        positions = tuple(i for i, a in enumerate(args) if isinstance(a, Tensor))
        node = _node_class(cls)(tuple(edge(args[i]) for i in positions), None)
        node.fn, node.ctx, node.positions = cls, ctx, positions
        data = result._data
        if any(result is a for a in args):
            data = data.view()  # torch returns a view of an input returned as is
        return out(data, node)


def _as_tuple(x: Any) -> tuple:
    return x if isinstance(x, tuple) else (x,)


def jacobian(
    func: Any,
    inputs: Any,
    create_graph: bool = False,
    strict: bool = False,
    vectorize: bool = False,
    strategy: str = "reverse-mode",
) -> Any:
    """``torch.autograd.functional.jacobian`` by reverse mode, one backward per output element."""
    if create_graph:
        raise not_supported("jacobian(create_graph=True)", "npgrad computes first-order gradients")
    single_input = not isinstance(inputs, tuple)
    ins = tuple(t.detach().requires_grad_(t.is_floating_point()) for t in _as_tuple(inputs))
    with enable_grad():
        outputs = func(*ins)
    single_output = not isinstance(outputs, tuple)
    outs = _as_tuple(outputs)
    rows = []
    for o in outs:
        per_input = [np.zeros(o.shape + t.shape, t._data.dtype) for t in ins]
        flat = o.reshape(-1)
        for k in range(flat.numel()):
            if not flat.requires_grad:
                break
            gs = grad(flat[k], ins, retain_graph=True, allow_unused=True)
            idx = np.unravel_index(k, o.shape) if o.shape else ()
            for j, g in enumerate(gs):
                if g is not None:
                    per_input[j][idx] = g._data
        rows.append(tuple(_wrap(p) for p in per_input))
    if single_input:
        rows = [r[0] for r in rows]
    return rows[0] if single_output else tuple(rows)


def _functional_getattr(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    raise missing_attribute(f"torch.autograd.functional.{name}")


# torch.autograd.functional, importable by that name through the package (see npgrad/__init__.py)
functional = types.ModuleType("torch.autograd.functional", "jacobian of a function, by reverse mode")
functional.jacobian = jacobian
functional.__getattr__ = _functional_getattr
