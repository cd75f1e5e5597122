"""One cell's outcome as the build keeps it (in the cache, in GPU captures, for pages and notebooks): what the cell
runner gave (sandbox/cell_runner, shared with the browser), the figure data a page asked of the cell's state, and
for a CUDA file's cell the capture it is shown from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cell_runner import CellError, CellResult


@dataclass(frozen=True)
class CellOutcome:
    result: CellResult
    figures: dict[str, Any] | None = None  # figure key -> data; None when no page asked for a figure of this cell
    capture: dict[str, Any] | None = None  # a CUDA file's cell: {"state", "provenance"} of the capture it shows

    @property
    def output(self) -> str:
        return self.result.output

    @property
    def error(self) -> CellError | None:
        return self.result.error

    def shown(self) -> str:
        """What a reader sees under the code: the printed text, then the error's last line if it raised."""
        return self.result.shown()

    def to_json(self) -> dict[str, Any]:
        """As the cache and the captures store it (the capture note is the page's, not stored)."""
        data = self.result.to_json()
        return data if self.figures is None else {**data, "figures": self.figures}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CellOutcome:
        return cls(CellResult.from_dict(data), data.get("figures"))


NOT_RUN = CellOutcome(CellResult("", None))  # a cell shown without running (a build without execution)
