"""Beginner-style segments (tests/npgrad/beginner), each run alone under torch and under npgrad and sorted:
same text, a clear refusal (npgrad names what it leaves out), a silent difference or a raw crash.

Pure Python (no pytest), so the classification can also run on results from Pyodide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corpus_runner import run_cells

FOLDER = Path(__file__).resolve().parent / "beginner"


def segments() -> list:
    """[name, code] for every cell of every file in the folder."""
    from builder.snippet_file import parse_snippet

    found = []
    for path in sorted(FOLDER.glob("*.py")):
        for cell in parse_snippet(f"../tests/npgrad/beginner/{path.name}", path.read_text()).cells:
            found.append([f"{path.stem}/{cell.name}", cell.code])
    return found


def is_refusal(error: str | None) -> bool:
    """npgrad's refusals say that npgrad (the sandbox's torch) lacks the feature."""
    return error is not None and "npgrad" in error


@dataclass
class Report:
    same: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (name, message)
    silent: list = field(default_factory=list)  # (name, torch's text, npgrad's text)
    noticed: list = field(default_factory=list)  # (name, places) a difference the sandbox announces (fidelity.py)
    crashed: list = field(default_factory=list)  # (name, torch's error or None, npgrad's error)

    def text(self) -> str:
        total = len(self.same) + len(self.refused) + len(self.noticed) + len(self.silent) + len(self.crashed)
        lines = [
            f"{total} segments: {len(self.same)} print what torch prints, {len(self.refused)} refused clearly, "
            f"{len(self.noticed)} differ with the sandbox's notice, {len(self.silent)} silent differences, "
            f"{len(self.crashed)} raw crashes"
        ]
        lines += [f"  refused  {name}: {msg}" for name, msg in self.refused]
        lines += [f"  noticed  {name}: {', '.join(places)}" for name, places in self.noticed]
        lines += [f"  SILENT   {name}:\n    torch : {a!r}\n    npgrad: {b!r}" for name, a, b in self.silent]
        lines += [f"  CRASH    {name}: torch {a!r}, npgrad {b!r}" for name, a, b in self.crashed]
        return "\n".join(lines)


def classify(name: str, ref: dict, got: dict, report: Report) -> None:
    if ref["output"] == got["output"] and ref["error"] == got["error"]:
        report.same.append(name)
    elif is_refusal(got["error"]) and ref["output"].startswith(got["output"]):
        report.refused.append((name, got["error"]))
    elif got["error"] is None and ref["error"] is None and got.get("inexact"):
        report.noticed.append((name, got["inexact"]))
    elif got["error"] is None and ref["error"] is None:
        report.silent.append((name, ref["output"], got["output"]))
    elif got["error"] is None:
        # torch raised and npgrad printed something instead
        report.silent.append((name, f"{ref['output']}{ref['error']}", got["output"]))
    else:
        report.crashed.append((name, ref["error"], got["error"]))


def run(torch: object, npgrad: object, npgrad_results: dict | None = None) -> Report:
    """Each segment alone under torch, and under npgrad (or npgrad's results from elsewhere, by name)."""
    report = Report()
    for name, code in segments():
        ref = run_cells([[name, code]], torch, name)[0]
        got = npgrad_results[name] if npgrad_results is not None else run_cells([[name, code]], npgrad, name)[0]
        classify(name, ref, got, report)
    return report


if __name__ == "__main__":
    import torch

    import npgrad

    torch.set_num_threads(1)
    print(run(torch, npgrad).text())
