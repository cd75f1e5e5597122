"""The parity corpus: our own programs, in the snippet files' format. (The lessons' cells have their own check,
tests/sandbox/test_sandbox_npgrad_matches_torch.py, against the build's torch outputs.)"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Program:
    name: str
    cells: list  # [name, code] pairs


def corpus_programs() -> list[Program]:
    """Our own programs, in the snippet files' format (``# %% name`` cells)."""
    from builder.snippet_file import parse_snippet

    programs = []
    for path in sorted(CORPUS.glob("*.py")):
        cells = parse_snippet(f"../tests/npgrad/corpus/{path.name}", path.read_text()).cells
        programs.append(Program(f"corpus/{path.name}", [[cell.name, cell.code] for cell in cells]))
    return programs


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
        if (ref["name"], ref["output"], ref["error"]) != (got["name"], got["output"], got["error"]):
            problems.append(describe(ref["name"], ref, got))
    if len(reference) != len(results):
        problems.append(f"ran {len(results)} cells, torch ran {len(reference)}")
    return problems
