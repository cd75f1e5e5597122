"""torch's random numbers in Pyodide 0.27.7 (under Node, offline): npgrad draws there, bit for bit, what torch
draws on CPython (numpy's MT19937 and float arithmetic are the same in WebAssembly; for the double-precision
Box-Muller's sin and cos, whose C library differs, npgrad rounds quad-precision values, see npgrad/sampling.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import torch
from programs import ROOT
from random_cases import draw_all

RUNNER = Path(__file__).resolve().parents[2] / "sandbox" / "web" / "node_pyodide.mjs"  # the one Node harness
PROGRAM = """
import json, npgrad
from random_cases import draw_all
print("RESULT" + json.dumps(draw_all(npgrad)))
"""


def test_pyodide_draws_what_torch_draws() -> None:
    node = shutil.which("node")
    assert node, "Node is needed for the Pyodide tests (scripts/setup installs the toolchain)"
    proc = subprocess.run(
        [node, str(RUNNER), "--code", "-"], input=PROGRAM, capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT"))
    ours = json.loads(line[len("RESULT") :])
    ref = json.loads(json.dumps(draw_all(torch)))  # the same JSON round trip (tuples become lists)
    assert len(ours) == len(ref)
    assert [k for k in ref if ours[k] != ref[k]] == []
