"""Graph nodes, the backward engine, grad mode and ``torch.autograd.grad``.

A node holds its inputs' nodes (``next_functions``) and the numpy arrays its
backward rule needs, never the tensor it produced: the graph has no reference
cycles, so it is freed by reference counting alone.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

_state = {"grad": True}

_RELEASED = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you "
    "call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward "
    "through the graph a second time or if you need to access saved tensors after calling backward."
)


def is_grad_enabled() -> bool:
    return _state["grad"]


class _GradMode:
    """Context manager and decorator, like torch.no_grad / enable_grad / set_grad_enabled."""

    mode = True

    def __enter__(self) -> None:
        self._prev = _state["grad"]
        _state["grad"] = self.mode

    def __exit__(self, *exc: object) -> None:
        _state["grad"] = self._prev

    def __call__(self, func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.__class__():
                return func(*args, **kwargs)

        return wrapper


class no_grad(_GradMode):  # noqa: N801 - torch's spelling
    mode = False


class enable_grad(_GradMode):  # noqa: N801
    mode = True


class set_grad_enabled(_GradMode):  # noqa: N801
    def __init__(self, mode: bool) -> None:
        self.mode = bool(mode)
        self._prev = _state["grad"]
        _state["grad"] = self.mode  # torch applies it immediately when called as a function

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        _state["grad"] = self._prev


class Node:
    """A backward function. Subclasses are named like torch's (``MulBackward0``).

    ``saved`` holds what ``backward`` needs; ``apply`` returns one gradient
    (numpy array or None) per entry of ``next_functions``.
    """

    __slots__ = ("_next", "saved", "_retain", "__weakref__")
    saves = True  # False for rules that keep no tensors: a second backward through them works

    def __init__(self, next_nodes: tuple, saved: Any = None) -> None:
        self._next = next_nodes
        self.saved = saved
        self._retain = None

    @property
    def next_functions(self) -> tuple:
        return tuple((n, 0) for n in self._next)

    def apply(self, grad: np.ndarray) -> tuple:
        raise NotImplementedError

    def name(self) -> str:
        return type(self).__name__

    def release(self) -> None:
        if self.saves:
            self.saved = _RELEASED

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {id(self):#x}>"

    def __call__(self, *grads: Any) -> Any:
        raise NotImplementedError("npgrad does not support calling grad_fn nodes directly")

    def register_hook(self, *args: Any) -> Any:
        raise NotImplementedError("npgrad does not support grad_fn.register_hook")


class AccumulateGrad(Node):
    """The sink for a leaf tensor: adds the incoming gradient to ``variable.grad``."""

    __slots__ = ("variable",)
    saves = False

    def __init__(self, variable: Any) -> None:
        Node.__init__(self, ())
        self.variable = variable

    def accumulate(self, grad: np.ndarray, owned: bool = False) -> None:
        var = self.variable
        if grad.shape != var._data.shape:
            grad = np.broadcast_to(grad, var._data.shape)
            owned = False
        if var._grad is None:
            if not (owned and grad.dtype == var._data.dtype):
                grad = np.array(grad, dtype=var._data.dtype, copy=True)
            var._grad = _wrap_array(grad)
        else:
            # in place, like torch: a tensor a lesson kept a reference to sees the sum
            var._grad._data += grad


def _wrap_array(arr: np.ndarray) -> Any:
    from .tensor import _wrap

    return _wrap(arr)


def accumulator(tensor: Any) -> AccumulateGrad:
    """The leaf's AccumulateGrad node; the leaf holds it weakly so there is no cycle."""
    ref = tensor._accum
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad(tensor)
        tensor._accum = weakref.ref(node)
    return node


def _topo_counts(roots: Iterable[Node]) -> dict:
    """Number of edges into each reachable node, found iteratively (long chains must work)."""
    counts: dict = {}
    stack = []
    for r in roots:
        if r is not None and r not in counts:
            counts[r] = 0
            stack.append(r)
    get = counts.get
    while stack:
        for child in stack.pop()._next:
            if child is not None:
                c = get(child)
                if c is None:
                    counts[child] = 1
                    stack.append(child)
                else:
                    counts[child] = c + 1
    return counts


def run_backward(roots: list, grads: list, retain_graph: bool, capture: dict | None = None) -> None:
    """Propagate ``grads`` from ``roots`` through the graph (Kahn's algorithm, no recursion).

    With ``capture`` (node -> None), gradients arriving at those nodes are stored
    there and leaves' ``.grad`` is left untouched (``autograd.grad``).
    """
    counts = _topo_counts(roots)
    buffers: dict = {}
    for node, g in zip(roots, grads, strict=True):
        if node is not None:
            prev = buffers.get(node)
            buffers[node] = g if prev is None else prev + g
    ready = [n for n in buffers if counts[n] == 0]
    # arrays that only the engine holds, so a leaf may keep them as .grad without a copy
    owned: dict = {}
    prev_mode = _state["grad"]
    _state["grad"] = False
    try:
        while ready:
            node = ready.pop()
            grad = buffers.pop(node)
            if capture is not None and node in capture:
                capture[node] = grad if capture[node] is None else capture[node] + grad
            if node._retain is not None:
                _set_retained(node, grad)
            if type(node) is AccumulateGrad:
                if capture is None:
                    node.accumulate(grad, owned.pop(id(grad), None) is grad)
                continue
            if node.saved is _RELEASED:
                raise RuntimeError(_RELEASED)
            outs = node.apply(grad)
            if not retain_graph:
                node.release()
            for child, g in zip(node._next, outs, strict=False):
                if child is None:
                    continue
                if g is not None:
                    prev = buffers.get(child)
                    if prev is not None:
                        g = prev + g
                    elif g is grad or type(g) is not np.ndarray or g.base is not None:
                        buffers[child] = g  # the incoming gradient or a view of it: shared
                        g = None
                    if g is not None:
                        buffers[child] = g
                        if type(child) is AccumulateGrad:
                            owned[id(g)] = g
                left = counts[child] - 1
                counts[child] = left
                if left == 0:
                    if child in buffers:
                        ready.append(child)
                    else:
                        # no gradient reached it; still release what it holds
                        _release_below(child, counts, retain_graph)
    finally:
        _state["grad"] = prev_mode


def _release_below(node: Node, counts: dict, retain_graph: bool) -> None:
    if retain_graph:
        return
    stack = [node]
    while stack:
        n = stack.pop()
        n.release()
        for child in n._next:
            if child is not None:
                counts[child] -= 1
                if counts[child] == 0:
                    stack.append(child)


def _set_retained(node: Node, grad: np.ndarray) -> None:
    tensor = node._retain()
    if tensor is None:
        return
    from .tensor import _wrap

    if tensor._grad is None:
        tensor._grad = _wrap(np.array(grad, dtype=tensor._data.dtype, copy=True))
    else:
        tensor._grad._data += grad


def _as_list(x: Any) -> list:
    from .tensor import Tensor

    if isinstance(x, Tensor):
        return [x]
    return list(x)


def _root_grads(outputs: list, grad_outputs: list | None) -> list:
    grads = []
    for i, out in enumerate(outputs):
        if out.grad_fn is None and not out.requires_grad:
            raise RuntimeError(f"element {i} of tensors does not require grad and does not have a grad_fn")
        g = None if grad_outputs is None else grad_outputs[i]
        if g is None:
            if out._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            grads.append(np.ones_like(out._data))
            continue
        garr = g._data if hasattr(g, "_data") else np.asarray(g, dtype=out._data.dtype)
        if garr.shape != out._data.shape:
            from .tensor import Size

            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {Size(garr.shape)} and "
                f"output[{i}] has a shape of {Size(out._data.shape)}."
            )
        grads.append(garr.astype(out._data.dtype, copy=False))
    return grads


def _node_of(t: Any) -> Node:
    return t.grad_fn if t.grad_fn is not None else accumulator(t)


def backward(
    tensors: Any, grad_tensors: Any = None, retain_graph: bool | None = None, create_graph: bool = False
) -> None:
    if create_graph:
        raise NotImplementedError("npgrad supports first-order gradients only (create_graph=True)")
    outs = _as_list(tensors)
    gouts = None if grad_tensors is None else _as_list(grad_tensors)
    grads = _root_grads(outs, gouts)
    run_backward([_node_of(t) for t in outs], grads, bool(retain_graph))


def grad(
    outputs: Any,
    inputs: Any,
    grad_outputs: Any = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    allow_unused: bool | None = None,
) -> tuple:
    """First-order ``torch.autograd.grad``: gradients of ``outputs`` w.r.t. ``inputs``."""
    if create_graph:
        raise NotImplementedError("npgrad supports first-order gradients only (create_graph=True)")
    from .tensor import _wrap

    outs = _as_list(outputs)
    ins = _as_list(inputs)
    gouts = None if grad_outputs is None else _as_list(grad_outputs)
    for t in ins:
        if not t.requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    nodes = [_node_of(t) for t in ins]
    capture: dict = {n: None for n in nodes}
    grads = _root_grads(outs, gouts)
    run_backward([_node_of(t) for t in outs], grads, bool(retain_graph), capture)
    result = []
    for i, (t, n) in enumerate(zip(ins, nodes, strict=True)):
        g = capture[n]
        if g is None:
            if not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the graph. "
                    "Set allow_unused=True if this is the desired behavior."
                )
            result.append(None)
            continue
        if g.shape != t._data.shape:
            g = np.broadcast_to(g, t._data.shape)
        result.append(_wrap(np.array(g, dtype=t._data.dtype, copy=True)))
    return tuple(result)
