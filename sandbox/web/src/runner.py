"""The Python side of the browser sandbox: runs a cell in the page's shared namespace.

It runs the same way the site's build runs snippets (stdout and stderr in order, then the repr of a trailing
expression), so what a reader sees can be compared with what real torch printed at build time. It is also loaded
by the tests under Node and under CPython, so it must not depend on the browser.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import importlib.abc
import importlib.util
import json
import linecache
import random
import sys
import time
import traceback
import types
import warnings
from collections.abc import Callable
from typing import Any

OUTPUT_LIMIT = 200_000  # characters one run may print; the page would choke on more
GRAPH_LIMIT = 150  # nodes drawn; larger graphs are cut and say so
FLUSH_SECONDS = 0.05  # an unfinished line waits at most this long for its end
# An engine that reproduces torch's random number generator sets this attribute to True: its cells then get no
# notice that their random numbers differ from torch's.
SAME_RANDOM_AS_TORCH = "SAME_RANDOM_AS_TORCH"

Write = Callable[[str, str], None]


class OutputLimitExceeded(BaseException):
    """A BaseException so that a cell's own `except Exception` cannot swallow it."""


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


class Stream:
    """sys.stdout or sys.stderr during a run."""

    def __init__(self, kind: str, output: Output) -> None:
        self.kind, self._output = kind, output

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._output.add(self.kind, text)
        return len(text)

    def flush(self) -> None:
        pass  # Output decides when to hand text over

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False


class _TorchAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes `import torch` (and `torch.x`) import the engine package (and `engine.x`) under torch's names."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self._specs: dict[int, Any] = {}  # the engine modules' own specs, which the import system overwrites

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != "torch" and not fullname.startswith("torch."):
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: Any) -> types.ModuleType:
        real = self.engine + spec.name[len("torch") :]
        try:
            module = importlib.import_module(real)
            self._specs[id(module)] = module.__spec__
            return module
        except ModuleNotFoundError as err:
            if err.name != real:
                raise
            raise ModuleNotFoundError(
                f"{spec.name} is not available in the browser sandbox: `import torch` runs {self.engine}, "
                f"which covers only what the lessons use",
                name=spec.name,
            ) from None

    def exec_module(self, module: types.ModuleType) -> None:
        # Already executed under its real name. The import system gave it the torch name's spec, whose parent
        # (torch.nn) then disagrees with its __package__ (npgrad.nn): a relative import would warn.
        module.__spec__ = self._specs.get(id(module), module.__spec__)


def install_torch_alias(engine: str = "npgrad") -> None:
    """Route `import torch` to `engine` for every later import."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _TorchAlias)]
    for name in [n for n in sys.modules if n == "torch" or n.startswith("torch.")]:
        del sys.modules[name]
    sys.meta_path.insert(0, _TorchAlias(engine))


def _show_warning(
    message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None, line: str | None = None
) -> None:
    # The build prints warnings this way too, without machine-specific paths.
    sys.stderr.write(f"{category.__name__}: {message}\n")


class Session:
    """One page's namespace; cells run in it in the order the reader runs them."""

    def __init__(self) -> None:
        self.count = 0
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
        # Every line ends in a newline, as a file's do: traceback places its carets one column late under a last
        # line without one.
        lines = [line if line.endswith("\n") else line + "\n" for line in code.splitlines(True)]
        linecache.cache[filename] = (len(code), None, lines, filename)
        output = Output(write)
        out, err = Stream("stdout", output), Stream("stderr", output)
        result: dict[str, Any] = {"error": None, "error_type": None, "limit": None, "random": False, "graph": None}
        random_before = _random_state()
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("default")
                warnings.showwarning = _show_warning
                body, trailing = _compile(code, filename)
                exec(body, self.namespace)
                if trailing is not None:
                    value = eval(trailing, self.namespace)
                    if value is not None:
                        self.namespace["_"] = value
                        out.write(repr(value) + "\n")
                        result["graph"] = graph_of(value, self.namespace)
        except OutputLimitExceeded:
            result["error_type"] = "OutputLimitExceeded"
            result["limit"] = "output"
            result["error"] = f"Output stopped after {OUTPUT_LIMIT:,} characters."
        except BaseException as exc:  # noqa: BLE001 - a cell may raise anything, SystemExit included
            result["error_type"] = type(exc).__name__
            result["error"] = format_error(exc, filename)
            result["limit"] = _limit_of(exc)
        finally:
            output.flush()
            sys.stdout, sys.stderr = saved
        result["random"] = random_before is not None and _random_state() != random_before
        return result

    def run_json(self, code: str, write: Write, number: int | None = None) -> str:
        return json.dumps(self.run(code, write, number))


def _limit_of(exc: BaseException) -> str | None:
    """Which of the sandbox's limits an error hit, for the page to explain in its own language."""
    if isinstance(exc, InputNotAvailableError):
        return "input"
    if isinstance(exc, RecursionError):
        return "recursion"
    if isinstance(exc, MemoryError):
        return "memory"
    return None


def _random_state() -> Any:
    """A picture of the engine's random number generator, to tell whether a cell drew from it; None when the
    engine draws the same numbers as torch (or `torch` is not imported, or shows no state), so there is nothing to
    warn about."""
    torch = sys.modules.get("torch")
    if torch is None or getattr(torch, SAME_RANDOM_AS_TORCH, False):
        return None
    get_state = getattr(torch, "get_rng_state", None)
    try:
        state = get_state() if callable(get_state) else None
    except Exception:  # noqa: BLE001 - an engine that cannot show its state cannot be watched
        return None
    return None if state is None else repr(state.tolist() if hasattr(state, "tolist") else state)


def _compile(code: str, filename: str) -> tuple[Any, Any]:
    """Compile a cell, splitting off a trailing expression whose value is shown."""
    tree = ast.parse(code, filename=filename)
    trailing = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        trailing = compile(ast.Expression(tree.body.pop().value), filename, "eval")
    return compile(tree, filename, "exec"), trailing


def format_error(exc: BaseException, filename: str) -> str:
    """The traceback cut down to the reader's own code: frames of the cells only, then the error line."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith("<cell ")]
    lines = []
    if frames:
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_list(frames))
    lines.extend(traceback.format_exception_only(type(exc), exc))
    return "".join(lines)


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
