"""A figure as the HTML a page shows: an inline <svg> with a title and description, and a caption, in the
page's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from builder.figures import draw_broadcast, draw_graph, draw_index, draw_shapes, draw_storage
from builder.figures.references import FigureReference
from builder.figures.svg import esc, svg
from builder.translations import Texts, texts

Drawer = Callable[[dict[str, Any], Texts], tuple[Any, float, float, list[str]]]
DRAWERS: dict[str, Drawer] = {
    "storage": draw_storage.draw,
    "broadcast": draw_broadcast.draw,
    "index": draw_index.draw,
    "shape": draw_shapes.draw_shape,
    "matmul": draw_shapes.draw_matmul,
    "graph": draw_graph.draw,
}
MARGIN = 2


def figure_svg(
    kind: str, items: tuple[str, ...] | list[str], data: dict[str, Any], language: str, figure_id: str
) -> str:
    say = texts(language)
    canvas, width, height, sentences = DRAWERS[kind](data, say)
    title = say(
        f"figure.{kind}.title", items=", ".join(items)
    )  # every kind has one (tests/builder/test_translations.py)
    canvas.parts.insert(0, f'<g transform="translate({MARGIN} {MARGIN})">')
    canvas.parts.append("</g>")
    return svg(canvas, width + 2 * MARGIN, height + 2 * MARGIN, figure_id, title, " ".join(sentences))


def render_figure(reference: FigureReference, data: dict[str, Any], language: str, number: int) -> str:
    """The figure's HTML on one line per element (a Markdown raw-HTML block), indented like the reference."""
    figure_id = f"tfig-{number}"
    drawing = figure_svg(reference.kind, reference.items, data, language, figure_id)
    say = texts(language)
    caption = esc(say(f"figure.{reference.kind}.caption"))
    html = (
        f'<figure class="tfig tfig-{reference.kind}" data-figure="{esc(reference.path)}#{esc(reference.cell)}">'
        f'<div class="tfig-scroll">{drawing}</div><figcaption>{caption}</figcaption></figure>'
    )
    return f"\n{reference.indent}{html}\n"
