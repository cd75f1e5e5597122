"""Snippet references in Markdown pages: a line of its own `{{ snippet path/to/file.py#cell }}`.

References inside fenced code blocks are text, not references, so the contributor guide can show the syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from builder.snippet_file import SnippetError

REFERENCE = re.compile(r"^(?P<indent>[ \t]*)\{\{\s*snippet\s+(?P<path>[\w./-]+\.py)#(?P<cell>[\w-]+)\s*\}\}\s*$")
EXERCISE = re.compile(r"^[ \t]*\{\{\s*exercise\s+(?P<id>[\w/]+)\s*\}\}\s*$")  # builder/exercises
EXERCISE_INDEX = re.compile(r"^[ \t]*\{\{\s*exercise-index\s*\}\}\s*$")
T = TypeVar("T")
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Reference:
    path: str
    cell: str
    page: str  # where it stands, e.g. docs/ko/operations.md
    line: int
    indent: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def fenced(markdown: str) -> Iterator[tuple[int, str, str]]:
    """Each line of a page as (number, line, kind): "open" for a code fence that starts a block, "code" for the
    lines inside and the closing fence, "text" for the rest. As in CommonMark, a block ends at a fence of the same
    character, at least as long, with nothing after it."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = FENCE.match(line)
        if fence is None:
            if match:
                fence = match["fence"]
                yield number, line, "open"
            else:
                yield number, line, "text"
            continue
        if match:
            marker = match["fence"]
            if marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker) :].strip():
                fence = None
        yield number, line, "code"


def directive_lines(
    markdown: str, page: str, exact: re.Pattern[str], name: str, form: str
) -> Iterator[tuple[int, re.Match[str]]]:
    """(line number, match) of each `{{ name ... }}` line outside code blocks that `exact` reads; a line that only
    looks like one raises SnippetError naming the page and line, with `form` as what to write instead."""
    loose = re.compile(r"\{\{\s*" + name + r"(?![\w-])")  # not a longer name: exercise-index
    for number, line, kind in fenced(markdown):
        if kind != "text":
            continue
        if match := exact.match(line):
            yield number, match
        elif loose.search(line):
            raise SnippetError(
                f"{page}:{number}",
                f"cannot read the {name} reference {line.strip()!r}",
                f"write it on a line of its own as {form}",
            )


def find_references(markdown: str, page: str) -> list[Reference]:
    """Every reference in a page, in order; a malformed one raises SnippetError naming the page and line."""
    lines = directive_lines(markdown, page, REFERENCE, "snippet", "{{ snippet folder/file.py#cell }}")
    return [Reference(m["path"], m["cell"], page, number, m["indent"]) for number, m in lines]


def in_folder(folder: Path, label: str, find: Callable[[str, str], list[T]]) -> list[T]:
    """What `find(markdown, page)` finds in every page under `folder`, each page named `label/relative/path.md`."""
    found: list[T] = []
    for page in sorted(folder.rglob("*.md")):
        found += find(page.read_text(encoding="utf-8"), f"{label}/{page.relative_to(folder).as_posix()}")
    return found


def references_in_folder(folder: Path, label: str) -> list[Reference]:
    """References of every page under `folder`, each page named `label/relative/path.md`."""
    return in_folder(folder, label, find_references)
