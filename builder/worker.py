"""The child side of the executor: runs one snippet file's cells in order, in one namespace.

The fork server imports this module once, so `import torch` is paid once per build; every snippet file then runs in
its own forked child, which can crash, loop or flood without harming the build.
Messages sent: ("start", cell name) before each cell, ("cell", result) after it, ("flood", cell name) when output
runs over the limit, and ("end", None) at the end.
"""

from __future__ import annotations

import ast
import io
import os
import random
import resource
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable
from types import CodeType
from typing import Any

import numpy
import torch

from builder.figures.extract import extract_figures

OUTPUT_LIMIT = 256 * 1024  # characters a whole file may print; more is a mistake, not a lesson


class OutputLimitExceeded(BaseException):
    """A BaseException so that a snippet's own `except Exception` cannot swallow it."""


class CappedWriter(io.TextIOBase):
    def __init__(self, budget: list[int]) -> None:
        self.parts: list[str] = []
        self.budget = budget  # shared by every cell of the file

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.budget[0] -= len(text)
        if self.budget[0] < 0:
            raise OutputLimitExceeded
        self.parts.append(text)
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


def _show_warning(
    message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None, line: str | None = None
) -> None:
    # The default format names absolute paths inside site-packages, which differ from machine to machine.
    sys.stderr.write(f"{category.__name__}: {message}\n")


def _make_deterministic() -> None:
    torch.set_num_threads(1)  # the fork server ran no torch op, so its children may start their own thread pool
    torch.manual_seed(0)
    random.seed(0)
    numpy.random.seed(0)
    warnings.showwarning = _show_warning
    warnings.simplefilter("default")


def _compile_cell(code: str, filename: str, first_line: int) -> tuple[CodeType, CodeType | None]:
    """Compile a cell so tracebacks, and syntax errors, name the snippet file and its real lines; split off a
    trailing expression."""
    tree = ast.parse("\n" * (first_line - 1) + code, filename=filename)  # padded: line numbers are the file's
    trailing = None
    if tree.body and isinstance(last := tree.body[-1], ast.Expr):
        tree.body.pop()
        trailing = compile(ast.Expression(last.value), filename, "eval")
    return compile(tree, filename, "exec"), trailing


def _error_info(error: BaseException, filename: str) -> dict[str, Any]:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    lines = traceback.format_exception_only(type(error), error)
    # The cell itself does not parse (not a SyntaxError raised by code the cell runs, such as eval of a string).
    syntax = error if isinstance(error, SyntaxError) and error.filename == filename else None
    return {
        "type": type(error).__name__,
        "qualified_type": f"{type(error).__module__}.{type(error).__qualname__}",
        "message": syntax.msg if syntax is not None else str(error),  # str() of a SyntaxError appends "(file, line N)"
        "last_line": lines[-1].strip() if syntax is not None else "".join(lines).strip(),
        "line": frames[-1].lineno if frames else getattr(error, "lineno", None),
        "statement_line": frames[0].lineno if frames else None,  # the cell's top-level statement that raised
        "syntax": {"column": syntax.offset, "text": (syntax.text or "").rstrip("\n")} if syntax is not None else None,
    }


def _shift_addresses() -> list[object]:
    """Allocations kept alive for a whole run, so that what the snippet allocates lands elsewhere than in a run
    without them: a snippet that prints id() or a memory address then prints something else."""
    sizes = random.Random(os.getpid())
    large = [bytearray(sizes.randrange(1, 1 << 16)) for _ in range(16)]
    return large + [[None] * sizes.randrange(8) for _ in range(sizes.randrange(100, 2000))]


def run_cells(
    filename: str, cells: list[dict[str, Any]], send: Callable[[tuple[str, Any]], None], shift: bool = False
) -> None:
    """Run cells ({"name", "code", "line", "expects_error"}) and report each through `send`; `shift` puts the
    snippet's objects at other addresses (the second run, which checks that outputs do not change from run to run)."""
    kept = _shift_addresses() if shift else []  # noqa: F841 - alive until the run ends
    _make_deterministic()
    captured_fd = tempfile.TemporaryFile()  # noqa: SIM115 - fds 1 and 2 point into it until the process ends
    for fd in (1, 2):  # output written below Python (C extensions) lands here instead of the build's terminal
        os.dup2(captured_fd.fileno(), fd)
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT * 4, OUTPUT_LIMIT * 4))
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": filename}
    budget = [OUTPUT_LIMIT]
    for cell in cells:
        send(("start", cell["name"]))
        writer = CappedWriter(budget)
        error = None
        sys.stdout = sys.stderr = writer
        try:
            body, trailing = _compile_cell(cell["code"], filename, cell["line"])
            exec(body, namespace)
            if trailing is not None:
                value = eval(trailing, namespace)
                if value is not None:
                    writer.write(repr(value) + "\n")
        except OutputLimitExceeded:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            send(("flood", cell["name"]))
            return
        except BaseException as exc:  # noqa: BLE001 - a snippet may raise anything, SystemExit included
            error = _error_info(exc, filename)
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        output = writer.getvalue()
        captured_fd.seek(0)
        low_level = captured_fd.read().decode("utf-8", "replace")
        captured_fd.seek(0)
        captured_fd.truncate()
        outcome = {"name": cell["name"], "output": output + low_level, "error": error}
        # Figures: the data a page's `{{ figure }}` lines ask of this cell, taken from its state now.
        if cell.get("figures"):
            outcome["figures"] = extract_figures(cell["figures"], namespace)
        send(("cell", outcome))
        if error is not None and not cell["expects_error"]:
            break  # later cells build on this one's state
    send(("end", None))
