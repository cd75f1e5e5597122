"""The one check that lesson cells print under npgrad what real torch printed for the build: every snippet cell
marked as sandbox-compatible, run by the browser's runner (src/runner.py, on sandbox/cell_runner) with npgrad, in
Pyodide under Node (the engine from the site's zip, set up as the browser's worker does) and under CPython, gives
the build's output and the build's error, field by field. Cells marked sandbox="no", and files that need CUDA, are
listed with their reasons."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_helpers import ROOT, runner

from builder import sandbox_assets
from builder.cache import cache_folder
from builder.pages import shared_executor
from builder.snippet_file import SnippetFile, load_snippet
from cell_runner import CellResult

SNIPPETS = ROOT / "snippets"
HARNESS = ROOT / "sandbox" / "web" / "node_pyodide.mjs"
Results = dict[str, dict[str, CellResult | None]]  # file -> cell -> result (None: the run stopped on a flood)


def lesson_files() -> list[SnippetFile]:
    return [load_snippet(SNIPPETS, p.relative_to(SNIPPETS).as_posix()) for p in sorted(SNIPPETS.rglob("*.py"))]


def sandbox_cells(files: list[SnippetFile]) -> dict[str, list[dict[str, str]]]:
    """The cells the browser offers to run, per file that does not need CUDA."""
    return {f.path: [{"name": c.name, "code": c.code} for c in f.cells if c.sandbox] for f in files if not f.needs_cuda}


def in_pyodide(cells: dict[str, list[dict[str, str]]], tmp_path: Path) -> Results:
    engine = tmp_path / "npgrad.zip"
    sandbox_assets.engine_zip(ROOT / sandbox_assets.ENGINE_PACKAGE, engine)
    request = {"engineZip": str(engine), "files": cells}
    done = subprocess.run(
        ["node", str(HARNESS), "--cells"], input=json.dumps(request), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)
    return {f: {c: None if r is None else CellResult.from_dict(r) for c, r in rs.items()} for f, rs in found.items()}


@pytest.fixture
def npgrad_as_torch(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`import torch` gives npgrad, as in the browser, until the test ends; then real torch again."""
    # sandbox/ first: tests/ is on sys.path too, where tests/npgrad would import as a namespace package
    monkeypatch.syspath_prepend(str(ROOT / "sandbox"))
    saved = runner.install_torch_alias("npgrad")
    try:
        yield
    finally:
        runner.restore_torch(saved)


def in_cpython(cells: dict[str, list[dict[str, str]]]) -> Results:
    import torch  # npgrad (npgrad_as_torch), imported before the session seeds it, as the worker does

    assert torch.__name__ == "npgrad"
    session = runner.Session()
    results: Results = {}
    for file, file_cells in cells.items():
        session.reset()  # each file in a fresh namespace, as the build runs it
        results[file] = {}
        for cell in file_cells:
            session.run(cell["code"], lambda kind, text: None)
            results[file][cell["name"]] = session.last
    return results


def mismatches(files: list[SnippetFile], torch_results: dict, npgrad_results: Results) -> tuple[int, list[str]]:
    """Every sandbox cell compared with torch's result: the printed text, and the error's type, message and shown
    line (what the page shows under the output)."""
    problems, compared = [], 0
    for snippet in files:
        if snippet.needs_cuda:
            continue
        torch_cells = torch_results[snippet.path].cells
        for cell in (c for c in snippet.cells if c.sandbox):
            where = f"snippets/{snippet.path}#{cell.name}"
            assert cell.name in torch_cells, f"{where}: the build did not run it"
            expected = torch_cells[cell.name].result
            got = npgrad_results[snippet.path][cell.name]
            compared += 1
            if got is None:
                problems.append(f"{where}: under npgrad it printed more than the sandbox's output limit")
            elif (got.output, describe(got)) != (expected.output, describe(expected)):
                problems.append(
                    f"{where}\n--- torch\n{expected.shown()}{describe(expected)}\n--- npgrad\n"
                    f"{got.shown()}{describe(got)}"
                )
    return compared, problems


def describe(result: CellResult) -> str:
    error = result.error
    return "" if error is None else f"(raised {error.type}: {error.message!r}; shown {error.last_line!r})\n"


@pytest.mark.parametrize("platform", [pytest.param("pyodide", marks=pytest.mark.pyodide), "cpython"])
def test_sandbox_cells_print_what_torch_printed(platform: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    files = lesson_files()
    incompatible = [
        (f"{f.path}#{c.name}", "needs CUDA" if f.needs_cuda else c.sandbox_reason)
        for f in files
        for c in f.cells
        if f.needs_cuda or not c.sandbox
    ]
    checked = [f for f in files if not f.needs_cuda]
    torch_results = shared_executor(cache_folder(ROOT)).run(checked)  # the build's outputs, from its cache
    cells = sandbox_cells(files)
    if platform == "pyodide":
        npgrad_results = in_pyodide(cells, tmp_path)
    else:
        request.getfixturevalue("npgrad_as_torch")
        npgrad_results = in_cpython(cells)

    print(f"\nsandbox-incompatible cells ({len(incompatible)}):")
    for name, reason in incompatible:
        print(f"  {name}: {reason}")
    compared, problems = mismatches(files, torch_results, npgrad_results)
    assert compared >= sum(len(c) for c in cells.values()) > 0
    assert not problems, (
        f"{len(problems)} of {compared} sandbox cells print differently under npgrad on {platform} (fix npgrad, or "
        f'mark the cell sandbox="no: reason"):\n\n' + "\n".join(problems)
    )
