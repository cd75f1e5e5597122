"""Each exercise's expected results, from its reference solution run with real torch, and the build's verdict on
the exercise itself: its solution must pass, its starter must not, each declared wrong answer must fail for its
declared reason. Results are cached by everything that can change them (the file, the checker, torch)."""

from __future__ import annotations

import functools
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import exercise_check
from builder.cache import environment_fingerprint, write_atomically
from builder.exercises.exercise_file import Exercise
from builder.torch_env import torch_environment

TIMEOUT_S = 300
_CHECKER_FILES = [*sorted(Path(exercise_check.__file__).parent.glob("*.py")), Path(__file__).with_name("torch_run.py")]
# Cache entries this process already read or wrote (the second language, live reloads), by file
_known: dict[Path, dict[str, Any]] = {}


@functools.cache
def _checker_fingerprint() -> str:
    return hashlib.sha256(b"".join(file.read_bytes() for file in _CHECKER_FILES)).hexdigest()


def cache_key(exercise: Exercise) -> str:
    payload = json.dumps([environment_fingerprint(), _checker_fingerprint(), exercise.id, exercise.source])
    return hashlib.sha256(payload.encode()).hexdigest()


def _job(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "inputs": exercise.inputs,
        "starter": exercise.starter,
        "solution": exercise.solution,
        "wrongs": {wrong.name: wrong.code for wrong in exercise.wrongs},
        "answer": list(exercise.answer),
        "grads": list(exercise.grads),
        "requires": list(exercise.requires),
        "atol": exercise.atol,
        "rtol": exercise.rtol,
    }


def run_with_torch(exercises: list[Exercise], cwd: Path) -> dict[str, dict[str, Any]]:
    """Results of torch_run for `exercises`, in one process (one torch import)."""
    if not exercises:
        return {}
    process = subprocess.run(
        [sys.executable, "-m", "builder.exercises.torch_run"],
        input=json.dumps([_job(e) for e in exercises]),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=cwd,
        env=torch_environment(),
        check=False,
    )
    if process.returncode != 0:
        raise RuntimeError(f"running the exercises with torch failed:\n{process.stderr.strip()[-2000:]}")
    return {result["id"]: result for result in json.loads(process.stdout)}


def expected_results(exercises: list[Exercise], cache: Path, cwd: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """(id -> torch_run's result, the ids that ran now rather than coming from the cache)."""
    results, todo = {}, []
    for exercise in exercises:
        file = cache / f"{cache_key(exercise)}.json"
        if file not in _known:
            try:
                _known[file] = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                todo.append(exercise)
                continue
        results[exercise.id] = _known[file]
    fresh = run_with_torch(todo, cwd)
    cache.mkdir(parents=True, exist_ok=True)
    for exercise in todo:
        results[exercise.id] = fresh[exercise.id]
        if "error" not in fresh[exercise.id]:
            file = cache / f"{cache_key(exercise)}.json"
            _known[file] = fresh[exercise.id]
            write_atomically(file, json.dumps(fresh[exercise.id]))
    return results, [e.id for e in todo]


def _said(verdict: dict[str, Any]) -> str:
    if verdict["passed"]:
        return "it passes"
    detail = {k: v for k, v in verdict.items() if k not in ("passed", "printed", "inputs", "cases")}
    return f"it fails with {verdict['reason']!r} ({json.dumps(detail, ensure_ascii=False)[:300]})"


def problems(exercise: Exercise, result: dict[str, Any]) -> list[str]:
    """What is wrong with the exercise itself, each naming its file."""
    where = f"exercises/{exercise.id}.py"
    if "error" in result:
        return [f"{where}: {result['error']}"]
    verdicts = result["verdicts"]
    found = []
    if not verdicts["solution"]["passed"]:
        found.append(f"{where}: the solution does not pass its own check: {_said(verdicts['solution'])}")
    if verdicts["starter"]["passed"]:
        found.append(f"{where}: the starter code already passes the check; give the reader something to do")
    for wrong in exercise.wrongs:
        verdict = verdicts[wrong.name]
        if verdict["passed"] or verdict["reason"] != wrong.fails:
            found.append(f"{where}: {wrong.name} is declared to fail with {wrong.fails!r}, but {_said(verdict)}")
    return found
