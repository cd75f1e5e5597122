"""Matrix products in Pyodide, where npgrad computes large float32 ones with a WebAssembly SIMD kernel
(sandbox/kernels/) and the others, or all of them when the kernel is missing, with numpy routes (einsum instead
of numpy's BLAS-less matmul loop): forward and backward agree with torch on CPython on every route, the results
come back C-contiguous like torch's, and each product takes the route it should."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch
from programs import ROOT

RUNNER = Path(__file__).resolve().parents[2] / "sandbox" / "web" / "node_pyodide.mjs"  # the one Node harness

# (rows, inner, cols, dtype) of y = x @ w.T with w of shape (cols, inner), as in a linear layer, each run with
# the kernel and without: W1's two layers are float32 and large enough for the kernel (without it, einsum and
# numpy's matmul); float64 always takes einsum, the smallest product always numpy's matmul.
CASES = [(64, 784, 128, "float32"), (96, 70, 40, "float64"), (64, 128, 10, "float32"), (5, 3, 4, "float32")]

# y = a @ b where a and b are expressions of the leaves A and B (built from seeded normal values times scale),
# and the number of the three products (y, then A's and B's gradients) that must take the kernel.
KERNEL_CASES = [
    # name, A's shape, a, B's shape, b, dtype, scale, kernel calls
    ("edges not multiples of the 4x8 block, b transposed", (67, 129), "A", (45, 129), "B.T", "float32", 1.0, 3),
    ("a transposed", (300, 70), "A.T", (300, 50), "B", "float32", 1.0, 3),
    ("one row", (1, 1000), "A", (300, 1000), "B.T", "float32", 1.0, 3),
    # a single column is a matrix-vector product, numpy's, and so is B's gradient; A's is the kernel's
    ("one column", (1000, 300), "A", (300, 1), "B", "float32", 1.0, 1),
    ("non-contiguous slices", (140, 300), "A[::2, 10:250]", (300, 100), "B[30:270, ::2]", "float32", 1.0, 3),
    ("large values", (64, 200), "A", (200, 72), "B", "float32", 1e15, 3),
    ("large enough to grow the kernel's memory", (2, 4096), "A", (4096, 512), "B", "float32", 1.0, 3),
    ("float64 stays on numpy", (64, 784), "A", (128, 784), "B.T", "float64", 1.0, 0),
    ("small float32 stays on numpy", (8, 16), "A", (16, 8), "B", "float32", 1.0, 0),
]

PROGRAM = r"""
import json, sys
import numpy as np
import npgrad
from npgrad.ops import linalg

out = {"kernel_loaded": linalg._kernel is not None, "einsum_path": linalg._mm is not np.matmul}
kernel = linalg._kernel
calls = []


def counted(*args):
    calls.append(1)
    return kernel(*args)


def leaf(shape, dtype, scale, seed):
    values = np.random.default_rng(seed).standard_normal(shape) * scale
    return npgrad.tensor(values.astype(dtype), requires_grad=True)


def results(y, leaves):
    arrays = [y.detach()] + [t.grad for t in leaves]
    return {"values": [t.numpy().tolist() for t in arrays], "contiguous": [t.is_contiguous() for t in arrays],
            "dtype": str(y.dtype)}


linalg._kernel = counted
out["linear"] = {}
for route in ("kernel", "numpy"):
    if route == "numpy":
        linalg._kernel = None  # as in a browser where the kernel failed to load
    cases = []
    for m, k, n, dtype in CASES:
        rng = np.random.default_rng(m * k * n)
        x, w, g = (npgrad.tensor(rng.standard_normal(s).astype(dtype)) for s in ((m, k), (n, k), (m, n)))
        x.requires_grad_()
        w.requires_grad_()
        y = x @ w.T
        y.backward(g)
        cases.append(results(y, [x, w]))
    out["linear"][route] = cases

linalg._kernel = counted
out["cases"] = []
for i, (name, a_shape, a_expr, b_shape, b_expr, dtype, scale, _) in enumerate(KERNEL_CASES):
    A, B = leaf(a_shape, dtype, scale, 2 * i), leaf(b_shape, dtype, scale, 2 * i + 1)
    del calls[:]
    y = eval(a_expr, {"A": A}) @ eval(b_expr, {"B": B})
    y.backward(npgrad.ones_like(y))
    out["cases"].append(dict(results(y, [A, B]), kernel_calls=len(calls)))

# Rows and columns added to reach whole blocks read whatever the kernel's memory holds past the operands (here
# what a product full of NaN left there): it must never reach the result.
nan = np.full((64, 1024), np.nan, np.float32)
linalg._mm(nan, nan.T)
x, w = (np.random.default_rng(7).standard_normal(s).astype(np.float32) for s in ((61, 333), (333, 93)))
after_nan = linalg._mm(x, w)
out["after_nan"] = {"finite": bool(np.isfinite(after_nan).all()),
                    "error": float(np.abs(after_nan - (x.astype(np.float64) @ w)).max())}

# When the kernel cannot grow its memory it answers false, and the product is computed by numpy instead
linalg._kernel = lambda *args: False
refused = linalg._mm(x, w)
out["refused"] = {"contiguous": bool(refused.flags.c_contiguous),
                  "error": float(np.abs(refused - (x.astype(np.float64) @ w)).max())}
print("RESULT" + json.dumps(out))
"""


# The JS glue alone, on stand-ins for numpy arrays: a product whose operands could never fit in a 32-bit memory
# (4 GiB) is declined (false) before anything is read, and every buffer view taken is released.
DECLINE = """
import { compileKernel } from "./sandbox/kernels/compile.mjs";
import { loadMatmulKernel } from "./sandbox/kernels/matmul.js";
const { matmul } = await loadMatmulKernel(await compileKernel());
const views = [];
const array = (shape) => ({
  getBuffer: () => {
    const view = { shape, ndim: 2, itemsize: 4, format: "f", offset: 0, c_contiguous: true, f_contiguous: false,
                   released: false, release() { this.released = true; },
                   get data() { throw new Error("data read"); } };
    views.push(view);
    return view;
  },
});
const done = matmul(array([65536, 32768]), array([32768, 8]), array([65536, 8]));
process.stdout.write(JSON.stringify({ done, views: views.length, released: views.every((v) => v.released) }));
"""


def test_the_kernel_declines_a_product_its_memory_cannot_hold() -> None:
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", DECLINE], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout) == {"done": False, "views": 1, "released": True}


def _inputs(m: int, k: int, n: int, dtype: str) -> tuple:
    rng = np.random.default_rng(m * k * n)
    return tuple(rng.standard_normal(shape).astype(dtype) for shape in ((m, k), (n, k), (m, n)))


@pytest.fixture(scope="module")
def pyodide_products() -> dict:
    node = shutil.which("node")
    assert node, "Node is needed for the Pyodide tests (scripts/setup installs the toolchain)"
    code = f"CASES = {CASES!r}\nKERNEL_CASES = {KERNEL_CASES!r}\n" + PROGRAM
    proc = subprocess.run(
        [node, str(RUNNER), "--code", "-"], input=code, capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT"))
    return json.loads(line[6:])


def _assert_matches(got: dict, expected: list, dtype: str, terms: int, scale: float = 1.0) -> None:
    """``got`` (y, then the two gradients) against torch's; the gradients flow from ``scale``-sized values times
    upstream gradients of about 1, y from products of two such values, each a sum of at most ``terms`` products."""
    # float32 sums may round differently between algorithms, by a few units in the last place of the largest terms
    eps = 1e-5 if dtype == "float32" else 1e-12
    for name, want, values, unit in zip(
        ("y", "grad a", "grad b"), expected, got["values"], (scale * scale, scale, scale), strict=True
    ):
        want = want.detach().numpy()
        atol = eps * terms**0.5 * unit
        np.testing.assert_allclose(np.array(values, dtype=want.dtype), want, rtol=2 * eps, atol=atol, err_msg=name)
    assert got["dtype"] == str(expected[0].dtype)
    assert got["contiguous"] == [True, True, True]


def test_pyodide_has_the_kernel_and_the_einsum_path(pyodide_products: dict) -> None:
    assert pyodide_products["kernel_loaded"]
    assert pyodide_products["einsum_path"]


@pytest.mark.parametrize("route", ["kernel", "numpy"])
@pytest.mark.parametrize("case", range(len(CASES)))
def test_linear_layer_products_and_gradients_match_torch(pyodide_products: dict, case: int, route: str) -> None:
    m, k, n, dtype = CASES[case]
    xs, ws, gs = _inputs(m, k, n, dtype)
    x = torch.tensor(xs, requires_grad=True)
    w = torch.tensor(ws, requires_grad=True)
    y = x @ w.T
    y.backward(torch.tensor(gs))
    _assert_matches(pyodide_products["linear"][route][case], [y, x.grad, w.grad], dtype, max(m, k, n))


@pytest.mark.parametrize("case", range(len(KERNEL_CASES)), ids=[c[0] for c in KERNEL_CASES])
def test_kernel_cases_match_torch_and_take_their_route(pyodide_products: dict, case: int) -> None:
    _name, a_shape, a_expr, b_shape, b_expr, dtype, scale, kernel_calls = KERNEL_CASES[case]
    leaves = []
    for seed, shape in ((2 * case, a_shape), (2 * case + 1, b_shape)):
        values = np.random.default_rng(seed).standard_normal(shape) * scale
        leaves.append(torch.tensor(values.astype(dtype), requires_grad=True))
    a, b = eval(a_expr, {"A": leaves[0]}), eval(b_expr, {"B": leaves[1]})
    y = a @ b
    y.backward(torch.ones_like(y))
    got = pyodide_products["cases"][case]
    _assert_matches(got, [y, leaves[0].grad, leaves[1].grad], dtype, max(*a.shape, b.shape[1]), scale)
    assert got["kernel_calls"] == kernel_calls


def test_block_padding_never_reaches_the_result(pyodide_products: dict) -> None:
    after = pyodide_products["after_nan"]
    assert after["finite"]
    assert after["error"] < 1e-3


def test_a_kernel_that_cannot_grow_leaves_the_product_to_numpy(pyodide_products: dict) -> None:
    refused = pyodide_products["refused"]
    assert refused["contiguous"]
    assert refused["error"] < 1e-3
