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


# ---- printed numbers: npgrad's results in Pyodide against torch's, with the bounds CPython's npgrad is held to ----
PRINTED_PROGRAM = """
import base64, json
import numpy as np
import npgrad
from printed_cases import CASES, DTYPES, results
found = {}
for name, case in CASES.items():
    for dtype in DTYPES:
        arrays = [np.ascontiguousarray(r.numpy()) for r in results(case, np.dtype(dtype), npgrad)]
        found[name + " " + dtype] = base64.b64encode(b"".join(a.tobytes() for a in arrays)).decode()
print("RESULT" + json.dumps(found))
"""


def test_pyodide_prints_numbers_as_cpython_does() -> None:
    """The bounds of tests/npgrad/test_npgrad_printed_numbers.py hold in Pyodide too (its numpy has other float64
    exp, log, sin... than CPython's, which npgrad's float32 results are rounded from), and how many values differ
    from CPython's npgrad in their bits is printed (-s)."""
    import base64

    import numpy as np
    import torch
    from printed_cases import CASES, DTYPES, beyond_bounds, measure, results

    torch.set_num_threads(1)
    proc = subprocess.run(
        [shutil.which("node") or "node", str(RUNNER), "--code", "-"],
        input=PRINTED_PROGRAM,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT"))
    found = json.loads(line[len("RESULT") :])
    problems = []
    for name, case in CASES.items():
        for dtype in DTYPES:
            mine = [r.numpy() for r in results(case, np.dtype(dtype))]
            flat = np.frombuffer(base64.b64decode(found[f"{name} {dtype}"]), dtype=dtype)
            theirs, at = [], 0
            for m in mine:
                theirs.append(flat[at : at + m.size].reshape(m.shape))
                at += m.size
            assert at == flat.size
            same = np.concatenate([a.reshape(-1) for a in mine]).tobytes() == flat.tobytes()
            rates = measure(case, np.dtype(dtype), theirs)
            print(f"{name} {dtype}: bits {rates.bits:.4f} printed {rates.printed:.4f}, as CPython's: {same}")
            problems += beyond_bounds(name, dtype, rates)
    assert problems == []
