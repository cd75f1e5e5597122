"""Companion notebooks: prose and executed cells in page order, links that work outside the site."""

from __future__ import annotations

from builder.notebook import page_notebook, site_links
from builder.references import find_references

PAGE = """# Tensors { #tensors }

See [operations](operations.md#view) and [home](index.md).

{{ snippet t.py#make }}

After the cell.
"""


def test_cells_follow_the_page_and_carry_outputs() -> None:
    outcome = {"output": "tensor([1.])\n", "error": None}
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
        "# Tensors\n\nSee [operations](https://example.org/en/operations/#view) and [home](https://example.org/en/)."
    )
    assert notebook.cells[1].outputs[0]["text"] == "tensor([1.])\n"


def test_errors_become_error_outputs() -> None:
    error = {"type": "RuntimeError", "message": "bad", "last_line": "RuntimeError: bad"}
    outcome = {"output": "", "error": error}
    notebook = page_notebook(PAGE, find_references(PAGE, "p.md"), lambda ref: ("x", outcome), "en")
    assert notebook.cells[1].outputs[0]["output_type"] == "error"
    assert notebook.cells[1].outputs[0]["ename"] == "RuntimeError"


def test_links_from_nested_pages() -> None:
    rewrite = site_links("https://example.org/", "guide/deep.md")
    assert rewrite("[a](../tensors.md) [b](other.md#x)") == (
        "[a](https://example.org/tensors/) [b](https://example.org/guide/other/#x)"
    )
