"""Jupyter's "Run All" on every companion notebook of the built site runs to the end with real torch: only the cells
tagged `raises-exception` raise, each with the error the page shows."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from builder.notebook import RAISES


def _notebooks(site: Path, language: str) -> list[Path]:
    base = site if language == "ko" else site / "en"
    return sorted((base / "notebooks").glob("*/*.ipynb"))


def _code(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def _error(cell: nbformat.NotebookNode) -> str | None:
    return next((o.ename for o in cell.outputs if o.output_type == "error"), None)


def test_both_languages_hold_the_same_code(built_site: Path) -> None:
    korean, english = _notebooks(built_site, "ko"), _notebooks(built_site, "en")
    assert [p.name for p in korean] == [p.name for p in english]
    assert korean
    for ko, en in zip(korean, english, strict=True):
        assert _code(nbformat.read(ko, as_version=4)) == _code(nbformat.read(en, as_version=4))


@pytest.mark.timeout(300)
def test_run_all_reaches_the_end_raising_only_where_tagged(built_site: Path) -> None:
    for path in _notebooks(built_site, "ko"):  # the English ones hold the same code (test above)
        built = nbformat.read(path, as_version=4)
        ran = nbformat.read(path, as_version=4)
        # allow_errors=False: like "Run All", an untagged error stops the run and fails the test.
        NotebookClient(ran, kernel_name="python3", timeout=120, allow_errors=False).execute(cwd=str(path.parent))
        for before, after in zip(built.cells, ran.cells, strict=True):
            if before.cell_type != "code":
                continue
            assert _error(after) == _error(before), f"{path.name} {before.id}: {before.source[:60]!r}"
            assert (RAISES in before.metadata.get("tags", [])) == (_error(before) is not None)
