"""Storage and strides: each tensor's storage as a row of numbered cells (those the tensor uses shaded), and the
tensor's grid, each element marked with the storage cell it reads."""

from __future__ import annotations

from functools import partial
from typing import Any

from builder.figures.grid import draw_grid, grid_size
from builder.figures.svg import FONT, WIDTH, Canvas, shape_text, text_width
from builder.translations import Texts

CELL_W, CELL_H = 28, 22
GRID_W, GRID_H = 38, 26
PER_ROW = 12  # storage cells per row, so 12 x 28 fits the phone width


def letter(index: int) -> str:
    return chr(ord("A") + index)


def _grid_cell(tensor: dict[str, Any], i: int) -> tuple[str, str, str | None]:
    """Element i of the tensor's grid: its value, marked with the storage cell it reads."""
    return tensor["values"][i], "tfig-cell tfig-on", str(tensor["positions"][i])


def draw(data: dict[str, Any], say: Texts) -> tuple[Canvas, float, float, list[str]]:
    canvas = Canvas()
    y = 0.0
    sentences = []
    width: float = WIDTH
    for tensor in data["tensors"]:
        contiguous = say("figure.storage.contiguous") if tensor["contiguous"] else say("figure.storage.not_contiguous")
        facts = say(
            "figure.storage.facts",
            shape=shape_text(tensor["shape"]),
            stride=shape_text(tensor["stride"]),
            offset=tensor["offset"],
        )
        name = letter(tensor["storage"])
        canvas.text(0, y + FONT, tensor["label"], "tfig-label")
        beside = text_width(tensor["label"]) + 8
        if beside + text_width(facts) > WIDTH:  # too long for one line on a phone: the facts go below
            beside, y = 0, y + FONT + 6
        canvas.text(beside, y + FONT, facts, "tfig-text")
        width = max(width, beside + text_width(facts))
        y += FONT + 8
        canvas.text(0, y + FONT, f"{say('figure.storage.storage', letter=name)} · {contiguous}", "tfig-muted")
        y += FONT + 6
        stored = data["storages"][tensor["storage"]]["values"]
        used = set(tensor["positions"])
        for start in range(0, len(stored), PER_ROW):
            for i, value in enumerate(stored[start : start + PER_ROW]):
                position = start + i
                x = i * CELL_W
                canvas.text(x + CELL_W / 2, y + 9, str(position), "tfig-muted", "middle", 9)
                cls = "tfig-cell tfig-on" if position in used else "tfig-cell tfig-off"
                canvas.cell(x, y + 12, CELL_W, CELL_H, value, cls, "tfig-text" if position in used else "tfig-muted")
            y += CELL_H + 16
        # the grid, with the strides as the steps between neighbours
        shape, stride = tensor["shape"], tensor["stride"]
        left = 34.0
        top = y + 16
        if shape:
            canvas.text(left, y + 10, "→ " + say("figure.storage.step", n=stride[-1]), "tfig-muted", size=10)
        if len(shape) >= 2:
            canvas.text(0, top + GRID_H * 0.65, "↓", "tfig-muted", size=10)
            canvas.text(0, top + GRID_H * 0.65 + 12, say("figure.storage.step", n=stride[-2]), "tfig-muted", size=10)
        draw_grid(
            canvas,
            left,
            top,
            shape,
            GRID_W,
            GRID_H,
            partial(_grid_cell, tensor),
        )
        w, h = grid_size(shape, GRID_W, GRID_H)
        width = max(width, left + w)
        y = top + h + 22
        sentences.append(
            say(
                "figure.storage.desc",
                label=tensor["label"],
                shape=shape_text(shape),
                stride=shape_text(stride),
                offset=tensor["offset"],
                contiguous=contiguous,
                letter=name,
                positions=", ".join(str(p) for p in tensor["positions"]),
            )
        )
    return canvas, width, y - 14, sentences
