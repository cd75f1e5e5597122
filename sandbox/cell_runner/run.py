"""Compile and run one cell in a namespace, its streams going to a pluggable writer."""

from __future__ import annotations

import ast
import io
import linecache
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import CodeType
from typing import Any

from cell_runner.result import CellError, CellResult

Write = Callable[[str, str], None]  # (stream, text), stream "stdout" or "stderr"


class OutputLimitExceeded(BaseException):
    """Raised by a writer that has had enough; a BaseException so that a cell's own `except Exception` cannot
    swallow it. run_cell lets it through: what to do about a flood is the caller's decision."""


class _Stream(io.TextIOBase):
    """sys.stdout or sys.stderr while a cell runs."""

    def __init__(self, kind: str, write: Write) -> None:
        self.kind, self._write = kind, write

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._write(self.kind, text)
        return len(text)


def show_warning(
    message: Any, category: type[Warning], filename: str, lineno: int, file: Any = None, line: str | None = None
) -> None:
    """warnings.showwarning as the site prints warnings: the default format names absolute paths inside
    site-packages, which differ from machine to machine (and between torch and its stand-in)."""
    sys.stderr.write(f"{category.__name__}: {message}\n")


@contextmanager
def warnings_as_shown() -> Iterator[None]:
    """Every warning shown once per place, in show_warning's format, until the block ends."""
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = show_warning
        yield


def compile_cell(code: str, filename: str, first_line: int = 1) -> tuple[CodeType, CodeType | None]:
    """Compile a cell so that tracebacks, and syntax errors, name `filename` and the cell's real lines (it starts
    at `first_line`); split off a trailing expression, whose value is shown."""
    tree = ast.parse("\n" * (first_line - 1) + code, filename=filename)  # padded: line numbers are the file's
    trailing = None
    if tree.body and isinstance(last := tree.body[-1], ast.Expr):
        tree.body.pop()
        trailing = compile(ast.Expression(last.value), filename, "eval")
    return compile(tree, filename, "exec"), trailing


def _remember_source(filename: str, code: str, first_line: int) -> None:
    """Put the cell's lines where a traceback looks for them, beside earlier cells of the same file. Every line
    ends in a newline, as a file's do: traceback places its carets one column late under a last line without one."""
    entry = linecache.cache.get(filename)
    lines = list(entry[2]) if entry is not None and len(entry) == 4 and entry[1] is None else []
    cell = [line if line.endswith("\n") else line + "\n" for line in code.splitlines(True)]
    lines.extend("\n" for _ in range(first_line - 1 - len(lines)))
    lines[first_line - 1 : first_line - 1 + len(cell)] = cell
    linecache.cache[filename] = (sum(map(len, lines)), None, lines, filename)  # no mtime: never checked on disk


def run_cell(
    code: str,
    namespace: dict[str, Any],
    write: Write | None = None,
    *,
    filename: str = "<cell>",
    first_line: int = 1,
    own_file: Callable[[str], bool] | None = None,
) -> CellResult:
    """Run `code` in `namespace`: what it prints goes to `write` as it is printed (a writer may raise
    OutputLimitExceeded, which stops the cell and propagates), then the repr of a trailing expression that is not
    None. `own_file` says which traceback frames are the reader's (default: those of `filename`)."""
    parts: list[str] = []

    def collect(kind: str, text: str) -> None:
        if write is not None:
            write(kind, text)
        parts.append(text)

    _remember_source(filename, code, first_line)
    out, err = _Stream("stdout", collect), _Stream("stderr", collect)
    value = error = None
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        body, trailing = compile_cell(code, filename, first_line)
        exec(body, namespace)
        if trailing is not None and (shown := eval(trailing, namespace)) is not None:
            out.write(repr(shown) + "\n")
            value = shown
    except OutputLimitExceeded:
        raise
    except BaseException as exc:  # noqa: BLE001 - a cell may raise anything, SystemExit included
        error = CellError.from_exception(exc, filename, own_file)
    finally:
        sys.stdout, sys.stderr = saved
    return CellResult("".join(parts), error, value)
