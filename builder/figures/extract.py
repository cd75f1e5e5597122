"""Runs inside the snippet worker, right after a cell: turns a figure's items into plain data.

Only numbers and short strings leave this module: shapes, strides, offsets, which storage an element lives in
(storages are told apart by comparing `untyped_storage().data_ptr()` between the items and numbered in order of
appearance), which elements an index selects (found by indexing `arange` the same way), graph nodes numbered in
the order they are reached. No object id or address is ever part of the result, so rebuilds are identical.
"""

from __future__ import annotations

import ast
import contextlib
import io
from typing import Any

import torch

MAX_ELEMENTS = 48  # a figure of more cells would not be readable on a phone
MAX_NODES = 40


class FigureDataError(Exception):
    """Why an item cannot be drawn; becomes the figure's {"failed": ...}."""

    def __init__(self, **details: Any) -> None:
        super().__init__(details.get("message", ""))
        self.details = details


def extract_figures(requests: list[dict[str, Any]], namespace: dict[str, Any]) -> dict[str, Any]:
    """{key: data or {"failed": {...}}} for a cell's figure requests ({"key", "kind", "items"})."""
    figures = {}
    for request in requests:
        # An item that prints must not add to the cell's output.
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                figures[request["key"]] = EXTRACTORS[request["kind"]](request["items"], namespace)
            except FigureDataError as error:
                figures[request["key"]] = {"failed": error.details}
            except Exception as error:  # noqa: BLE001 - a tensor this module cannot read fails its figure only
                figures[request["key"]] = {
                    "failed": {
                        "problem": "raised",
                        "item": "; ".join(request["items"]),
                        "message": f"{type(error).__name__}: {error}",
                    }
                }
    return figures


def _names(namespace: dict[str, Any]) -> list[str]:
    return [k for k, v in namespace.items() if not k.startswith("_") and isinstance(v, torch.Tensor)]


def _evaluate(item: str, namespace: dict[str, Any], extra: dict[str, Any] | None = None) -> Any:
    try:
        return eval(compile(item, "<figure>", "eval"), namespace, extra or {})
    except NameError as error:
        raise FigureDataError(
            problem="name", item=item, name=getattr(error, "name", "") or str(error), defined=_names(namespace)
        ) from None
    except Exception as error:  # noqa: BLE001 - whatever the expression raised is the message to show
        raise FigureDataError(problem="raised", item=item, message=f"{type(error).__name__}: {error}") from None


def _tensor(item: str, namespace: dict[str, Any], drawn: bool = True) -> torch.Tensor:
    """The tensor an item names; `drawn`: its elements are drawn one by one, so it must be small."""
    value = _evaluate(item, namespace)
    if not isinstance(value, torch.Tensor):
        raise FigureDataError(problem="type", item=item, message=f"is a {type(value).__name__}, not a tensor")
    if drawn and value.numel() > MAX_ELEMENTS:
        raise FigureDataError(problem="size", item=item, message=f"has {value.numel()} elements")
    return value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, float):
        text = f"{value:.3g}"
        return text + "." if text.lstrip("-").isdigit() else text  # torch writes 2. for a float 2
    return str(value)


def _values(tensor: torch.Tensor) -> list[str]:
    return [_text(v) for v in tensor.detach().reshape(-1).tolist()]


def _storage_size(tensor: torch.Tensor) -> int:
    return tensor.untyped_storage().nbytes() // tensor.element_size()


def storage(items: list[str], namespace: dict[str, Any]) -> dict[str, Any]:
    storages: list[int] = []  # data pointers in order of appearance, only compared with each other
    shown: list[dict[str, Any]] = []
    tensors = []
    for item in items:
        tensor = _tensor(item, namespace)
        pointer = tensor.untyped_storage().data_ptr()
        if pointer not in storages:
            size = _storage_size(tensor)
            if size > MAX_ELEMENTS:
                raise FigureDataError(problem="size", item=item, message=f"lives in a storage of {size} elements")
            storages.append(pointer)
            whole = torch.as_strided(tensor.detach(), (size,), (1,), 0)
            shown.append({"values": _values(whole)})
        tensors.append(
            {
                "label": item,
                "shape": list(tensor.shape),
                "stride": list(tensor.stride()),
                "offset": tensor.storage_offset(),
                "contiguous": tensor.is_contiguous(),
                "storage": storages.index(pointer),
                "values": _values(tensor),
                # where each element (in row-major order) lives: the real strides applied by torch itself
                "positions": torch.as_strided(
                    torch.arange(_storage_size(tensor)), tensor.shape, tensor.stride(), tensor.storage_offset()
                )
                .reshape(-1)
                .tolist(),
            }
        )
    return {"tensors": tensors, "storages": shown}


def _shape_of(item: str, namespace: dict[str, Any]) -> list[int]:
    value = _evaluate(item, namespace)
    if isinstance(value, torch.Tensor):
        return list(value.shape)
    if isinstance(value, (tuple, list, torch.Size)) and all(isinstance(n, int) for n in value):
        return list(value)
    raise FigureDataError(problem="type", item=item, message=f"is a {type(value).__name__}, not a tensor or shape")


def _broadcast(shapes: list[list[int]]) -> tuple[list[int] | None, str | None]:
    try:
        return list(torch.broadcast_shapes(*shapes)), None
    except RuntimeError as error:
        return None, str(error).strip()


def broadcast(items: list[str], namespace: dict[str, Any]) -> dict[str, Any]:
    shapes = [_shape_of(item, namespace) for item in items]
    result, error = _broadcast(shapes)
    rank = max(len(s) for s in shapes)
    dims = []
    for position in range(rank):  # aligned from the right: position 0 is the first dimension of the result
        sizes = [s[position - rank + len(s)] if position - rank + len(s) >= 0 else None for s in shapes]
        alone, clash = _broadcast([[n] for n in sizes if n is not None])  # torch decides each dimension too
        dims.append({"sizes": sizes, "result": alone[0] if alone else None, "clash": clash is not None})
    operands = [{"label": item, "shape": shape} for item, shape in zip(items, shapes, strict=True)]
    return {"operands": operands, "result": result, "error": error, "dims": dims}


def index(items: list[str], namespace: dict[str, Any]) -> dict[str, Any]:
    panels = []
    for item in items:
        tree = ast.parse(item, mode="eval").body
        assert isinstance(tree, ast.Subscript), "figures/references.py admits only subscripts as index items"
        base_text = ast.get_source_segment(item, tree.value) or ast.unparse(tree.value)
        base = _tensor(base_text, namespace)
        result = _evaluate(item, namespace)
        if not isinstance(result, torch.Tensor):
            raise FigureDataError(problem="type", item=item, message=f"gives a {type(result).__name__}")
        numbers = torch.arange(base.numel()).reshape(base.shape)
        # the same index applied to the element numbers says which elements were picked, in the result's order
        picker = ast.Expression(ast.Subscript(ast.Name("_figure_numbers", ast.Load()), tree.slice, ast.Load()))
        ast.fix_missing_locations(picker)
        try:
            picked = eval(compile(picker, "<figure>", "eval"), namespace, {"_figure_numbers": numbers})
        except Exception as error:  # noqa: BLE001
            raise FigureDataError(problem="raised", item=item, message=f"{type(error).__name__}: {error}") from None
        panels.append(
            {
                "label": item,
                "base": base_text,
                "base_shape": list(base.shape),
                "base_values": _values(base),
                "shape": list(result.shape),
                "values": _values(result),
                "selected": picked.reshape(-1).tolist(),
                "view": result.untyped_storage().data_ptr() == base.untyped_storage().data_ptr(),
            }
        )
    return {"panels": panels}


def shape(items: list[str], namespace: dict[str, Any]) -> dict[str, Any]:
    return {"tensors": [{"label": item, "shape": _shape_of(item, namespace)} for item in items]}


def matmul(items: list[str], namespace: dict[str, Any]) -> dict[str, Any]:
    products = []
    for item in items:
        tree = ast.parse(item, mode="eval").body
        assert isinstance(tree, ast.BinOp), "figures/references.py admits only `a @ b` as matmul items"
        sides = []
        for side in (tree.left, tree.right):
            text = ast.get_source_segment(item, side) or ast.unparse(side)
            sides.append({"label": text, "shape": list(_tensor(text, namespace, drawn=False).shape)})
        try:  # both sides exist, so what fails here is the product itself: a mismatch is worth drawing
            result, error = list(eval(compile(item, "<figure>", "eval"), namespace).shape), None
        except Exception as problem:  # noqa: BLE001
            result, error = None, f"{type(problem).__name__}: {str(problem).strip()}"
        products.append({"label": item, "left": sides[0], "right": sides[1], "result": result, "error": error})
    return {"products": products}


def _node_name(fn: Any) -> str:
    try:
        return str(fn.name())
    except Exception:  # noqa: BLE001 - torch's class names equal its node names
        return type(fn).__name__


def _graph(item: str, namespace: dict[str, Any]) -> dict[str, Any]:
    root = _evaluate(item, namespace)
    if not isinstance(root, torch.Tensor) or root.grad_fn is None:
        raise FigureDataError(problem="graph", item=item, message="has no grad_fn (no graph was recorded for it)")
    names: dict[int, str] = {}
    for name, value in namespace.items():  # the first name bound to a leaf labels it
        if not name.startswith("_") and isinstance(value, torch.Tensor):
            names.setdefault(id(value), name)
    nodes: list[dict[str, Any]] = [{"id": 0, "kind": "output", "label": item, "shape": list(root.shape)}]
    edges: list[list[int]] = []
    numbers: dict[Any, int] = {}  # grad_fn objects seen -> their node number, held only while walking
    stack = [(root.grad_fn, 0)]
    while stack:  # depth first, inputs in order, iterative so long chains cannot overflow the stack
        fn, parent = stack.pop()
        if fn in numbers:
            edges.append([parent, numbers[fn]])
            continue
        if len(nodes) >= MAX_NODES:
            raise FigureDataError(problem="size", item=item, message=f"has more than {MAX_NODES} graph nodes")
        number = numbers[fn] = len(nodes)
        variable = getattr(fn, "variable", None)
        if variable is not None:
            leaf = {
                "id": number,
                "kind": "leaf",
                "label": names.get(id(variable), "leaf"),
                "shape": list(variable.shape),
            }
            if variable.grad is not None:
                leaf["grad"] = _values(variable.grad) if variable.grad.numel() <= 4 else None
                leaf["grad_shape"] = list(variable.grad.shape)
            nodes.append(leaf)
        else:
            nodes.append({"id": number, "kind": "fn", "label": _node_name(fn)})
        edges.append([parent, number])
        for child, _ in reversed(tuple(fn.next_functions)):
            if child is not None:
                stack.append((child, number))
    return {"label": item, "nodes": nodes, "edges": edges}


def graph(items: list[str], namespace: dict[str, Any]) -> dict[str, Any]:
    return {"graphs": [_graph(item, namespace) for item in items]}


EXTRACTORS = {
    "storage": storage,
    "broadcast": broadcast,
    "index": index,
    "shape": shape,
    "matmul": matmul,
    "graph": graph,
}
