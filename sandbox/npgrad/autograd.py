"""Graph nodes, the backward engine, grad mode and ``torch.autograd.grad``.

A node holds its inputs' nodes (``next_functions``) and the numpy arrays its
backward rule needs, never the tensor it produced: the graph has no reference
cycles, so it is freed by reference counting alone.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from . import dtypes
from .tensor import Size, Tensor, _wrap

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
    (numpy array or None) per entry of ``next_functions``. ``_vers`` holds, for each
    tensor that torch would save, ``(version counter, version, array, source)`` where
    source is the tensor's grad_fn then, or an int (``OUTPUT``) for the node's own result.
    """

    __slots__ = ("__weakref__", "_next", "_retain", "_vers", "saved")
    saves = True  # False for rules that keep no tensors: a second backward through them works
    is_view = False  # True for nodes whose result shares memory with their input

    def __init__(self, next_nodes: tuple, saved: Any = None) -> None:
        self._next = next_nodes
        self.saved = saved
        self._retain = None
        self._vers = None

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


class ViewNode(Node):
    """A node whose result shares memory with its input. ``_gv`` is the input's count of in-place writes
    that autograd recorded when the view was taken: a later one leaves the view's graph stale."""

    __slots__ = ("_gv",)
    is_view = True


OUTPUT = 0  # marks a saved record of the node's own result (an int: which output)

_INPLACE_MSG = (
    "one of the variables needed for gradient computation has been modified by an inplace operation: "
    "[torch.{kind}Tensor [{shape}]]{which} is at version {now}; expected version {saved} instead. Hint: enable "
    "anomaly detection to find the operation that failed to compute its gradient, with "
    "torch.autograd.set_detect_anomaly(True, check_nan=False)."
)


def short_name(node: Node) -> str:
    """The name torch's messages give a node: ``ExpBackward0`` -> ``Exp``, ``SumBackward1`` -> ``Sum1``."""
    name = type(node).__name__
    if name == "CopySlices":
        return "torch::autograd::CopySlices"
    return re.sub(r"Backward(\d+)$", lambda m: "" if m[1] == "0" else m[1], name)


def check_saved(node: Node) -> None:
    """torch's check that no tensor saved for ``node``'s backward was modified in place since."""
    for vc, version, arr, source in node._vers:
        if vc[0] == version:
            continue
        nr = 0
        if type(source) is int:
            name, nr = short_name(node), source
        elif source is not None and source.is_view:
            name = "AsStrided"  # torch rebuilds a modified view's grad_fn under this name
        else:
            name = vc[1] or (None if source is None or type(source) is AccumulateGrad else short_name(source))
        which = f", which is output {nr} of {name}," if name else ""
        raise RuntimeError(
            _INPLACE_MSG.format(
                kind=dtypes.scalar_type(arr.dtype),
                shape=", ".join(map(str, arr.shape)),
                which=which,
                now=vc[0],
                saved=version,
            )
        )


class AccumulateGrad(Node):
    """The sink for a leaf tensor: adds the incoming gradient to ``variable.grad``."""

    __slots__ = ("variable",)
    saves = False

    def __init__(self, variable: Any) -> None:
        # Node's fields set here directly: a leaf gets a new one for each graph it joins
        self._next = ()
        self.saved = None
        self._retain = None
        self._vers = None
        self.variable = variable

    def accumulate(self, grad: np.ndarray, owned: bool = False) -> None:
        var = self.variable
        data = var._data
        if grad.shape != data.shape:
            grad = np.broadcast_to(grad, data.shape)
            owned = False
        old = var._grad
        if old is None:
            # torch lays a new .grad out like its leaf (a gradient through w.T arrives transposed)
            if not (owned and grad.dtype == data.dtype and grad.strides == data.strides):
                fresh = np.empty_like(data)
                fresh[...] = grad
                grad = fresh
            var._grad = _wrap(grad)
        else:
            # in place, like torch: a tensor a lesson kept a reference to sees the sum
            old._data += grad
            if old._vc is not None:
                old._vc[0] += 1


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
    # the loop runs once per graph node: its names are bound locally
    pop, push, take, peek = ready.pop, ready.append, buffers.pop, buffers.get
    ndarray, accumulate_grad, released = np.ndarray, AccumulateGrad, _RELEASED
    try:
        while ready:
            node = pop()
            grad = take(node)
            if capture is not None and node in capture:
                capture[node] = grad if capture[node] is None else capture[node] + grad
            if type(node) is accumulate_grad:  # never retains: retain_grad on a leaf does nothing
                if capture is None:
                    node.accumulate(grad, owned.pop(id(grad), None) is grad)
                continue
            if node._retain is not None:
                _set_retained(node, grad)
            if node.saved is released:
                raise RuntimeError(_RELEASED)
            vers = node._vers
            if vers is not None:
                for vc, version, _, _ in vers:
                    if vc[0] != version:
                        check_saved(node)
            outs = node.apply(grad)
            if not retain_graph and node.saves:
                node.saved = released
            i = -1  # indexing beats zip over a node's one or two edges
            for child in node._next:
                i += 1
                if child is None:
                    continue
                g = outs[i]
                if g is not None:
                    prev = peek(child)
                    if prev is not None:
                        g = buffers[child] = prev + g
                        if type(child) is accumulate_grad:
                            owned[id(g)] = g
                    else:
                        buffers[child] = g
                        # a fresh array, not the incoming gradient or a view of it, is the engine's alone
                        if type(child) is accumulate_grad and type(g) is ndarray and g is not grad and g.base is None:
                            owned[id(g)] = g
                left = counts[child] - 1
                counts[child] = left
                if not left:
                    if child in buffers:
                        push(child)
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
    if tensor._grad is None:
        tensor._grad = _wrap(np.array(grad, dtype=tensor._data.dtype, copy=True))
    else:
        tensor._grad._data += grad
        if tensor._grad._vc is not None:
            tensor._grad._vc[0] += 1


def _as_list(x: Any) -> list:
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
            one = np.empty(out._data.shape, out._data.dtype)
            one.fill(1)  # np.ones's Python-level wrapper costs more than the rest of this function
            grads.append(one)
            continue
        garr = g._data if hasattr(g, "_data") else np.asarray(g, dtype=out._data.dtype)
        if garr.shape != out._data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {Size(garr.shape)} and "
                f"output[{i}] has a shape of {Size(out._data.shape)}."
            )
        grads.append(garr if garr.dtype == out._data.dtype else garr.astype(out._data.dtype))
    return grads


def _node_of(t: Any) -> Node:
    return t.grad_fn if t.grad_fn is not None else accumulator(t)


def tensor_backward(
    self: Tensor, gradient: Any = None, retain_graph: bool | None = None, create_graph: bool = False, inputs: Any = None
) -> None:
    """Tensor.backward (methods.py binds it)."""
    if inputs is not None:
        raise NotImplementedError("npgrad does not support backward(inputs=...)")
    if create_graph:
        raise NotImplementedError("npgrad supports first-order gradients only (create_graph=True)")
    grads = _root_grads((self,), None if gradient is None else (gradient,))
    run_backward((self.grad_fn or _node_of(self),), grads, bool(retain_graph))


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
