"""Figure references in Markdown pages: a line of its own `{{ figure KIND path/to/file.py#cell ITEM; ITEM }}`.

Each ITEM is a Python expression evaluated in the cell's namespace right after the cell ran; what it may be depends
on the kind (see KINDS). Items are separated by `;`, which a Python expression cannot contain outside a string.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from builder.references import directive_lines, in_folder
from builder.snippet_file import SnippetError

FIGURE = re.compile(
    r"^(?P<indent>[ \t]*)\{\{\s*figure\s+(?P<kind>[a-z]+)\s+(?P<path>[\w./-]+\.py)#(?P<cell>[\w-]+)"
    r"\s+(?P<items>.*?)\s*\}\}\s*$"
)

# kind -> (what each item must be, how many items at most)
KINDS = {
    "storage": ("tensors, such as x; x.t(); x.t().contiguous()", 4),
    "broadcast": ("two or more tensors or shapes that are combined elementwise", 4),
    "index": ("indexing expressions such as t[:, 0]; t[t > 2]", 4),
    "shape": ("tensors whose shapes are compared with the first, such as x; x.unsqueeze(0)", 5),
    "matmul": ("matrix products written with @, such as A @ B", 4),
    "graph": ("tensors whose autograd graph is drawn, such as loss", 3),
}


@dataclass(frozen=True)
class FigureReference:
    kind: str
    path: str
    cell: str
    items: tuple[str, ...]
    page: str
    line: int
    indent: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def key(self) -> str:
        """What identifies the figure's data among a cell's figures (the same in every language)."""
        return f"{self.kind} {'; '.join(self.items)}"

    @property
    def request(self) -> dict[str, object]:
        return {"key": self.key, "kind": self.kind, "items": list(self.items)}


def _check_item(kind: str, item: str, where: str) -> None:
    try:
        tree = ast.parse(item, mode="eval").body
    except SyntaxError as err:
        raise SnippetError(where, f"figure item {item!r} is not a Python expression ({err.msg})") from None
    if kind == "index" and not isinstance(tree, ast.Subscript):
        raise SnippetError(where, f"figure item {item!r} is not an indexing expression", "write it as t[...]")
    if kind == "matmul" and not (isinstance(tree, ast.BinOp) and isinstance(tree.op, ast.MatMult)):
        raise SnippetError(where, f"figure item {item!r} is not a matrix product", "write it as A @ B")


def _parse(match: re.Match[str], page: str, number: int) -> FigureReference:
    where = f"{page}:{number}"
    kind = match["kind"]
    if kind not in KINDS:
        raise SnippetError(where, f"unknown figure kind {kind!r}", f"known kinds: {', '.join(KINDS)}")
    items = tuple(item.strip() for item in match["items"].split(";"))
    what, most = KINDS[kind]
    if not match["items"] or not all(items):
        raise SnippetError(where, f"a {kind} figure needs items after the cell", f"give {what}, separated by ';'")
    if len(items) > most:
        raise SnippetError(where, f"a {kind} figure draws at most {most} items, not {len(items)}", "split it in two")
    if kind == "broadcast" and len(items) < 2:
        raise SnippetError(where, "a broadcast figure needs at least two items", f"give {what}")
    for item in items:
        _check_item(kind, item, where)
    return FigureReference(kind, match["path"], match["cell"], items, page, number, match["indent"])


def find_figures(markdown: str, page: str) -> list[FigureReference]:
    """Every figure reference in a page, in order; a malformed one raises SnippetError naming the page and line."""
    form = f"{{{{ figure KIND folder/file.py#cell ITEM; ITEM }}}} (kinds: {', '.join(KINDS)})"
    return [_parse(match, page, number) for number, match in directive_lines(markdown, page, FIGURE, "figure", form)]


def figures_in_folder(folder: Path, label: str) -> list[FigureReference]:
    return in_folder(folder, label, find_figures)
