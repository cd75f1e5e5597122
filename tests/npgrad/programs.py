"""The parity corpus: our own programs plus every lesson snippet cell the sandbox can run."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
SNIPPETS = ROOT / "snippets"


@dataclass
class Program:
    name: str
    cells: list  # [name, code] pairs
    skipped: list = field(default_factory=list)  # "cell: reason" for cells left out


def corpus_programs() -> list[Program]:
    """Our own programs, in the snippet files' format (``# %% name`` cells)."""
    from builder.snippet_file import parse_snippet

    programs = []
    for path in sorted(CORPUS.glob("*.py")):
        cells = parse_snippet(f"../tests/npgrad/corpus/{path.name}", path.read_text()).cells
        programs.append(Program(f"corpus/{path.name}", [[cell.name, cell.code] for cell in cells]))
    return programs


def snippet_programs() -> list[Program]:
    """Each snippet file's cells up to its first sandbox-incompatible cell (later ones may need its state)."""
    if not SNIPPETS.is_dir():
        return []
    from builder.snippet_file import parse_snippet

    programs = []
    for path in sorted(SNIPPETS.rglob("*.py")):
        rel = path.relative_to(SNIPPETS).as_posix()
        snippet = parse_snippet(rel, path.read_text())
        if snippet.requires:
            continue
        cells, skipped = [], []
        for cell in snippet.cells:
            if skipped or not cell.sandbox:
                skipped.append(f"{cell.name}: {cell.sandbox_reason or 'after an incompatible cell'}")
            else:
                cells.append([cell.name, cell.code])
        if cells:
            programs.append(Program(f"snippets/{rel}", cells, skipped))
    return programs


def all_programs() -> list[Program]:
    return corpus_programs() + snippet_programs()


def describe(cell: str, ref: dict, got: dict) -> str:
    lines = [f"cell {cell!r} differs"]
    if ref["error"] != got["error"]:
        lines.append(f"  torch error : {ref['error']}\n  npgrad error: {got['error']}")
    if ref["output"] != got["output"]:
        diff = difflib.unified_diff(
            ref["output"].splitlines(), got["output"].splitlines(), "torch", "npgrad", lineterm=""
        )
        lines.extend("  " + d for d in diff)
    return "\n".join(lines)


def compare(reference: list, results: list) -> list[str]:
    problems = []
    for ref, got in zip(reference, results, strict=False):
        if ref != got:
            problems.append(describe(ref["name"], ref, got))
    if len(reference) != len(results):
        problems.append(f"ran {len(results)} cells, torch ran {len(reference)}")
    return problems
