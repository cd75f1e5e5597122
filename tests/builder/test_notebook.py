"""Companion notebooks: prose and executed cells in page order, links that work outside the site."""

from __future__ import annotations

import nbformat

from builder.notebook import RAISES, page_notebook, site_links
from builder.outcome import CellOutcome
from builder.references import find_references
from cell_runner import CellError, CellResult

ERROR = CellError("RuntimeError", "builtins.RuntimeError", "bad", "RuntimeError: bad", 1, 1, None, None)

PAGE = """# Tensors { #tensors }

See [operations](operations.md#view) and [home](index.md).

{{ snippet t.py#make }}

After the cell.
"""


def test_cells_follow_the_page_and_carry_outputs() -> None:
    outcome = CellOutcome(CellResult("tensor([1.])\n", None))
    notebook = page_notebook(
        PAGE,
        find_references(PAGE, "docs/en/tensors.md"),
        lambda ref: ("x", outcome),
        "en",
        site_links("https://example.org/en/", "tensors.md"),
    )
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds == ["markdown", "code", "markdown"]
    assert notebook.cells[0].source == (
        '# Tensors <a id="tensors"></a>\n\nSee [operations](https://example.org/en/operations/#view) and [home](https://example.org/en/).'
    )
    assert notebook.cells[1].outputs[0]["text"] == "tensor([1.])\n"


def test_errors_become_error_outputs() -> None:
    outcome = CellOutcome(CellResult("", ERROR))
    notebook = page_notebook(PAGE, find_references(PAGE, "p.md"), lambda ref: ("x", outcome), "en")
    assert notebook.cells[1].outputs[0]["output_type"] == "error"
    assert notebook.cells[1].outputs[0]["ename"] == "RuntimeError"


def test_links_from_nested_pages() -> None:
    rewrite = site_links("https://example.org/", "guide/deep.md")
    assert rewrite("[a](../tensors.md) [b](other.md#x)") == (
        "[a](https://example.org/tensors/) [b](https://example.org/guide/other/#x)"
    )


def _notebook(page: str = PAGE, error: CellError | None = None):
    outcome = CellOutcome(CellResult("tensor([1.])\n", error))
    return page_notebook(page, find_references(page, "docs/en/tensors.md"), lambda ref: ("x", outcome), "en")


def test_cell_ids_are_fixed_so_rebuilds_are_byte_identical() -> None:
    first, second = nbformat.writes(_notebook()), nbformat.writes(_notebook())
    assert first == second
    assert [cell.id for cell in _notebook().cells] == ["cell-0", "cell-1", "cell-2"]


def test_headings_keep_their_explicit_ids_and_code_spans() -> None:
    page = "# Tensors { #tensors }\n\n### The `torch.Tensor` class { #tensor-class }\n\n{{ snippet t.py#make }}\n"
    source = _notebook(page).cells[0].source
    assert source == '# Tensors <a id="tensors"></a>\n\n### The `torch.Tensor` class <a id="tensor-class"></a>'


def test_only_cells_that_raise_carry_the_raises_exception_tag() -> None:
    assert _notebook(error=ERROR).cells[1].metadata["tags"] == [RAISES]
    assert "tags" not in _notebook().cells[1].metadata
