"""npgrad's WebAssembly SIMD matmul kernel in the sandbox: `npm run build` compiles it from its source into the
boot files, and in the page (Chromium) a large float32 product takes it and agrees with numpy, while a damaged
kernel leaves the sandbox working on numpy's routes with a warning, not an error (the page fixture fails a test
on any console error)."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_helpers import ROOT, make_site, page_opener, reader_moves, tamper

# How many products took the kernel, and how far the result is from numpy's float64 product.
PRODUCT = """import numpy as np
import torch
from npgrad.ops import linalg

calls = []
kernel = linalg._kernel
if kernel is not None:
    linalg._kernel = lambda *args: calls.append(args) or kernel(*args)
rng = np.random.default_rng(0)
x = rng.standard_normal((67, 300)).astype(np.float32)
w = rng.standard_normal((45, 300)).astype(np.float32)
y = torch.tensor(x) @ torch.tensor(w).T
linalg._kernel = kernel
error = np.abs(y.numpy() - x.astype(np.float64) @ w.T.astype(np.float64)).max()
print(f"kernel calls {len(calls)}, error {error:.1e}")"""
BOOT_MS = 60_000
COMPILE = """import { compileKernel } from "./sandbox/kernels/compile.mjs";
process.stdout.write(Buffer.from(await compileKernel()).toString("hex"));"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cells = [{"name": "product", "code": PRODUCT, "sandbox": True}]
    return make_site(
        tmp_path_factory.mktemp("kernel") / "site",
        {"playground/index.html": {"playground": True, "file": "playground/kernel.py", "cells": cells}},
    )


@pytest.fixture
def run_product(browser: object) -> Iterator:
    """run_product(site) -> (output of the product cell, console warnings); fails on console errors."""
    with page_opener(browser) as open_site:

        def run(root: Path) -> tuple[str, list[str]]:
            watched = open_site(root)
            warnings: list[str] = []
            watched.page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
            watched.page.goto(watched.origin + "playground/")
            reader_moves(watched.page)
            cell = watched.page.locator(".sbx-cell").first
            cell.locator(".sbx-run").click()
            watched.page.wait_for_function(
                "['done', 'error', 'stopped', 'lost', 'load-error'].includes("
                "document.querySelector('.sbx-cell')?.dataset.state)",
                timeout=BOOT_MS,
            )
            assert cell.get_attribute("data-state") == "done", cell.locator(".sbx-output").text_content()
            return cell.locator(".sbx-output").text_content(), warnings

        yield run


def test_the_build_lists_the_kernel_compiled_from_its_source() -> None:
    boot = ROOT / "build" / "web" / "boot"
    assert (boot / "boot.json").is_file(), "run `npm run build` first"
    entry = json.loads((boot / "boot.json").read_text())["kernel"]
    packed = (boot / entry["file"]).read_bytes()
    assert hashlib.sha256(packed).hexdigest() == entry["sha256"]
    assert len(packed) == entry["bytes"]
    compiled = subprocess.run(
        ["node", "--input-type=module", "-e", COMPILE], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
    )
    assert gzip.decompress(packed) == bytes.fromhex(compiled.stdout), "stale build: run `npm run build`"
    assert len(bytes.fromhex(compiled.stdout)) == entry["size"]


def _calls_and_error(output: str) -> tuple[int, float]:
    found = re.fullmatch(r"kernel calls (\d+), error (\S+)\n", output)
    assert found, output
    return int(found[1]), float(found[2])


def test_a_large_float32_product_takes_the_kernel_and_matches_numpy(run_product: object, site: Path) -> None:
    output, warnings = run_product(site)
    calls, error = _calls_and_error(output)
    assert calls == 1
    assert error < 1e-3  # float32 sums of 300 products of normal values: a few units in the 6th digit
    assert not [w for w in warnings if "kernel" in w]


def test_a_damaged_kernel_leaves_products_to_numpy(run_product: object, site: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "site"
    shutil.copytree(site, damaged)
    tamper(damaged, "kernel")  # fails its checksum: never instantiated
    output, warnings = run_product(damaged)
    calls, error = _calls_and_error(output)
    assert calls == 0
    assert error < 1e-3
    assert [w for w in warnings if "SIMD matmul kernel is unusable" in w], warnings
