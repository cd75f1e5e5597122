"""The parity corpus and the gradient checks, run by npgrad inside Pyodide 0.27.7 under Node (offline),
compared with the text real torch prints on CPython."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from corpus_runner import run_cells
from programs import ROOT, compare, corpus_programs

RUNNER = ROOT / "sandbox" / "web" / "node_pyodide.mjs"  # the one Node harness


@pytest.fixture(scope="module")
def pyodide_results() -> dict:
    node = shutil.which("node")
    assert node, "Node is needed for the Pyodide tests (scripts/setup installs the toolchain)"
    assert (ROOT / "build" / "pyodide" / "pyodide-lock.json").exists(), (
        "build/pyodide is missing: run .venv/bin/python scripts/vendor_pyodide.py (scripts/setup does)"
    )
    request = {"programs": [{"name": p.name, "cells": p.cells} for p in corpus_programs()]}
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
    for program in corpus_programs():
        reference = run_cells(program.cells, torch, program.name)
        found = compare(reference, pyodide_results["results"][program.name])
        problems.extend(f"{program.name}: {p}" for p in found)
    assert not problems, "\n".join(problems)


def test_gradients_match_finite_differences(pyodide_results: dict) -> None:
    assert pyodide_results["gradcheck_failures"] == []


@pytest.fixture(scope="module")
def pyodide_beginner_results() -> dict:
    from beginner_corpus import segments

    request = {"programs": [{"name": name, "cells": [[name, code]]} for name, code in segments()]}
    proc = subprocess.run(
        [shutil.which("node") or "node", str(RUNNER), "--corpus"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return {name: cells[0] for name, cells in json.loads(proc.stdout)["results"].items()}


def test_beginner_segments_have_no_silent_difference_or_crash(pyodide_beginner_results: dict) -> None:
    import torch
    from beginner_corpus import run

    torch.set_num_threads(1)
    report = run(torch, None, pyodide_beginner_results)
    print(report.text())
    assert not report.crashed, report.text()
    assert {name for name, _, _ in report.silent} == set(PLATFORM_DIFFERENCES), report.text()


# Differences that come from Pyodide's numpy, not from npgrad; the test fails when one of them goes away too.
PLATFORM_DIFFERENCES = {
    # numpy's default integer is 32-bit on wasm32, so np.array([[1, 2], [3, 4]]) is int32 there; from_numpy keeps
    # the array's dtype (and shares its memory, which the segment shows), so the tensor is int32 too
    "tensors/from-numpy": "numpy's default integer on wasm32",
}
