"""Benchmark checking an exercise in the browser: a built site served on 127.0.0.1, headless Chromium, a warm sandbox.

For every exercise of every chapter, checks its reference solution (all input sets, then the verdict) and its starter
(which stops at the first input set: the round trip to the worker plus one case, the baseline beside it) several
times, side by side in one run, and prints the medians and ranges the page itself measured (the "Checked in N ms" it
shows), per chapter and overall.

Usage: .venv/bin/python scripts/bench_exercises.py [--site build/site] [--runs 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
from pathlib import Path

from playwright.sync_api import Locator, sync_playwright

from builder.exercises.exercise_file import parse_exercise
from builder.localweb import launch_chromium, serve_folder

ROOT = Path(__file__).resolve().parent.parent

CHAPTERS = ("define-by-run", "tensors", "operations", "autograd", "mistakes")
TARGET_MS = 50


def check_ms(exercise: Locator, code: str) -> float:
    exercise.locator(".cm-content").click()
    exercise.page.keyboard.press("Control+a")
    exercise.page.keyboard.insert_text(code)
    before = int(exercise.get_attribute("data-checks") or 0)
    exercise.locator(".exercise-check").click()
    exercise.page.wait_for_function(
        "([el, n]) => Number(el.dataset.checks || 0) > n", arg=[exercise.element_handle(), before], timeout=90_000
    )
    status = exercise.locator(".exercise-status").text_content() or ""
    if (timing := re.search(r"([\d.]+) ms", status)) is None:
        raise RuntimeError(f"the exercise's status names no check time: {status!r}")
    return float(timing[1])


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):6.1f} ms  range {min(values):.0f} to {max(values):.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    solutions: dict[str, list[float]] = {}
    starters: dict[str, list[float]] = {}
    with serve_folder(args.site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for chapter in CHAPTERS:
            page = browser.new_page()
            page.goto(f"{url}en/{chapter}/")
            page.locator("#exercises").scroll_into_view_if_needed()
            page.wait_for_selector(".exercise .cm-content", timeout=90_000)
            for exercise in page.locator(".exercise[data-exercise]").all():
                exercise_id = exercise.get_attribute("data-exercise")
                source = parse_exercise(exercise_id, (ROOT / "exercises" / f"{exercise_id}.py").read_text())
                check_ms(exercise, source.solution)  # warm: Python started, modules imported
                for _ in range(args.runs):
                    solutions.setdefault(exercise_id, []).append(check_ms(exercise, source.solution))
                    starters.setdefault(exercise_id, []).append(check_ms(exercise, source.starter))
            page.close()
        browser.close()
    print(f"Checking an exercise in the browser (warm sandbox, {args.runs} runs each, times the page measured)")
    for exercise_id in solutions:
        print(f"  {exercise_id:38} solution {spread(solutions[exercise_id])}   starter {spread(starters[exercise_id])}")
    every = [statistics.median(v) for v in solutions.values()]
    base = [statistics.median(v) for v in starters.values()]
    print(f"all {len(every)} exercises, the median exercise's solution check: {spread(every)}")
    print(f"the same exercises' starter checks (one input set; baseline):   {spread(base)}")
    ratio = statistics.median(every) / statistics.median(base)
    verdict = "meets" if statistics.median(every) <= TARGET_MS else "misses"
    print(f"solution / starter: {ratio:.2f}×; target ≤ {TARGET_MS} ms for a typical exercise: {verdict}")


if __name__ == "__main__":
    main()
