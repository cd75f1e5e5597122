"""The Python side of the browser sandbox: runs a cell in the page's shared namespace.

The cell itself runs as the site's build runs snippets, with the same code (sandbox/cell_runner), so what a reader
sees can be compared with what real torch printed at build time; this module adds what a page needs around it:
output streamed line by line, the sandbox's limits, `import torch` routed to the engine, random-draw notices and
the backward graph of a trailing tensor. It is also loaded by the tests under Node and under CPython, so it must not
depend on the browser.
"""

from __future__ import annotations

import builtins
import json
import random
import sys
import time
from typing import Any

from cell_runner import CellResult, OutputLimitExceeded, Write, run_cell, warnings_as_shown
from cell_runner.torch_alias import install_torch_alias, prints_differently_used, restore_torch, torch_module

__all__ = ["SESSION", "Session", "graph_of", "install_torch_alias", "restore_torch"]  # what pages and tests use

OUTPUT_LIMIT = 200_000  # characters one run may print; the page would choke on more
GRAPH_LIMIT = 150  # nodes drawn; larger graphs are cut and say so
FLUSH_SECONDS = 0.05  # an unfinished line waits at most this long for its end
# An engine that reproduces torch's random number generator sets this attribute to True: its cells then get no
# notice that their random numbers differ from torch's.
SAME_RANDOM_AS_TORCH = "SAME_RANDOM_AS_TORCH"


class InputNotAvailableError(RuntimeError):
    """Raised by `input()`: the sandbox has no keyboard input to read from."""


def _no_input(prompt: object = "") -> str:
    raise InputNotAvailableError("input() is not available in the browser sandbox: put the value in the code instead")


class Output:
    """Collects what both streams write, in order, and hands it to `write(kind, text)` a whole line at a time.

    Python cannot hand text over while a cell computes, so a line is handed over as soon as it ends: what was
    printed before a second of work appears before that second, and never half a line. Text without a line end
    (`print(..., end="")`) waits until the line ends, the run ends, or FLUSH_SECONDS have passed.
    """

    def __init__(self, write: Write) -> None:
        self._write = write
        self._parts: list[tuple[str, str]] = []
        self._budget = OUTPUT_LIMIT
        self._since = time.monotonic()

    def add(self, kind: str, text: str) -> None:
        self._budget -= len(text)
        if self._budget < 0:
            self.flush()
            raise OutputLimitExceeded
        if not self._parts:
            self._since = time.monotonic()
        if self._parts and self._parts[-1][0] == kind:
            self._parts[-1] = (kind, self._parts[-1][1] + text)
        else:
            self._parts.append((kind, text))
        if "\n" in text:
            self.flush_lines()
        elif time.monotonic() - self._since > FLUSH_SECONDS:
            self.flush()

    def flush_lines(self) -> None:
        """Hand over everything up to the last line end; keep the unfinished line."""
        kind, last = self._parts[-1]
        head, newline, tail = last.rpartition("\n")
        self._parts[-1] = (kind, head + newline)
        self.flush()
        if tail:
            self._parts.append((kind, tail))
            self._since = time.monotonic()

    def flush(self) -> None:
        for kind, text in self._parts:
            self._write(kind, text)
        self._parts.clear()


class Session:
    """One page's namespace; cells run in it in the order the reader runs them."""

    def __init__(self) -> None:
        self.count = 0
        self.last: CellResult | None = None  # the last run's result, typed (None when it flooded): for the tests
        self.reset()

    def reset(self) -> None:
        cell_builtins = dict(vars(builtins))
        cell_builtins["input"] = _no_input
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": cell_builtins}
        random.seed(0)
        for name in ("numpy", "torch"):
            module = sys.modules.get(name)
            seed = getattr(module, "manual_seed", None) or getattr(getattr(module, "random", None), "seed", None)
            if callable(seed):
                seed(0)

    def run(self, code: str, write: Write, number: int | None = None) -> dict[str, Any]:
        """Run `code`; stream its output through `write`; return the result's fields (protocol.js, RESULT).

        `number` is the reader's count of runs shown beside the cell, so a traceback names the cell as the page
        does; without it the session counts its own runs.
        """
        self.count += 1
        filename = f"<cell {self.count if number is None else number}>"
        output = Output(write)
        result: dict[str, Any] = {
            "error": None,
            "error_type": None,
            "limit": None,
            "random": False,
            "inexact": [],
            "graph": None,
        }
        random_before = _random_state()
        prints_differently_used()  # forget what earlier cells used
        self.last = None
        try:
            with warnings_as_shown():
                ran = run_cell(code, self.namespace, output.add, filename=filename, own_file=_is_cell)
        except OutputLimitExceeded:
            result["error_type"] = "OutputLimitExceeded"
            result["limit"] = "output"
            result["error"] = f"Output stopped after {OUTPUT_LIMIT:,} characters."
        else:
            self.last = ran
            if ran.error is not None:
                result["error_type"] = ran.error.type
                result["error"] = ran.error.traceback
                result["limit"] = LIMITS.get(ran.error.qualified_type)
            elif ran.value is not None:
                self.namespace["_"] = ran.value
                try:
                    result["graph"] = graph_of(ran.value, self.namespace)
                except Exception:  # noqa: BLE001 - an odd object in the namespace costs the drawing, not the run
                    result["graph"] = None
        finally:
            output.flush()
        result["random"] = random_before is not None and _random_state() != random_before
        result["inexact"] = prints_differently_used()  # a notice on the page
        return result

    def run_json(self, code: str, write: Write, number: int | None = None) -> str:
        return json.dumps(self.run(code, write, number))


# Which of the sandbox's limits an error hit, by the error's class, for the page to explain in its own language.
LIMITS = {
    f"{__name__}.{InputNotAvailableError.__qualname__}": "input",
    "builtins.RecursionError": "recursion",
    "builtins.MemoryError": "memory",
}


def _is_cell(filename: str) -> bool:
    """Whether a traceback frame is the reader's code: any of the page's cells, not only the one that ran."""
    return filename.startswith("<cell ")


def _random_state() -> Any:
    """A picture of the engine's random number generator, to tell whether a cell drew from it; None when the
    engine draws the same numbers as torch (or `torch` is not imported, or shows no state), so there is nothing to
    warn about."""
    torch = torch_module()
    if torch is None or getattr(torch, SAME_RANDOM_AS_TORCH, False):
        return None
    get_state = getattr(torch, "get_rng_state", None)
    try:
        state = get_state() if callable(get_state) else None
    except Exception:  # noqa: BLE001 - an engine that cannot show its state cannot be watched
        return None
    return None if state is None else repr(state.tolist() if hasattr(state, "tolist") else state)


def _fn_name(fn: Any) -> str:
    name = getattr(fn, "name", None)
    if callable(name):
        try:
            return str(name())
        except Exception:  # noqa: BLE001 - fall back to the class name, which torch's names equal
            pass
    return type(fn).__name__


def _shape(tensor: Any) -> list[int]:
    return [int(n) for n in getattr(tensor, "shape", ())]


def graph_of(value: Any, namespace: dict[str, Any]) -> dict[str, Any] | None:
    """The backward graph behind a tensor, as nodes and edges for drawing; None when it has no grad_fn.

    Function nodes carry torch's grad_fn names; AccumulateGrad nodes become the leaf tensor they feed, with its
    shape (and its variable name when the namespace holds it). Iterative, so long chains cannot hit the recursion
    limit.
    """
    root = getattr(value, "grad_fn", None)
    if root is None:
        return None
    names = {id(v): k for k, v in namespace.items() if not k.startswith("_") and hasattr(v, "grad_fn")}
    nodes: list[dict[str, Any]] = [
        {"id": 0, "kind": "output", "label": names.get(id(value), "output"), "shape": _shape(value)}
    ]
    edges: list[list[int]] = []
    ids: dict[int, int] = {}
    stack = [(root, 0)]
    truncated = False
    while stack:
        fn, parent = stack.pop()
        key = id(fn)
        if key in ids:
            edges.append([parent, ids[key]])
            continue
        if len(nodes) >= GRAPH_LIMIT:
            truncated = True
            continue
        node_id = len(nodes)
        ids[key] = node_id
        variable = getattr(fn, "variable", None)
        if variable is not None:
            nodes.append(
                {
                    "id": node_id,
                    "kind": "leaf",
                    "label": names.get(id(variable), "leaf"),
                    "shape": _shape(variable),
                    "fn": type(fn).__name__,
                }
            )
        else:
            nodes.append({"id": node_id, "kind": "fn", "label": _fn_name(fn)})
        edges.append([parent, node_id])
        for child, _ in reversed(tuple(getattr(fn, "next_functions", ()) or ())):
            if child is not None:
                stack.append((child, node_id))
    return {"nodes": nodes, "edges": edges, "truncated": truncated}


SESSION = Session()
