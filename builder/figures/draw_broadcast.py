"""Broadcasting: the shapes aligned from the right, one box per dimension; size-1 dimensions stretched to the
result's size, missing ones dashed, and the dimension torch refuses marked as a clash."""

from __future__ import annotations

from typing import Any

from builder.figures.svg import FONT, WIDTH, Canvas, shape_text, text_width
from builder.translations import Texts

BOX_W, BOX_H, GAP = 46, 28, 6


def draw(data: dict[str, Any], say: Texts) -> tuple[Canvas, float, float, list[str]]:
    canvas = Canvas()
    labels = [o["label"] for o in data["operands"]] + [say("figure.broadcast.result")]
    label_w = max(text_width(label) for label in labels) + 12
    rank = len(data["dims"])
    row_w = rank * (BOX_W + GAP) - GAP
    width = max(WIDTH, label_w + row_w)
    x0 = width - row_w  # right-aligned, like the rule
    y = 0.0
    for d in range(rank):  # dimension numbers counted from the right, as the rule reads them
        canvas.text(x0 + d * (BOX_W + GAP) + BOX_W / 2, y + 10, str(d - rank), "tfig-muted", "middle", 10)
    y += 16
    stretched = []
    for o, operand in enumerate(data["operands"]):
        canvas.text(0, y + BOX_H / 2 + FONT * 0.35, operand["label"], "tfig-label")
        for d, dim in enumerate(data["dims"]):
            size, result, x = dim["sizes"][o], dim["result"], x0 + d * (BOX_W + GAP)
            if size is None:  # counts as 1, so it is stretched like one
                grown = result not in (None, 1)
                canvas.cell(x, y, BOX_W, BOX_H, f"1→{result}" if grown else "1", "tfig-cell tfig-missing")
                if grown:
                    stretched.append(f"{operand['label']} {d - rank}: 1→{result}")
            elif dim["clash"] and size != 1:
                canvas.cell(x, y, BOX_W, BOX_H, str(size), "tfig-cell tfig-clash")
            elif size == 1 and result not in (None, 1):
                canvas.cell(x, y, BOX_W, BOX_H, f"1→{result}", "tfig-cell tfig-on")
                stretched.append(f"{operand['label']} {d - rank}: 1→{result}")
            else:
                canvas.cell(x, y, BOX_W, BOX_H, str(size), "tfig-cell")
        y += BOX_H + GAP
    canvas.line(x0, y + 2, x0 + row_w, y + 2, "tfig-rule")
    y += 8
    canvas.text(0, y + BOX_H / 2 + FONT * 0.35, say("figure.broadcast.result"), "tfig-label")
    clash = None
    for d, dim in enumerate(data["dims"]):
        x = x0 + d * (BOX_W + GAP)
        if dim["clash"]:
            clash = clash or (d - rank, [s for s in dim["sizes"] if s is not None])
            canvas.cell(x, y, BOX_W, BOX_H, "✗", "tfig-cell tfig-clash")
        else:
            canvas.cell(x, y, BOX_W, BOX_H, str(dim["result"]), "tfig-cell tfig-result")
    y += BOX_H
    shapes = ", ".join(shape_text(o["shape"]) for o in data["operands"])
    if data["result"] is not None:
        extra = say("figure.broadcast.desc_stretch", dims="; ".join(stretched)) if stretched else ""
        desc = say("figure.broadcast.desc_ok", shapes=shapes, result=shape_text(data["result"]), stretched=extra)
    else:
        y += 8
        canvas.text(0, y + FONT, say("figure.broadcast.fails"), "tfig-clash-text")
        y += FONT + 4
        dim, sizes = clash if clash else ("?", [])
        desc = say("figure.broadcast.desc_fail", shapes=shapes, dim=dim, sizes=", ".join(map(str, sizes)))
    return canvas, width, y + 2, [desc]
