"""Benchmark the browser sandbox in headless Chromium against a built site served on 127.0.0.1.

Prints medians over several runs of:
  cold   a fresh browser profile opens the playground and runs the first cell (page open -> first output)
  warm   the same with the HTTP cache warm (a new page in the same profile)
  rerun  a re-run of a small cell in a loaded sandbox (click -> done)
  bytes  what a lesson page downloads before any interaction, and whether any of it is Pyodide or numpy

Usage: .venv/bin/python scripts/bench_sandbox.py [--site build/site] [--runs 5] [--isolate]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from localweb import CHROMIUM_FLAGS, CROSS_ORIGIN_ISOLATION, chromium_executable, launch_chromium, serve_folder
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PYTHON_FILES = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.js", "numpy-", "python-snapshot")
DONE = "() => ['done', 'error'].includes(document.querySelector('.sbx-cell')?.dataset.state)"


def open_and_run(context: Any, url: str) -> float:
    """Seconds from navigation start to the first cell's first output."""
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(".sbx-run").first.click()
    page.wait_for_function("() => document.querySelector('.sbx-output')?.textContent.length > 0", timeout=120_000)
    elapsed = time.perf_counter() - started
    page.wait_for_function(DONE, timeout=60_000)
    page.close()
    return elapsed


def rerun_times(context: Any, url: str, runs: int) -> list[float]:
    """Milliseconds from a click on Run to the cell's result, measured inside the page."""
    page = context.new_page()
    page.goto(url)
    page.locator(".sbx-run").first.click()
    page.wait_for_function(DONE, timeout=120_000)
    page.locator(".sbx-cell .cm-content").first.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text("x = torch.tensor([1., 2.]) * 2\nx")
    times = []
    for _ in range(runs):
        times.append(
            page.evaluate("""() => new Promise((resolve) => {
            const cell = document.querySelector('.sbx-cell');
            cell.dataset.state = 'idle';
            const observer = new MutationObserver(() => {
              if (cell.dataset.state === 'done' || cell.dataset.state === 'error') {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(cell, { attributes: true });
            const start = performance.now();
            cell.querySelector('.sbx-run').click();
        })""")
        )
    page.close()
    return times


def lesson_bytes(browser: Any, url: str) -> tuple[int, int, list[str]]:
    """Bytes a lesson page downloads with no interaction, the Python part of them, and the Python files."""
    context = browser.new_context()
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # noqa: BLE001 - redirects and aborted responses have no body
            sizes.setdefault(response.url, 0)

    page = context.new_page()
    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(2000)
    context.close()
    python = [u for u in sizes if any(name in u for name in PYTHON_FILES)]
    return sum(sizes.values()), sum(sizes[u] for u in python), python


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--isolate", action="store_true", help="serve with COOP/COEP headers")
    parser.add_argument("--playground", default="playground/")
    parser.add_argument("--lesson", default="tensors/")
    args = parser.parse_args()
    executable = chromium_executable()
    load_before = os.getloadavg()[0]
    cold, warm = [], []
    with serve_folder(args.site, CROSS_ORIGIN_ISOLATION if args.isolate else None) as base, sync_playwright() as p:
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as profile:
                context = p.chromium.launch_persistent_context(profile, executable_path=executable, args=CHROMIUM_FLAGS)
                cold.append(open_and_run(context, base + args.playground))
                warm.append(open_and_run(context, base + args.playground))
                context.close()
        browser = launch_chromium(p)
        context = browser.new_context()
        rerun = rerun_times(context, base + args.playground, max(args.runs, 10))
        context.close()
        total, python, files = lesson_bytes(browser, base + args.lesson)
        browser.close()
    # Timings on a 2-core machine depend heavily on what else runs: report the load so figures can be compared.
    print(
        f"site {args.site} ({'cross-origin isolated' if args.isolate else 'plain headers'}), {args.runs} runs, "
        f"1-minute load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after, {os.cpu_count()} CPUs"
    )
    print(
        f"cold  fresh profile, open playground -> first output: median {statistics.median(cold):.2f} s "
        f"(min {min(cold):.2f}, max {max(cold):.2f}; target <= 3 s)"
    )
    print(
        f"warm  warm HTTP cache, open playground -> first output: median {statistics.median(warm):.2f} s "
        f"(min {min(warm):.2f}, max {max(warm):.2f}; target <= 1.5 s)"
    )
    print(
        f"rerun small cell, click -> result: median {statistics.median(rerun):.1f} ms "
        f"(min {min(rerun):.1f}, max {max(rerun):.1f}; target <= 30 ms)"
    )
    print(
        f"bytes lesson page {args.lesson} before interaction: {total / 1024:.0f} KiB, of which Pyodide/numpy "
        f"{python} bytes{' (' + ', '.join(files) + ')' if files else ''} (target: 0)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
