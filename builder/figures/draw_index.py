"""Indexing: the indexed tensor's grid with the selected elements shaded, the result beside it, and whether the
result is a view of the same storage or a copy."""

from __future__ import annotations

from functools import partial
from typing import Any

from builder.figures.grid import draw_grid, grid_size
from builder.figures.svg import ARROW, FONT, WIDTH, Canvas, shape_text, text_width
from builder.translations import Texts

CW, CH = 28, 24
GAP_W = 26
PANEL_GAP = 14


def _panel_size(panel: dict[str, Any], say: Texts) -> tuple[float, float]:
    bw, bh = grid_size(panel["base_shape"], CW, CH)
    rw, rh = grid_size(panel["shape"], CW, CH)
    kind = say("figure.index.view") if panel["view"] else say("figure.index.copy")
    tag = text_width(f"{kind} · {shape_text(panel['shape'])}", 10)
    w = max(bw + GAP_W + rw, text_width(panel["label"]), tag)
    return w, FONT + 6 + max(bh, rh) + 6 + 10 + 2


def _base_cell(panel: dict[str, Any], chosen: set[int], i: int) -> tuple[str, str, str | None]:
    """Element i of the indexed tensor, shaded when the index selects it."""
    return panel["base_values"][i], "tfig-cell tfig-on" if i in chosen else "tfig-cell tfig-off", None


def _result_cell(panel: dict[str, Any], i: int) -> tuple[str, str, str | None]:
    return panel["values"][i], "tfig-cell tfig-result", None


def draw(data: dict[str, Any], say: Texts) -> tuple[Canvas, float, float, list[str]]:
    canvas = Canvas()
    sizes = [_panel_size(p, say) for p in data["panels"]]
    column = max(w for w, _ in sizes)
    per_row = max(1, int((WIDTH + PANEL_GAP) // (column + PANEL_GAP)))
    width = max(WIDTH, per_row * (column + PANEL_GAP) - PANEL_GAP)
    sentences = []
    y = 0.0
    for start in range(0, len(data["panels"]), per_row):
        row = data["panels"][start : start + per_row]
        height = max(h for _, h in sizes[start : start + per_row])
        for k, panel in enumerate(row):
            x = k * (column + PANEL_GAP)
            canvas.text(x, y + FONT, panel["label"], "tfig-label")
            top = y + FONT + 6
            chosen = set(panel["selected"])
            draw_grid(
                canvas,
                x,
                top,
                panel["base_shape"],
                CW,
                CH,
                partial(_base_cell, panel, chosen),
            )
            bw, bh = grid_size(panel["base_shape"], CW, CH)
            canvas.line(x + bw + 4, top + CH / 2, x + bw + GAP_W - 4, top + CH / 2, "tfig-edge", ARROW)
            draw_grid(
                canvas,
                x + bw + GAP_W,
                top,
                panel["shape"],
                CW,
                CH,
                partial(_result_cell, panel),
            )
            rh = grid_size(panel["shape"], CW, CH)[1]
            kind = say("figure.index.view") if panel["view"] else say("figure.index.copy")
            tag = f"{kind} · {shape_text(panel['shape'])}"
            canvas.text(x, top + max(bh, rh) + 14, tag, "tfig-muted", size=10)
            sentences.append(
                say(
                    "figure.index.desc",
                    label=panel["label"],
                    base=panel["base"],
                    selected=", ".join(map(str, panel["selected"])),
                    shape=shape_text(panel["shape"]),
                    kind=kind,
                )
            )
        y += height + PANEL_GAP
    return canvas, width, y - PANEL_GAP, sentences
