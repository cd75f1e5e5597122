"""Benchmark of the build, side by side in one run, on a copy of the project:

- cold build (empty snippet cache: the fork server starts and imports torch, every snippet file runs);
- warm rebuild (everything cached) against the same build with execution switched off (SNIPPETS_EXECUTE=0);
- the executor's per-snippet-file overhead against a fresh Python process per file (how most tools isolate), and
  what the second run of a file with new outputs (the check that outputs do not change) adds to it;
- how many files run again after editing one snippet.

Usage: .venv/bin/python scripts/bench_build.py [--runs 5]
Targets: overhead ≤ 1/20 of the fresh-process baseline; warm ≤ 1.3× no-execution; exactly one file re-executed.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from builder.cache import OutputCache
from builder.executor import Executor
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
    warm, off = [], []
    for _ in range(runs):  # alternate, so drift on a busy machine hits both alike
        os.environ["SNIPPETS_EXECUTE"] = "1"
        warm.append(timed(lambda: build_site(root=project, site_dir=site)))
        os.environ["SNIPPETS_EXECUTE"] = "0"
        off.append(timed(lambda: build_site(root=project, site_dir=site, strict=False)))
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


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the site build")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-build-") as temporary:
        folder = Path(temporary)
        results = bench_builds(copy_project(folder / "project"), folder / "cache", args.runs)
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
    print("Per snippet file, trivial cells")
    print(f"  fork-server executor                           {ours * 1000:7.1f} ms")
    print(f"  the same, run twice at once (new outputs)      {twice * 1000:7.1f} ms")
    print(f"  fresh Python process per file (baseline)       {fresh * 1000:7.1f} ms")
    print(f"  executor / baseline                            {ours / fresh:7.3f}    (target <= 0.050)")


if __name__ == "__main__":
    main()
