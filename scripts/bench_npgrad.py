"""Benchmark npgrad against torch (1 thread) on three workloads, and npgrad on Pyodide against CPython.

W1  2-layer MLP forward+backward (batch 64, 784->128->10, relu, MSE), per iteration
W2  a chain of 1,000 elementwise ops on 10-element tensors, then backward, per op
W3  the seed example ``Q = 3*a**3 - b**2; Q.backward(gradient=torch.ones(2))``, per iteration
W1mm (no target) W1's two large products alone, x @ w1 and x.T @ g: how much of W1 is the BLAS's speed
W4  (no target) a beginner's training loop: nn.Linear(10, 1), MSELoss and optim.SGD on 64 samples, 200 steps,
    per step

Usage: .venv/bin/python scripts/bench_npgrad.py [--no-pyodide] [--quick] [--matmul]
The Pyodide part needs Node and build/pyodide/ (scripts/vendor_pyodide.py).
--matmul times W1's matrix products by several numpy routes instead, on CPython and on Pyodide (whose numpy has
no BLAS), and on Pyodide by npgrad's WebAssembly SIMD kernel too (sandbox/kernels/): the measurement behind
npgrad's choice of route per platform (npgrad/ops/linalg.py).
"""

from __future__ import annotations

import os

# one thread for numpy's BLAS too, so the comparison with torch.set_num_threads(1) is like for like
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from builder.pyodide_vendor import PYODIDE_VERSION  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Shared by both programs below (WORKLOADS and MATMUL), run on CPython and on Pyodide: median µs per call.
TIMING = r'''
import statistics
import time


def _batch(fn):
    """How many calls make one sample of at least ~5 ms."""
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - t0 > 0.005:
            return n
        n *= 2


def alternating_medians(calls, samples):
    """Median µs per call of each function in ``calls``; their samples alternate, so a busy machine slows them
    alike."""
    for fn in calls.values():
        fn()  # warm up: a first call can take milliseconds (torch's first backward does), and would make the batch 1
    reps = {name: _batch(fn) for name, fn in calls.items()}
    times = {name: [] for name in calls}
    for _ in range(samples):
        for name, fn in calls.items():
            n = reps[name]
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            times[name].append((time.perf_counter() - t0) / n * 1e6)
    return {name: statistics.median(t) for name, t in times.items()}
'''

WORKLOADS = (
    TIMING
    + r'''

def make_workloads(torch):
    torch.manual_seed(0)
    x = torch.randn(64, 784)
    y = torch.randn(64, 10)
    w1 = (torch.randn(784, 128) * 0.05).requires_grad_()
    b1 = torch.zeros(128, requires_grad=True)
    w2 = (torch.randn(128, 10) * 0.05).requires_grad_()
    b2 = torch.zeros(10, requires_grad=True)
    params = (w1, b1, w2, b2)

    def w1_mlp():
        h = (x @ w1 + b1).relu()
        out = h @ w2 + b2
        loss = ((out - y) ** 2).mean()
        loss.backward()
        for p in params:
            p.grad = None

    leaf = torch.randn(10, requires_grad=True)

    def w2_chain():
        z = leaf
        for i in range(250):
            z = z * 0.999
            z = z + leaf
            z = z.tanh()
            z = z - 0.01
        z.sum().backward()
        leaf.grad = None

    a = torch.tensor([2.0, 3.0], requires_grad=True)
    b = torch.tensor([6.0, 4.0], requires_grad=True)

    def w3_seed():
        Q = 3 * a ** 3 - b ** 2
        Q.backward(gradient=torch.ones(2))

    g = torch.randn(64, 128)

    def w1_products():  # not a target: W1's two large products alone, the part that is the BLAS's speed
        with torch.no_grad():
            x @ w1
            x.T @ g

    x4, y4 = torch.randn(64, 10), torch.randn(64, 1)

    def w4_training():
        model = torch.nn.Linear(10, 1)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        loss_fn = torch.nn.MSELoss()
        for _ in range(200):
            optimizer.zero_grad()
            loss = loss_fn(model(x4), y4)
            loss.backward()
            optimizer.step()

    # (function, repeats, divisor to get the reported unit)
    return {"W1": (w1_mlp, 1), "W1mm": (w1_products, 1), "W2": (w2_chain, 1000), "W3": (w3_seed, 1),
            "W4": (w4_training, 200)}


def measure(engines, quick=False):
    """Median time per unit for each engine and workload, engines alternating."""
    loads = {name: make_workloads(mod) for name, mod in engines.items()}
    results = {name: {} for name in engines}
    for work in next(iter(loads.values())):
        calls = {name: loads[name][work][0] for name in engines}
        medians = alternating_medians(calls, 7 if quick else 21)
        for name in engines:
            results[name][work] = medians[name] / loads[name][work][1]
    return results
'''
)

# W1's products, each by several numpy routes; median µs per product
MATMUL = (
    TIMING
    + r"""
import json
import numpy as np

asc = np.ascontiguousarray
ROUTES = {
    "a @ b": lambda a, b: a @ b,
    "np.dot": np.dot,
    "C @ F copies": lambda a, b: asc(a) @ np.asfortranarray(b),
    "einsum, contraction contiguous": lambda a, b: np.einsum("ij,kj->ik", asc(a), asc(b.T)),
    "einsum, output rows contiguous": lambda a, b: np.einsum("ij,jk->ik", a, asc(b)),
}
try:  # Pyodide only: the WebAssembly SIMD kernel that node_pyodide.mjs registers (sandbox/kernels/), as npgrad calls it
    from _npgrad_kernels import matmul as kernel

    def by_kernel(a, b):
        out = np.empty((a.shape[0], b.shape[1]), np.float32)
        kernel(a, b, out)  # a and b are C- or Fortran-contiguous, as the kernel needs
        return out

    ROUTES["wasm simd kernel"] = by_kernel
except ImportError:
    pass
rng = np.random.default_rng(0)
x, w, g = (rng.standard_normal(s).astype(np.float32) for s in ((64, 784), (784, 128), (64, 128)))
h, w2, g2 = (rng.standard_normal(s).astype(np.float32) for s in ((64, 128), (128, 10), (64, 10)))
PRODUCTS = {"x @ w1": (x, w), "x.T @ g": (x.T, g), "g @ w1.T": (g, w.T), "h @ w2": (h, w2), "h.T @ g2": (h.T, g2),
            "g2 @ w2.T": (g2, w2.T)}
table = {}
for name, (a, b) in PRODUCTS.items():
    calls = {route: (lambda f=f: f(a, b)) for route, f in ROUTES.items()}
    table[name] = alternating_medians(calls, 9)
print("RESULT" + json.dumps(table))
"""
)

UNITS = {"W1": "µs/iter", "W1mm": "µs/iter", "W2": "µs/op", "W3": "µs/iter", "W4": "µs/step"}
TARGETS = {"W1": 1.0, "W2": 1.0, "W3": 0.5}


def run_pyodide(code: str) -> dict | None:
    """Run ``code`` in Pyodide under Node; it prints one line ``RESULT<json>``."""
    index = ROOT / "build" / "pyodide"
    runner = ROOT / "sandbox" / "web" / "node_pyodide.mjs"
    if not (index / "pyodide-lock.json").exists():
        print("Pyodide: build/pyodide is missing (run scripts/vendor_pyodide.py); skipped")
        return None
    proc = subprocess.run(
        ["node", str(runner), "--code", "-"], input=code, capture_output=True, text=True, cwd=ROOT, timeout=900
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT"):
            return json.loads(line[6:])
    print("Pyodide run failed:\n" + proc.stdout[-2000:] + proc.stderr[-2000:])
    return None


def matmul_routes(pyodide: bool) -> None:
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(MATMUL, namespace)
    cpy = json.loads(printed.getvalue().strip()[6:])
    pyo = run_pyodide(MATMUL) if pyodide else None
    print(f"W1's float32 products, median µs; CPython {sys.version.split()[0]} numpy {namespace['np'].__version__}")
    print(f"{'product':10} {'route':32} {'CPython':>9} {'Pyodide':>9}")
    for name, routes in cpy.items():
        for route in {**routes, **(pyo[name] if pyo else {})}:  # Pyodide has one more: the SIMD kernel
            here = f"{routes[route]:9.1f}" if route in routes else f"{'-':>9}"
            there = f"{pyo[name][route]:9.0f}" if pyo else f"{'-':>9}"
            print(f"{name:10} {route:32} {here} {there}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-pyodide", action="store_true", help="skip the Pyodide (Node) measurement")
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    parser.add_argument("--matmul", action="store_true", help="time W1's matrix products by several numpy routes")
    args = parser.parse_args()
    if args.matmul:
        matmul_routes(not args.no_pyodide)
        return

    import torch

    import npgrad

    torch.set_num_threads(1)
    namespace: dict = {}
    exec(WORKLOADS, namespace)
    both = namespace["measure"]({"torch": torch, "npgrad": npgrad}, args.quick)
    ref, ours = both["torch"], both["npgrad"]
    print(
        f"CPython {sys.version.split()[0]}, torch {torch.__version__} (1 thread), numpy "
        f"{__import__('numpy').__version__}"
    )
    print(f"{'workload':8} {'unit':8} {'torch':>10} {'npgrad':>10} {'ratio':>7} {'target':>7}")
    for name in ref:
        ratio = ours[name] / ref[name]
        target = TARGETS.get(name)
        if target is None:
            verdict = f"{'-':>7} " + ("(of W1: x @ w1 and x.T @ g)" if name == "W1mm" else "(nn.Linear + optim.SGD)")
        else:
            verdict = f"{'<=' + str(target):>7} {'ok' if ratio <= target else 'MISSED'}"
        print(f"{name:8} {UNITS[name]:8} {ref[name]:10.2f} {ours[name]:10.2f} {ratio:7.2f} {verdict}")
    if args.no_pyodide:
        return
    result = f"measure({{'npgrad': npgrad}}, {args.quick})['npgrad']"
    pyo = run_pyodide(WORKLOADS + f"\nimport json, npgrad\nprint('RESULT' + json.dumps({result}))\n")
    if pyo:
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        print(f"\nnpgrad on Pyodide {PYODIDE_VERSION} (Node {node}) vs CPython")
        print(f"{'workload':8} {'unit':8} {'CPython':>10} {'Pyodide':>10} {'ratio':>7} {'target':>7}")
        for name in ours:
            ratio = pyo[name] / ours[name]
            verdict = f"{'<=3':>7} {'ok' if ratio <= 3.0 else 'MISSED'}" if name in TARGETS else f"{'-':>7}"
            print(f"{name:8} {UNITS[name]:8} {ours[name]:10.2f} {pyo[name]:10.2f} {ratio:7.2f} {verdict}")


if __name__ == "__main__":
    main()
