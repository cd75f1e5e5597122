"""Benchmark of the build, side by side in one run, on a copy of the project:

- cold build (empty snippet cache: the fork server starts and imports torch, every snippet file runs);
- warm rebuild (everything cached) against the same build with execution switched off (SNIPPETS_EXECUTE=0);
- the executor's per-snippet-file overhead against a fresh Python process per file (how most tools isolate), and
  what the second run of a file with new outputs (the check that outputs do not change) adds to it;
- how many files run again after editing one snippet;
- edit → visible in the live preview, as a contributor sees it: `scripts/serve` running, the page open in Chromium,
  a prose line of docs/ko/tensors.md or a cell of its snippet file saved, until the page shows the new text.

Usage: .venv/bin/python scripts/bench_build.py [--runs 5]
Targets: overhead ≤ 1/20 of the fresh-process baseline; warm ≤ 1.3× no-execution; exactly one file re-executed;
cold ≤ 15 s, warm ≤ 4 s; prose edit → visible ≤ 2 s, snippet edit → visible ≤ 3 s.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from builder.cache import OutputCache
from builder.executor import Executor
from builder.localweb import launch_chromium
from builder.pages import shared_executor
from builder.site import build_site, copy_project
from builder.snippet_file import load_snippet

# A file whose cells cost next to nothing, so its run time is the executor's own overhead.
TRIVIAL = "# %% only\nimport torch\n\nx = torch.ones(2)\nx + 1\n"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


class BuildTimes(TypedDict):
    """Medians in seconds, and which snippet files the edited rebuild ran again."""

    cold: float
    warm: float
    off: float
    edited: float
    rerun: list[str]
    files: int


def bench_builds(project: Path, cache: Path, runs: int) -> BuildTimes:
    site = project / "site"
    os.environ["SNIPPETS_CACHE_DIR"] = str(cache)
    cold = timed(lambda: build_site(root=project, site_dir=site))
    # Each mode's builds follow one another, as a contributor's rebuilds do: a build with execution off writes
    # other pages (no outputs), so alternating the two modes made the process's caches of rendered pages and
    # notebooks (search sections, notebook memo) miss on every build of either mode.
    os.environ["SNIPPETS_EXECUTE"] = "1"
    warm = [timed(lambda: build_site(root=project, site_dir=site)) for _ in range(runs)]
    os.environ["SNIPPETS_EXECUTE"] = "0"
    off = [timed(lambda: build_site(root=project, site_dir=site, strict=False)) for _ in range(runs)]
    os.environ["SNIPPETS_EXECUTE"] = "1"
    executor = shared_executor(cache)
    before = len(executor.executed)
    target = project / "snippets/operations/arithmetic.py"
    target.write_text(target.read_text() + f"\n# edited by the benchmark at {time.time()}\n")
    edited = timed(lambda: build_site(root=project, site_dir=site))
    return {
        "cold": cold,
        "warm": statistics.median(warm),
        "off": statistics.median(off),
        "edited": edited,
        "rerun": executor.executed[before:],
        "files": len({path for path in executor.executed}),
    }


def bench_overhead(folder: Path, runs: int) -> tuple[float, float, float]:
    (folder / "trivial.py").write_text(TRIVIAL)
    snippet = load_snippet(folder, "trivial.py")
    executor = Executor(OutputCache(folder / "unused"))
    try:
        executor.execute(snippet)  # the fork server's one-off start (torch import) is not per-file overhead
        ours, twice = [], []
        for _ in range(runs * 4):  # alternate, so drift on a busy machine hits both alike
            ours.append(executor.execute(snippet).seconds)
            twice.append(timed(lambda: executor.execute_twice(snippet)))
    finally:
        executor.close()
    plain = folder / "trivial_plain.py"
    plain.write_text(TRIVIAL.replace("x + 1\n", "print(repr(x + 1))\n"))
    fresh = [
        timed(lambda: subprocess.run([sys.executable, str(plain)], check=True, capture_output=True))
        for _ in range(runs)
    ]
    return statistics.median(ours), statistics.median(twice), statistics.median(fresh)


class PreviewTimes(TypedDict):
    """Seconds from saving a file to the open page showing the change, one per run."""

    prose: list[float]
    snippet: list[float]


PAGE, PROSE_LINE = "docs/ko/tensors.md", "이 장의 예제는 넘파이와 함께 씁니다."
SNIPPET, SNIPPET_LINE = "snippets/tensors/creation.py", "print(ints, ints.dtype)\n"


def bench_preview(project: Path, cache: Path, runs: int) -> PreviewTimes:
    """Edit → visible in `scripts/serve` with the page open in Chromium (its live reload), warm snippet cache."""
    from playwright.sync_api import Error, sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/tensors/"
    log = project / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("serve.py")), "--root", str(project), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SNIPPETS_CACHE_DIR": str(cache)},
        )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"the preview did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(url)

            def visible_after_edit(path: Path, old: str, new: str, marker: str) -> float:
                path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
                started = time.perf_counter()
                while time.perf_counter() - started < 60:
                    try:  # the live reload navigates: a wait during it fails, the next one sees the new page
                        page.wait_for_function("m => document.body.innerText.includes(m)", arg=marker, timeout=5000)
                        return time.perf_counter() - started
                    except Error:
                        time.sleep(0.02)
                raise RuntimeError(f"{marker} did not appear in 60 s:\n{log.read_text()[-2000:]}")

            times: PreviewTimes = {"prose": [], "snippet": []}
            for _ in range(runs):  # alternate, so drift on a busy machine hits both alike
                mark = f"edited-{uuid.uuid4().hex[:8]}"
                times["prose"].append(visible_after_edit(project / PAGE, PROSE_LINE, f"{PROSE_LINE} {mark}", mark))
                time.sleep(1)  # let the preview settle (its watcher, the page's reload)
                mark = f"edited-{uuid.uuid4().hex[:8]}"
                new = f"{SNIPPET_LINE}print('{mark}')\n"
                times["snippet"].append(visible_after_edit(project / SNIPPET, SNIPPET_LINE, new, mark))
                time.sleep(1)
            browser.close()
        return times
    finally:
        server.terminate()
        server.wait(30)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} s (range {min(values):.2f} to {max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the site build")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--preview", type=Path, nargs=2, metavar=("PROJECT", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.preview:  # the preview's rows, printed as JSON for the benchmark's own run (below)
        project, cache = args.preview
        print(json.dumps(bench_preview(project, cache, args.runs)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-build-") as temporary:
        folder = Path(temporary)
        results = bench_builds(copy_project(folder / "project"), folder / "cache", args.runs)
        # In a process of its own: in this one (which has built the site, and runs its fork server), Playwright's
        # calls were seen to hang.
        command = [
            sys.executable,
            __file__,
            "--runs",
            str(args.runs),
            "--preview",
            *map(str, (folder / "project", folder / "cache")),
        ]
        preview = json.loads(subprocess.run(command, check=True, capture_output=True, text=True, timeout=900).stdout)
        ours, twice, fresh = bench_overhead(folder, args.runs)
    warm_ratio = results["warm"] / results["off"]
    print(f"Site build, both languages, {results['files']} snippet files (medians of {args.runs} runs)")
    print(f"  cold build (empty cache, torch imported once)  {results['cold']:7.2f} s")
    print(f"  warm rebuild (all cached)                      {results['warm']:7.2f} s")
    print(f"  same pages, execution switched off             {results['off']:7.2f} s")
    print(f"  warm / no-execution                            {warm_ratio:7.2f}x   (target <= 1.3x)")
    print(
        f"  rebuild after editing one snippet              {results['edited']:7.2f} s, re-executed: "
        f"{len(results['rerun'])} file(s) {results['rerun']}   (target: exactly 1)"
    )
    print(f"Live preview (scripts/serve, page open in Chromium), medians of {args.runs} edits")
    print(f"  prose edit in {PAGE} → visible     {spread(preview['prose'])}   (target <= 2 s)")
    print(f"  snippet edit in {SNIPPET} → visible {spread(preview['snippet'])}   (target <= 3 s)")
    print("Per snippet file, trivial cells")
    print(f"  fork-server executor                           {ours * 1000:7.1f} ms")
    print(f"  the same, run twice at once (new outputs)      {twice * 1000:7.1f} ms")
    print(f"  fresh Python process per file (baseline)       {fresh * 1000:7.1f} ms")
    print(f"  executor / baseline                            {ours / fresh:7.3f}    (target <= 0.050)")


if __name__ == "__main__":
    main()
