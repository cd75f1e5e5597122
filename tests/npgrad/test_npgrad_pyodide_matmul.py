"""Matrix products in Pyodide, where npgrad computes large ones with einsum instead of numpy's BLAS-less matmul
loop: forward and backward agree with torch on CPython, with and without the einsum path, and come back
C-contiguous like torch's results."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch
from programs import ROOT

RUNNER = Path(__file__).resolve().parent / "pyodide" / "run.mjs"

# (rows, inner, cols, dtype): the first two take the einsum path, the others stay on matmul
CASES = [(64, 784, 128, "float32"), (96, 70, 40, "float64"), (64, 128, 10, "float32"), (5, 3, 4, "float32")]

PROGRAM = r"""
import json, sys
import numpy as np
import npgrad
from npgrad.ops import linalg

out = {"einsum_path": linalg._mm is not np.matmul, "cases": []}
for m, k, n, dtype in CASES:
    rng = np.random.default_rng(m * k * n)
    x = npgrad.tensor(rng.standard_normal((m, k)).astype(dtype), requires_grad=True)
    w = npgrad.tensor(rng.standard_normal((n, k)).astype(dtype), requires_grad=True)
    g = npgrad.tensor(rng.standard_normal((m, n)).astype(dtype))
    y = x @ w.T  # w.T: a transposed view, as in a linear layer
    y.backward(g)
    out["cases"].append({
        "y": y.detach().numpy().tolist(), "gx": x.grad.numpy().tolist(), "gw": w.grad.numpy().tolist(),
        "dtype": str(y.dtype), "contiguous": [t.is_contiguous() for t in (y, x.grad, w.grad)],
    })
print("RESULT" + json.dumps(out))
"""


def _inputs(m: int, k: int, n: int, dtype: str) -> tuple:
    rng = np.random.default_rng(m * k * n)
    return tuple(rng.standard_normal(shape).astype(dtype) for shape in ((m, k), (n, k), (m, n)))


@pytest.fixture(scope="module")
def pyodide_products() -> dict:
    node = shutil.which("node")
    assert node, "Node is needed for the Pyodide tests (scripts/setup installs the toolchain)"
    code = f"CASES = {CASES!r}\n" + PROGRAM
    proc = subprocess.run(
        [node, str(RUNNER), "--code", "-"], input=code, capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT"))
    return json.loads(line[6:])


def test_pyodide_takes_the_einsum_path(pyodide_products: dict) -> None:
    assert pyodide_products["einsum_path"]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_products_and_gradients_match_torch(pyodide_products: dict, case: int) -> None:
    m, k, n, dtype = CASES[case]
    got = pyodide_products["cases"][case]
    xs, ws, gs = _inputs(m, k, n, dtype)
    x = torch.tensor(xs, requires_grad=True)
    w = torch.tensor(ws, requires_grad=True)
    y = x @ w.T
    y.backward(torch.tensor(gs))
    # float32 sums of k products may round differently between algorithms, by a few units in the last place
    rtol, atol = (2e-5, 1e-5 * k**0.5) if dtype == "float32" else (1e-12, 1e-12 * k**0.5)
    for name, expected in (("y", y), ("gx", x.grad), ("gw", w.grad)):
        np.testing.assert_allclose(np.array(got[name]), expected.detach().numpy(), rtol=rtol, atol=atol, err_msg=name)
    assert got["dtype"] == str(y.dtype)
    assert got["contiguous"] == [True, True, True]
