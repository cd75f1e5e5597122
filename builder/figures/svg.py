"""A small SVG writer: elements as strings with fixed number formatting, so the same data give the same bytes.

Figures use the monospace code font at FONT px, so widths can be estimated from the text; colours come from CSS
classes (`tfig-*`, styled in the site's stylesheet with the theme's variables), with presentation attributes
as a fallback where no stylesheet applies (a downloaded notebook).
"""

from __future__ import annotations

import html
import unicodedata

FONT = 12  # px of the figures' text; on a 390 px phone the figures are drawn about 1:1
SMALL = 10
CHAR = 0.6  # width of a monospace character in em
WIDTH = 360  # the width every figure is designed to fit: a phone's text column
ARROW = "ARROW"  # the marker an arrow ends with; svg() gives it the figure's own id


def number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width: wide (Hangul, CJK) characters take a whole em, others CHAR em."""
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else CHAR for c in text)
    return ems * size


def shape_text(shape: list[int]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else "(" + ", ".join(str(n) for n in shape) + ")"


class Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def rect(self, x: float, y: float, w: float, h: float, cls: str, rx: float = 2) -> None:
        self.parts.append(
            f'<rect x="{number(x)}" y="{number(y)}" width="{number(w)}" height="{number(h)}" rx="{number(rx)}" '
            f'class="{cls}" fill="none" stroke="currentColor"/>'
        )

    def text(
        self, x: float, y: float, text: str, cls: str = "tfig-text", anchor: str = "start", size: float = FONT
    ) -> None:
        self.parts.append(
            f'<text x="{number(x)}" y="{number(y)}" class="{cls}" text-anchor="{anchor}" font-size="{number(size)}"'
            f' fill="currentColor">{esc(text)}</text>'
        )

    def path(self, d: str, cls: str, marker: str | None = None) -> None:
        end = f' marker-end="url(#{marker})"' if marker else ""
        self.parts.append(f'<path d="{d}" class="{cls}" fill="none" stroke="currentColor"{end}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, cls: str, marker: str | None = None) -> None:
        self.path(f"M{number(x1)} {number(y1)}L{number(x2)} {number(y2)}", cls, marker)

    def cell(self, x: float, y: float, w: float, h: float, value: str, cls: str, text_cls: str = "tfig-text") -> None:
        """A box with a value centred in it."""
        self.rect(x, y, w, h, cls)
        self.text(x + w / 2, y + h / 2 + FONT * 0.35, value, text_cls, "middle")


def svg(canvas: Canvas, width: float, height: float, figure_id: str, title: str, desc: str) -> str:
    """The whole <svg> element: sized to its content, scaled down (never up past 1.5x) by the stylesheet."""
    marker = (
        f'<defs><marker id="{figure_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="tfig-arrow" '
        f'fill="currentColor"/></marker></defs>'
    )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tfig-svg" viewBox="0 0 {number(width)} {number(height)}" '
        f'width="{number(width)}" height="{number(height)}" role="img" '
        f'aria-labelledby="{figure_id}-title {figure_id}-desc" font-family="monospace">'
        f'<title id="{figure_id}-title">{esc(title)}</title><desc id="{figure_id}-desc">{esc(desc)}</desc>'
    )
    body = "".join(canvas.parts).replace("url(#ARROW)", f"url(#{figure_id}-arrow)")  # see ARROW
    return head + marker + body + "</svg>"
