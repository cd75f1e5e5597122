"""The autograd graph: torch's backward nodes (square) between the output and its leaves (rounded), leaves with
their shapes and, after backward(), their gradients. Laid out by builder.figures.layout."""

from __future__ import annotations

from typing import Any

from builder.figures.layout import layout, path
from builder.figures.svg import ARROW, FONT, WIDTH, Canvas, shape_text, text_width
from builder.translations import Texts

LINE = 16
PAD = 8
GRAPH_GAP = 28


def _lines(node: dict[str, Any], say: Texts) -> list[str]:
    if node["kind"] == "fn":
        return [node["label"]]
    lines = [f"{node['label']} {shape_text(node['shape'])}"]
    if "grad_shape" in node:
        values = "[" + ", ".join(node["grad"]) + "]" if node.get("grad") is not None else None
        if values is not None and len(node["grad_shape"]) == 0:
            values = node["grad"][0]
        lines.append(say("figure.graph.grad", values=values or shape_text(node["grad_shape"])))
    return lines


def node_size(lines: list[str]) -> tuple[float, float]:
    return max(text_width(line) for line in lines) + 2 * PAD, len(lines) * LINE + 12


def draw(data: dict[str, Any], say: Texts) -> tuple[Canvas, float, float, list[str]]:
    canvas = Canvas()
    y0, width, sentences = 0.0, 0.0, []
    for graph in data["graphs"]:
        texts = [_lines(node, say) for node in graph["nodes"]]
        sizes = [node_size(lines) for lines in texts]
        laid = layout(sizes, [tuple(e) for e in graph["edges"]])
        dx = max((WIDTH - laid.width) / 2, 0)
        for _, _, points in laid.routes:
            shifted = [(x + dx, y + y0) for x, y in points]
            canvas.path(path(shifted), "tfig-edge", ARROW)
        for node, lines, (w, h) in zip(graph["nodes"], texts, sizes, strict=True):
            x, y = laid.x[str(node["id"])] + dx, laid.y[str(node["id"])] + y0
            kind = node["kind"]
            canvas.rect(x, y, w, h, f"tfig-node tfig-{kind}", 2 if kind == "fn" else 12)
            for k, line in enumerate(lines):
                cls = "tfig-muted" if k else "tfig-text"
                canvas.text(x + w / 2, y + 6 + LINE * k + FONT, line, cls, "middle")
        width = max(width, laid.width + 2 * dx)
        y0 += laid.height + GRAPH_GAP
        leaves = []
        for node in graph["nodes"]:
            if node["kind"] == "leaf":
                grad = ""
                if "grad_shape" in node:
                    grad = say("figure.graph.leaf_grad", grad=_lines(node, say)[1].split(" ", 1)[1])
                leaves.append(say("figure.graph.leaf", label=node["label"], shape=shape_text(node["shape"]), grad=grad))
        names = [n["label"] for n in graph["nodes"] if n["kind"] == "fn"]
        sentences.append(
            say("figure.graph.desc", label=graph["label"], nodes=", ".join(names), leaves="; ".join(leaves) or "—")
        )
    return canvas, max(width, WIDTH), y0 - GRAPH_GAP, sentences
