"""The parity corpus and the gradient checks, run by npgrad inside Pyodide 0.27.7 under Node (offline),
compared with the text real torch prints on CPython."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from corpus_runner import run_cells
from programs import ROOT, all_programs, compare

RUNNER = Path(__file__).resolve().parent / "pyodide" / "run.mjs"


@pytest.fixture(scope="module")
def pyodide_results() -> dict:
    node = shutil.which("node")
    assert node, "Node is needed for the Pyodide tests (scripts/setup installs the toolchain)"
    assert (ROOT / "build" / "pyodide" / "pyodide-lock.json").exists(), (
        "build/pyodide is missing: run .venv/bin/python scripts/vendor_pyodide.py (scripts/setup does)"
    )
    request = {"programs": [{"name": p.name, "cells": p.cells} for p in all_programs()]}
    proc = subprocess.run(
        [node, str(RUNNER), "--corpus"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout)


def test_runs_on_the_pinned_pyodide(pyodide_results: dict) -> None:
    assert pyodide_results["python"].startswith("3.12.")
    assert pyodide_results["numpy"] == "2.0.2"


def test_corpus_prints_what_torch_prints(pyodide_results: dict) -> None:
    import torch

    torch.set_num_threads(1)
    problems = []
    for program in all_programs():
        reference = run_cells(program.cells, torch, program.name)
        found = compare(reference, pyodide_results["results"][program.name])
        problems.extend(f"{program.name}: {p}" for p in found)
    assert not problems, "\n".join(problems)


def test_gradients_match_finite_differences(pyodide_results: dict) -> None:
    assert pyodide_results["gradcheck_failures"] == []
