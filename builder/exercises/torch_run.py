"""Run exercises with real torch, in a process of their own: `python -m builder.exercises.torch_run < jobs.json`.

For each exercise (stdin: a JSON list of {"id", "inputs", "solution", "starter", "wrongs", ...}) it builds the
cases from the inputs cell, runs the reference solution on each to get the expected answers and gradients, then
checks the solution, the starter and every declared wrong answer with the same checker the browser uses. Prints a
JSON list of {"id", "spec", "verdicts"} or {"id", "error"}.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
import traceback
from typing import Any

import torch

from exercise_check import check, decode, encode


def _run(code: str, namespace: dict[str, Any]) -> None:
    exec(compile(code, "<exercise>", "exec"), namespace)


def spec_of(job: dict[str, Any]) -> dict[str, Any]:
    torch.manual_seed(0)
    namespace: dict[str, Any] = {"__name__": "__main__", "torch": torch}
    _run(job["inputs"], namespace)
    cases = namespace.get("CASES")
    if not isinstance(cases, list) or not 2 <= len(cases) <= 6 or not all(isinstance(c, dict) for c in cases):
        raise ValueError("the inputs cell must set CASES to a list of 2 to 6 dicts")
    spec: dict[str, Any] = {key: job[key] for key in ("answer", "grads", "requires")}
    spec.update({key: job[key] for key in ("atol", "rtol") if job[key] is not None})
    spec["cases"] = []
    for number, case in enumerate(cases, start=1):
        described = {name: encode(value, torch) for name, value in case.items()}
        # The solution sees what the reader's code will see: the inputs rebuilt from their descriptions.
        inputs = {name: decode(value, torch) for name, value in described.items()}
        run: dict[str, Any] = {"__name__": "__main__", "torch": torch, **inputs}
        try:
            _run(job["solution"], run)
        except Exception as exc:
            raise ValueError(f"the solution raised on case {number}: {type(exc).__name__}: {exc}") from exc
        missing = [name for name in job["answer"] if name not in run]
        if missing:
            raise ValueError(f"the solution does not define {', '.join(missing)} (case {number})")
        grads = {name: None if inputs[name].grad is None else encode(inputs[name].grad, torch) for name in job["grads"]}
        expected = {name: encode(run[name], torch) for name in job["answer"]}
        spec["cases"].append({"inputs": described, "expected": expected, "grads": grads})
    spec["provenance"] = {
        "engine": "torch",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "solution_sha256": hashlib.sha256(job["solution"].encode()).hexdigest(),
        "inputs_sha256": hashlib.sha256(job["inputs"].encode()).hexdigest(),
    }
    return spec


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    try:
        spec = spec_of(job)
    except Exception as exc:  # noqa: BLE001 - reported to the contributor, with the exercise named
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return {"id": job["id"], "error": detail}
    answers = {"solution": job["solution"], "starter": job["starter"], **job["wrongs"]}
    verdicts = {name: check(spec, code, torch) for name, code in answers.items()}
    return {"id": job["id"], "spec": spec, "verdicts": verdicts}


def main() -> None:
    jobs = json.load(sys.stdin)
    json.dump([run_job(job) for job in jobs], sys.stdout)


if __name__ == "__main__":
    main()
