"""Figures in a language build: the requests the pages make of each snippet file, the checks that fail the build
(a missing cell, a name the cell does not define), and the page lines replaced by the drawings."""

from __future__ import annotations

from typing import Any

from builder.executor import FileResult
from builder.figures.references import KINDS, FigureReference, find_figures
from builder.figures.render import render_figure
from builder.snippet_file import SnippetError, SnippetFile


def requests(figures: list[FigureReference]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Per file and cell, the figures whose data its run must produce (each once, whichever pages ask)."""
    wanted: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for figure in figures:
        wanted.setdefault(figure.path, {}).setdefault(figure.cell, {})[figure.key] = figure.request
    return {path: {cell: list(by_key.values()) for cell, by_key in cells.items()} for path, cells in wanted.items()}


def problem(figure: FigureReference, snippet: SnippetFile, result: FileResult | None) -> SnippetError | None:
    """What keeps a figure from being drawn, said at the page line that asks for it; None if it can be."""
    source = f"snippets/{snippet.path}"
    if snippet.cell(figure.cell) is None:
        return SnippetError(
            figure.where,
            f"figure of {source}#{figure.cell}: that file has no cell '{figure.cell}'",
            f"cells there: {', '.join(c.name for c in snippet.cells)}",
        )
    if snippet.needs_cuda:
        return SnippetError(
            figure.where,
            f"figure of {source}#{figure.cell}: a CUDA file's outputs come from a GPU capture, which holds no figures",
            "draw the figure from a CPU snippet that makes the same tensors",
        )
    if result is None or figure.cell not in result.cells:
        return None  # not run (CUDA capture, or an earlier cell failed): reported for the snippet itself
    data = (result.cells[figure.cell].figures or {}).get(figure.key)
    if data is None:
        return SnippetError(figure.where, f"no figure data for {figure.key!r}", "rebuild; the cache entry is old")
    error = data.get("failed")
    if error is None:
        return None
    cell = snippet.cell(figure.cell)
    assert cell is not None, "the cell ran (its result has the figure data), so the file has it"
    at = f"{source}:{cell.line} (cell '{figure.cell}')"
    if error["problem"] == "name":
        defined = ", ".join(error["defined"]) or "none"
        return SnippetError(
            figure.where,
            f"figure item {error['item']!r} uses the name {error['name']!r}, which {at} does not define",
            f"define it in that cell, or draw one of the tensors it has: {defined}",
        )
    what, _ = KINDS[figure.kind]
    return SnippetError(
        figure.where,
        f"figure item {error['item']!r} after {at} {error['message']}",
        f"a {figure.kind} figure draws {what}; keep tensors small (at most 48 elements)",
    )


def render_figures(lines: list[str], markdown: str, page: str, data_for: Any, language: str, failure: Any) -> None:
    """Replace each figure line of `markdown` in `lines` by its drawing, or by `failure(message)`.

    `data_for(figure)` gives the figure's data, the message saying why there are none, or None to leave it out."""
    try:
        figures = find_figures(markdown, page)
    except SnippetError as error:
        lines.insert(0, failure(str(error), ""))
        return
    for number, figure in enumerate(figures, start=1):
        found = data_for(figure)
        if found is None:
            lines[figure.line - 1] = ""
        elif isinstance(found, str):
            lines[figure.line - 1] = failure(found, figure.indent)
        else:
            lines[figure.line - 1] = render_figure(figure, found, language, number)
