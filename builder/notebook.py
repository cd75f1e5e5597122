"""A chapter page as a companion notebook: its prose as Markdown cells, its snippet cells as code cells with the
outputs the build already produced (nothing runs a second time)."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from builder.cache import write_atomically
from builder.exercises.render import for_notebook as exercises_for_notebook
from builder.outcome import CellOutcome
from builder.references import Reference, find_references

HEADING_ID = re.compile(r"\s*\{\s*#(?P<id>[\w-]+)\s*\}\s*$")
PAGE_LINK = re.compile(r"\]\((?P<target>[\w./-]+\.md)(?P<anchor>#[\w-]+)?\)")
# The tag Jupyter's "Run All" (and nbclient) honour: an error in such a cell is expected and does not stop the run.
RAISES = "raises-exception"


def site_links(site_url: str, page: str) -> Callable[[str], str]:
    """Rewrite links between pages (`operations.md#view`) as absolute site URLs: a downloaded notebook has no
    neighbours to link to, and the rendered notebook lives at another depth than its chapter."""

    def rewrite(text: str) -> str:
        def absolute(match: re.Match[str]) -> str:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), match["target"]))
            url = "" if target == "index.md" else target.removesuffix("index.md").removesuffix(".md") + "/"
            return f"]({site_url.rstrip('/')}/{url.removeprefix('/')}{match['anchor'] or ''})"

        return PAGE_LINK.sub(absolute, text)

    return rewrite


def heading_anchor(line: str) -> str:
    """A Markdown heading's `{ #id }` as an anchor Jupyter understands: Jupyter does not know attr_list (the braces
    would show as text), and the page's links and table of contents point at these ids, not at Jupyter's own
    slugs of the heading text (which drop Hangul)."""
    found = HEADING_ID.search(line)
    if not line.startswith("#") or found is None:
        return line
    return f'{line[: found.start()]} <a id="{found["id"]}"></a>'


def _markdown_cell(lines: list[str], links: Callable[[str], str]) -> Any | None:
    text = "\n".join(heading_anchor(line) for line in lines).strip()
    return nbformat.v4.new_markdown_cell(links(text)) if text else None


def _code_cell(code: str, outcome: CellOutcome, count: int) -> Any:
    outputs = []
    if outcome.output:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=outcome.output))
    if (error := outcome.error) is not None:
        shown = {"ename": error.type, "evalue": error.message, "traceback": [error.last_line]}
        outputs.append(nbformat.v4.new_output("error", **shown))
    cell = nbformat.v4.new_code_cell(code, execution_count=count, outputs=outputs)
    if error is not None:
        cell.metadata["tags"] = [RAISES]
    return cell


def page_notebook(
    markdown: str,
    references: list[Reference],
    cell_for: Callable[[Reference], tuple[str, CellOutcome] | None],
    language: str,
    links: Callable[[str], str] = lambda text: text,
) -> Any:
    """Build the notebook from a page body (front matter removed).

    `cell_for` gives (code, outcome) for a reference, or None where the cell failed (the build reports that)."""
    lines = markdown.split("\n")
    cells: list[Any] = []
    start = 0
    count = 0
    for reference in references:
        if (cell := _markdown_cell(lines[start : reference.line - 1], links)) is not None:
            cells.append(cell)
        start = reference.line
        if (found := cell_for(reference)) is not None:
            count += 1
            cells.append(_code_cell(*found, count))
    if (cell := _markdown_cell(lines[start:], links)) is not None:
        cells.append(cell)
    for index, cell in enumerate(cells):
        # nbformat draws a random id for each new cell: fixed ones keep the file byte-identical across builds, so
        # mkdocs-jupyter's cache (keyed on the file's content) hits and Jupyter sees an unchanged notebook.
        cell.id = f"cell-{index}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update(
        {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "language": language,
        }
    )
    nbformat.validate(notebook)
    return notebook


_written: dict[Path, tuple[str, str]] = {}  # destination -> (inputs' hash, text) of the notebooks this process wrote


def write_page_notebook(pages: Any, body: str, page: str, destination: Path, site_url: str) -> None:
    """Write the companion notebook of a page body, rewriting the file only when its content changed."""

    def looked_up(reference: Reference) -> tuple[str, CellOutcome] | None:
        found = pages.outcome(reference)
        if isinstance(found, str):
            return None
        snippet, outcome = found
        return snippet.cell(reference.cell).code, outcome

    source = page.split("/", 2)[-1]  # docs/<language>/<path> -> <path>
    references = find_references(body, page)
    cells = {reference: looked_up(reference) for reference in references}
    # The same inputs give the same notebook: a preview's rebuild after an edit elsewhere skips nbformat (whose
    # validation of every cell and output is most of a notebook's cost).
    inputs = [body, page, pages.language, site_url]
    inputs += [None if found is None else [found[0], found[1].to_json()] for found in cells.values()]
    key = hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()
    if (known := _written.get(destination)) is not None and known[0] == key and _holds(destination, known[1]):
        return
    notebook = page_notebook(body, references, cells.__getitem__, pages.language, site_links(site_url, source))
    text = nbformat.writes(notebook)
    _written[destination] = (key, text)
    if not _holds(destination, text):
        destination.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(destination, text)


def _holds(path: Path, text: str) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == text


def write_companion_notebook(
    pages: Any, content: str, src_uri: str, exercises: Path, folder: Path, site_url: str | None
) -> str | None:
    """If the page `src_uri` (its file's `content`, front matter included) says `notebook: true`, write its companion
    notebook, figures and exercises included, under `folder`; return its path there (``notebooks/<page>.ipynb``),
    else None."""
    body, meta = get_data(content)
    if meta.get("notebook") is not True:
        return None
    if site_url is None:
        raise PluginError("a companion notebook links to the site's pages: mkdocs.yml needs site_url")
    name = f"notebooks/{Path(src_uri).with_suffix('.ipynb').as_posix()}"
    page = f"docs/{pages.language}/{src_uri}"
    body = pages.with_figures(body, page)  # a notebook shows the figures too
    body = exercises_for_notebook(body, page, exercises, pages.language)
    write_page_notebook(pages, body, page, folder / name, site_url)
    return name
