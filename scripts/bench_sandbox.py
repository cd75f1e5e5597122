"""Benchmark the browser sandbox in headless Chromium against a built site served on 127.0.0.1.

Prints medians over several runs of:
  cold   a fresh browser profile opens the playground and runs the first cell (page open -> first output)
  warm   the same with the HTTP cache warm (a new page in the same profile)
  rerun  a re-run of a small cell in a loaded sandbox (click -> done)
  slow   a fresh profile over a 4 Mbit/s link (Chromium's throttling) to a server that compresses what it sends
  offline a warm start with the network off, from what the service worker cached on an earlier visit
  bytes  what a lesson page downloads before any interaction, and whether any of it is Pyodide or numpy

Usage: .venv/bin/python scripts/bench_sandbox.py [--site build/site] [--runs 5] [--isolate]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from playwright.sync_api import sync_playwright

from builder.localweb import CHROMIUM_FLAGS, CROSS_ORIGIN_ISOLATION, chromium_executable, launch_chromium, serve_folder

ROOT = Path(__file__).resolve().parent.parent
PYTHON_FILES = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.js", "numpy-", "python-snapshot")
DONE = "() => ['done', 'error'].includes(document.querySelector('.sbx-cell')?.dataset.state)"
MBIT = 1_000_000 / 8
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".wasm", ".zip", ".svg")


class _Compressing(http.server.SimpleHTTPRequestHandler):
    """Sends text, wasm and Python's zips gzip-compressed, as static hosts do (the .gz files are left alone)."""

    cache: ClassVar[dict[str, bytes]] = {}

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSIBLE) and os.path.isfile(path)):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, fmt: str, *args: object) -> None:
        pass


@contextmanager
def compressing_server(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Compressing, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def slow_first_output(p: Any, executable: str | None, url: str) -> float:
    """Seconds to the first output for a fresh profile over a 4 Mbit/s link (40 ms latency)."""
    with tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(profile, executable_path=executable, args=CHROMIUM_FLAGS)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        conditions = {"offline": False, "latency": 40, "downloadThroughput": 4 * MBIT, "uploadThroughput": 4 * MBIT}
        cdp.send("Network.emulateNetworkConditions", conditions)
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(".sbx-run").first.click(timeout=120_000)
        page.wait_for_function("() => document.querySelector('.sbx-output')?.textContent.length > 0", timeout=180_000)
        elapsed = time.perf_counter() - started
        context.close()
        return elapsed


def offline_starts(p: Any, executable: str | None, url: str, runs: int) -> list[float]:
    """Seconds to the first output with the network off, after one visit that installed the service worker."""
    with tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(profile, executable_path=executable, args=CHROMIUM_FLAGS)
        page = context.new_page()
        page.goto(url)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.close()
        open_and_run(context, url)  # controlled by the service worker: the sandbox's files are cached
        context.set_offline(True)
        times = [open_and_run(context, url) for _ in range(runs)]
        context.close()
        return times


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
    parser.add_argument("--slow-runs", type=int, default=1, help="runs over the 4 Mbit/s link (each about 20 s)")
    parser.add_argument("--no-offline", action="store_true", help="skip the offline row (a site without offline use)")
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
        offline = [] if args.no_offline else offline_starts(p, executable, base + args.playground, args.runs)
    with compressing_server(args.site) as compressed, sync_playwright() as p:
        slow = [slow_first_output(p, executable, compressed + args.playground) for _ in range(args.slow_runs)]
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
        f"slow  fresh profile, 4 Mbit/s, compressing server -> first output: median {statistics.median(slow):.1f} s "
        f"(min {min(slow):.1f}, max {max(slow):.1f}; {len(slow)} runs; target <= 30 s)"
    )
    if offline:
        print(
            f"offline warm start with the network off -> first output: median {statistics.median(offline):.2f} s "
            f"(min {min(offline):.2f}, max {max(offline):.2f})"
        )
    print(
        f"bytes lesson page {args.lesson} before interaction: {total / 1024:.0f} KiB, of which Pyodide/numpy "
        f"{python} bytes{' (' + ', '.join(files) + ')' if files else ''} (target: 0)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
