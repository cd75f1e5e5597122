"""Shapes as rows of boxes, one per dimension, numbered: where squeeze removes and unsqueeze inserts a dimension
of size 1 (the `shape` kind), and the shape rule of `@` (the `matmul` kind)."""

from __future__ import annotations

from typing import Any

from builder.figures.svg import FONT, WIDTH, Canvas, shape_text, text_width
from builder.translations import Texts

BOX_W, BOX_H, GAP = 34, 26, 4


def changes(base: list[int], shape: list[int]) -> tuple[list[int], list[int]]:
    """(dims of `shape` that are new size-1 dims, dims of `base` of size 1 that are gone), matching the two
    shapes left to right; a reshape that is neither shows no change."""
    new, gone = [], []
    i = j = 0
    while i < len(base) or j < len(shape):
        if i < len(base) and j < len(shape) and base[i] == shape[j]:
            i, j = i + 1, j + 1
        elif j < len(shape) and shape[j] == 1 and len(shape) - j > len(base) - i:
            new.append(j)
            j += 1
        elif i < len(base) and base[i] == 1:
            gone.append(i)
            i += 1
        else:
            return [], []
    return new, gone


def _boxes(canvas: Canvas, x: float, y: float, shape: list[int], style: dict[int, str], numbers: bool) -> float:
    for d, size in enumerate(shape):
        left = x + d * (BOX_W + GAP)
        if numbers:
            canvas.text(left + BOX_W / 2, y - 3, str(d), "tfig-muted", "middle", 9)
        canvas.cell(left, y, BOX_W, BOX_H, str(size), "tfig-cell " + style.get(d, ""))
    return max(len(shape) * (BOX_W + GAP) - GAP, 0)


def draw_shape(data: dict[str, Any], say: Texts) -> tuple[Canvas, float, float, list[str]]:
    canvas = Canvas()
    tensors = data["tensors"]
    label_w = max(text_width(t["label"]) for t in tensors) + 12
    base = tensors[0]["shape"]
    y, sentences = 12.0, []
    width: float = WIDTH
    for t, tensor in enumerate(tensors):
        new, gone = changes(base, tensor["shape"]) if t else ([], [])
        canvas.text(0, y + BOX_H / 2 + FONT * 0.35, tensor["label"], "tfig-label")
        style = dict.fromkeys(new, "tfig-on")
        row = _boxes(canvas, label_w, y, tensor["shape"], style, True)
        if not tensor["shape"]:
            canvas.text(label_w, y + BOX_H / 2 + FONT * 0.35, "()", "tfig-text")
        note = ""
        if new:
            note = say("figure.shape.new")
        if gone:
            note = (note + " · " if note else "") + say("figure.shape.removed", dims=", ".join(map(str, gone)))
        if note:
            canvas.text(label_w + row + 8, y + BOX_H / 2 + 4, note, "tfig-muted", size=10)
            width = max(width, label_w + row + 8 + text_width(note, 10))
        width = max(width, label_w + row)
        change = say("figure.shape.desc_new", dims=", ".join(map(str, new))) if new else ""
        change += say("figure.shape.desc_removed", dims=", ".join(map(str, gone))) if gone else ""
        sentences.append(
            say("figure.shape.desc", label=tensor["label"], shape=shape_text(tensor["shape"]), change=change)
        )
        y += BOX_H + 18
    return canvas, width, y - 16, sentences


def _contracted(shape: list[int], left: bool) -> int | None:
    if not shape:
        return None
    return len(shape) - 1 if left or len(shape) == 1 else len(shape) - 2


def draw_matmul(data: dict[str, Any], say: Texts) -> tuple[Canvas, float, float, list[str]]:
    canvas = Canvas()
    y, sentences = 0.0, []
    width: float = WIDTH
    for product in data["products"]:
        canvas.text(0, y + FONT, product["label"], "tfig-label")
        y += FONT + 16
        x = 0.0
        bad = product["error"] is not None
        for side, is_left in ((product["left"], True), (product["right"], False)):
            shape = side["shape"]
            style = dict.fromkeys(range(max(len(shape) - 2, 0)), "tfig-missing")  # batch dims
            if (k := _contracted(shape, is_left)) is not None:
                style[k] = "tfig-clash" if bad else "tfig-on"
            x += _boxes(canvas, x, y, shape, style, True) + 6
            if is_left:
                canvas.text(x + 4, y + BOX_H / 2 + FONT * 0.35, "@", "tfig-label")
                x += 20
        canvas.text(x + 2, y + BOX_H / 2 + FONT * 0.35, "→", "tfig-label")
        x += 22
        if bad:
            canvas.text(x, y + BOX_H / 2 + 4, say("figure.matmul.fails"), "tfig-clash-text", size=10)
            x += text_width(say("figure.matmul.fails"), 10)
            result = say("figure.matmul.fails")
        elif product["result"]:
            x += _boxes(canvas, x, y, product["result"], {}, True)
            result = shape_text(product["result"])
        else:
            canvas.text(x, y + BOX_H / 2 + FONT * 0.35, say("figure.matmul.scalar"), "tfig-text")
            x += text_width(say("figure.matmul.scalar"))
            result = "()"
        width = max(width, x)
        sentences.append(
            say(
                "figure.matmul.desc",
                label=product["label"],
                left=shape_text(product["left"]["shape"]),
                right=shape_text(product["right"]["shape"]),
                result=result,
            )
        )
        y += BOX_H + 14
    return canvas, width, y - 12, sentences
