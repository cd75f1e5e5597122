"""A tensor drawn as a grid of cells: a 1-D tensor is one row, a 2-D one a matrix, more dimensions are the
matrices of the last two stacked top to bottom."""

from __future__ import annotations

from collections.abc import Callable
from math import prod

from builder.figures.svg import SMALL, Canvas

SLICE_GAP = 6


def _rows_cols(shape: list[int]) -> tuple[int, int, int]:
    """(slices, rows per slice, columns)."""
    if not shape:
        return 1, 1, 1
    if len(shape) == 1:
        return 1, 1, shape[0]
    return prod(shape[:-2]), shape[-2], shape[-1]


def grid_size(shape: list[int], cw: float, ch: float) -> tuple[float, float]:
    slices, rows, cols = _rows_cols(shape)
    return max(cols, 1) * cw, slices * max(rows, 1) * ch + (slices - 1) * SLICE_GAP


def draw_grid(
    canvas: Canvas,
    x: float,
    y: float,
    shape: list[int],
    cw: float,
    ch: float,
    cell: Callable[[int], tuple[str, str, str | None]],
) -> None:
    """`cell(i)` for the i-th element in row-major order gives (value, css class, small corner label or None)."""
    _slices, rows, cols = _rows_cols(shape)
    for i in range(prod(shape)):
        s, rest = divmod(i, rows * cols)
        r, c = divmod(rest, cols)
        left, top = x + c * cw, y + s * (rows * ch + SLICE_GAP) + r * ch
        value, cls, corner = cell(i)
        canvas.cell(left, top, cw, ch, value, cls)
        if corner is not None:
            canvas.text(left + 2, top + SMALL, corner, "tfig-muted", "start", SMALL - 2)
