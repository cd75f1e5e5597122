"""Run a reader's code on every case of an exercise and report the first thing wrong, as a teacher would.

An exercise's spec (built by builder/exercises from the reference solution run with torch) holds its cases: the
inputs, described as values.py does, and the expected answer and gradients. The reader's code runs once per
case in a fresh namespace holding that case's inputs; the first case where something is wrong is reported, with
the reason first in REASONS order.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import sys
import traceback
from types import ModuleType
from typing import Any

from exercise_check.values import DEFAULT_ATOL, DEFAULT_RTOL, compare, decode, encode, show

REASONS = ("error", "missing", "type", "shape", "dtype", "values", "grad", "property")
FILENAME = "<exercise>"  # the reader's code, as tracebacks name it
PRINTED_LIMIT = 2000  # characters of the reader's own printing passed back with the verdict
MARKER = "EXERCISE-CHECK "  # prefixes the verdict line the browser reads from the run's output
LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _error(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, SyntaxError) and exc.filename == FILENAME:
        line = exc.lineno
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]
        line = frames[-1].lineno if frames else None
    message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    return {"reason": "error", "error_type": type(exc).__name__, "message": message.split("\n")[0], "line": line}


def _loop_line(tree: ast.AST) -> int | None:
    return next((node.lineno for node in ast.walk(tree) if isinstance(node, LOOPS)), None)


def _storage(value: Any) -> int | None:
    try:
        return int(value.untyped_storage().data_ptr())
    except (AttributeError, TypeError, RuntimeError):
        return None


def _property(requirement: str, namespace: dict[str, Any], inputs: dict[str, Any], tree: ast.AST) -> dict | None:
    name, _, rest = requirement.partition(":")
    if name == "no-loop":
        line = _loop_line(tree)
        return None if line is None else {"reason": "property", "property": "no-loop", "line": line}
    if name == "shares":
        answer, _, source = rest.partition(":")
        mine = _storage(namespace.get(answer))
        if mine is not None and mine == _storage(inputs[source]):
            return None
        return {"reason": "property", "property": "shares", "name": answer, "input": source}
    raise ValueError(f"unknown requirement {requirement!r}")


def _run_case(spec: dict[str, Any], program: Any, tree: ast.AST, case: dict[str, Any], engine: ModuleType) -> dict:
    """The first thing wrong in one case (None when right), and what the code printed."""
    inputs = {name: decode(value, engine) for name, value in case["inputs"].items()}
    namespace: dict[str, Any] = {"__name__": "__main__", "torch": engine, **inputs}
    printed = io.StringIO()
    atol, rtol = spec.get("atol", DEFAULT_ATOL), spec.get("rtol", DEFAULT_RTOL)
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            exec(program, namespace)
    except Exception as exc:  # noqa: BLE001 - whatever the reader's code raises is the verdict
        return {"problem": _error(exc), "printed": printed.getvalue()}
    text = printed.getvalue()
    for name in spec["answer"]:
        if name not in namespace:
            return {"problem": {"reason": "missing", "name": name}, "printed": text}
    for name in spec["answer"]:
        actual = encode(namespace[name], engine)
        if (problem := compare(case["expected"][name], actual, atol, rtol)) is not None:
            return {"problem": {**problem, "name": name}, "printed": text}
    for name in spec.get("grads", []):
        expected, grad = case["grads"][name], inputs[name].grad
        if grad is None:
            if expected is not None:
                return {"problem": {"reason": "grad", "name": name, "missing": True}, "printed": text}
            continue
        actual = encode(grad, engine)
        if expected is None:
            return {"problem": {"reason": "grad", "name": name, "unexpected": True}, "printed": text}
        if (problem := compare(expected, actual, atol, rtol)) is not None:
            problem = {**problem, "reason": "grad", "detail": problem["reason"], "name": name}
            return {"problem": problem, "printed": text}
    for requirement in spec.get("requires", []):
        if (problem := _property(requirement, namespace, inputs, tree)) is not None:
            return {"problem": problem, "printed": text}
    return {"problem": None, "printed": text}


def check(spec: dict[str, Any], code: str, engine: ModuleType) -> dict[str, Any]:
    """The verdict on `code`: {"passed": True, "cases": n} or the first problem, with the case it occurred in
    (1-based), that case's inputs as text, and what the code printed."""
    cases = spec["cases"]
    try:
        tree = ast.parse(code, FILENAME)
    except SyntaxError as exc:
        return {"passed": False, "case": 1, "cases": len(cases), **_error(exc), "printed": ""}
    program = compile(tree, FILENAME, "exec")
    printed = ""
    for number, case in enumerate(cases, start=1):
        outcome = _run_case(spec, program, tree, case, engine)
        printed = printed or outcome["printed"]
        if outcome["problem"] is not None:
            inputs = {name: show(value) for name, value in case["inputs"].items()}
            verdict = {"passed": False, "case": number, "cases": len(cases), "inputs": inputs, **outcome["problem"]}
            return {**verdict, "printed": outcome["printed"][:PRINTED_LIMIT]}
    return {"passed": True, "cases": len(cases), "printed": printed[:PRINTED_LIMIT]}


def browser_check(spec_json: str, code: str) -> None:
    """The sandbox's entry: check `code` with the engine that `import torch` gives, and print the verdict as one
    marked JSON line for the page to read."""
    import torch  # the sandbox routes this to its engine

    verdict = check(json.loads(spec_json), code, torch)
    sys.stdout.write(MARKER + json.dumps(verdict) + "\n")
