"""Snippet files: plain Python split into named cells by `# %% name` lines.

A cell header may carry options after the name, written as shell-style `key="value"` words:

    # %% bad_view raises="RuntimeError: view size is not compatible"
    # %% conv-layer sandbox="no: torch.nn.Conv2d is outside the sandbox engine"

A file may start with a docstring and comments, and one options line for the whole file:

    # snippet: requires="cuda" timeout="60"
"""

from __future__ import annotations

import ast
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

CELL_HEADER = re.compile(r"^# %%(?P<rest>.*)$")
FILE_HEADER = re.compile(r"^# snippet:(?P<rest>.*)$")
CELL_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

CELL_OPTIONS = {"raises", "sandbox"}
FILE_OPTIONS = {"requires", "timeout"}
KNOWN_REQUIREMENTS = {"cuda"}


class SnippetError(Exception):
    """A mistake a contributor made in a snippet file or a page; the message says where and what to do."""

    def __init__(self, location: str, message: str, hint: str = "", cell: str | None = None) -> None:
        self.location = location
        self.message = message
        self.hint = hint
        self.cell = cell  # the cell at fault, where one is
        text = f"{location}: {message}"
        if hint:
            text += f"\n  -> {hint}"
        super().__init__(text)


@dataclass(frozen=True)
class ExpectedError:
    type_name: str
    message_start: str

    @classmethod
    def parse(cls, text: str, location: str) -> ExpectedError:
        type_name, sep, message = text.partition(":")
        type_name = type_name.strip()
        if not re.fullmatch(r"[A-Za-z_][\w.]*", type_name):
            raise SnippetError(
                location,
                f'raises="{text}" does not start with an exception type',
                'write it as raises="RuntimeError: the start of the message"',
            )
        return cls(type_name, message.strip() if sep else "")

    def describe(self) -> str:
        return f"{self.type_name}: {self.message_start}" if self.message_start else self.type_name


@dataclass(frozen=True)
class Cell:
    name: str
    code: str
    line: int  # 1-based line of the first code line in the file
    raises: ExpectedError | None = None
    sandbox_reason: str | None = None  # why the browser sandbox cannot run it; None when it can

    @property
    def sandbox(self) -> bool:
        return self.sandbox_reason is None


@dataclass(frozen=True)
class SnippetFile:
    path: str  # relative to the snippets folder, with forward slashes
    source: str
    cells: tuple[Cell, ...]
    requires: frozenset[str] = field(default_factory=frozenset)
    timeout: float | None = None

    def cell(self, name: str) -> Cell | None:
        return next((c for c in self.cells if c.name == name), None)

    @property
    def needs_cuda(self) -> bool:
        return "cuda" in self.requires


def parse_options(text: str, allowed: set[str], location: str) -> dict[str, str]:
    try:
        words = shlex.split(text)
    except ValueError as err:
        raise SnippetError(location, f"cannot read the options ({err})", 'quote values like key="value"') from None
    options: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition("=")
        if not sep or key not in allowed:
            raise SnippetError(
                location,
                f"unknown option {word!r}",
                f'allowed here: {", ".join(sorted(allowed))}, written as key="value"',
            )
        options[key] = value
    return options


def parse_snippet(path: str, source: str) -> SnippetFile:
    """Split a snippet file's source into cells; raise SnippetError naming the line of any mistake."""
    lines = source.splitlines()
    file_options: dict[str, str] = {}
    headers: list[tuple[int, str, dict[str, str]]] = []  # (0-based line, name, options)
    for index, line in enumerate(lines):
        location = f"snippets/{path}:{index + 1}"
        if match := FILE_HEADER.match(line):
            if headers:
                raise SnippetError(location, "'# snippet:' options must come before the first cell")
            file_options = parse_options(match["rest"], FILE_OPTIONS, location)
        elif match := CELL_HEADER.match(line):
            name, _, rest = match["rest"].strip().partition(" ")
            if not CELL_NAME.match(name):
                raise SnippetError(
                    location,
                    f"cell name {name!r} is missing or invalid",
                    "start a cell with '# %% name' (lowercase letters, digits, '_' or '-')",
                )
            if any(existing == name for _, existing, _ in headers):
                raise SnippetError(location, f"cell name {name!r} is used twice in this file")
            headers.append((index, name, parse_options(rest, CELL_OPTIONS, location)))

    if not headers:
        raise SnippetError(f"snippets/{path}:1", "no cells found", "start each cell with a line '# %% name'")
    _check_prelude("\n".join(lines[: headers[0][0]]), path)

    requires = frozenset(filter(None, file_options.get("requires", "").split(",")))
    if unknown := requires - KNOWN_REQUIREMENTS:
        raise SnippetError(f"snippets/{path}", f"unknown requirement(s) {sorted(unknown)}", "known: cuda")
    # The browser sandbox has no GPU: saying so here, once, keeps every cell of a CUDA file out of it.
    implied_sandbox = "needs a CUDA GPU" if "cuda" in requires else None

    cells = []
    for number, (start, name, options) in enumerate(headers):
        end = headers[number + 1][0] if number + 1 < len(headers) else len(lines)
        body = lines[start + 1 : end]
        while body and not body[-1].strip():
            body.pop()
        location = f"snippets/{path}:{start + 1}"
        raises = ExpectedError.parse(options["raises"], location) if "raises" in options else None
        sandbox_reason = _sandbox_reason(options, location) or implied_sandbox
        cells.append(Cell(name, "\n".join(body), start + 2, raises, sandbox_reason))

    timeout = float(file_options["timeout"]) if "timeout" in file_options else None
    return SnippetFile(path, source, tuple(cells), requires, timeout)


def _sandbox_reason(options: dict[str, str], location: str) -> str | None:
    if "sandbox" not in options:
        return None
    verdict, _, reason = options["sandbox"].partition(":")
    if verdict.strip() != "no" or not reason.strip():
        raise SnippetError(location, f'sandbox="{options["sandbox"]}" is not understood', 'write sandbox="no: reason"')
    return reason.strip()


def _check_prelude(text: str, path: str) -> None:
    """Code before the first cell would run unseen; only a docstring and comments may stand there."""
    try:
        tree = ast.parse(text)
    except SyntaxError as err:
        raise SnippetError(f"snippets/{path}:{err.lineno}", f"syntax error before the first cell: {err.msg}") from None
    for node in tree.body:
        is_docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node is tree.body[0]
        if not is_docstring:
            raise SnippetError(
                f"snippets/{path}:{node.lineno}",
                "code before the first cell would run without being shown",
                "move it into a cell ('# %% name' above it)",
            )


def load_snippet(root: Path, path: str) -> SnippetFile:
    file = root / path
    if not file.is_file():
        raise SnippetError(f"snippets/{path}", "no such snippet file", f"create it under {root}/ or fix the path")
    return parse_snippet(path, file.read_text(encoding="utf-8"))
