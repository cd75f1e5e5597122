"""Runs programs cell by cell and records what each cell prints, the way the site's build does.

Pure Python with no test-framework imports: the same file runs under CPython (torch or npgrad)
and inside Pyodide (npgrad), so both sides of a parity check share one runner.
"""

from __future__ import annotations

import ast
import importlib
import io
import random
import sys
import warnings
from typing import Any


def _show_warning(
    message: Any, category: type, filename: str, lineno: int, file: Any = None, line: str | None = None
) -> None:
    sys.stderr.write(f"{category.__name__}: {message}\n")


def _split_trailing(code: str, filename: str) -> tuple[Any, Any]:
    tree = ast.parse(code, filename=filename)
    trailing = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        trailing = compile(ast.Expression(tree.body.pop().value), filename, "eval")
    return compile(tree, filename, "exec"), trailing


def install(engine: Any) -> dict:
    """Make ``import torch`` give ``engine``; returns what to restore."""
    subs = ["autograd", "nn", "nn.functional", "nn.init", "optim"]
    saved = {n: sys.modules.get(n) for n in ["torch"] + [f"torch.{s}" for s in subs]}
    sys.modules["torch"] = engine
    for sub in subs:
        sys.modules[f"torch.{sub}"] = importlib.import_module(f"{engine.__name__}.{sub}")
    return saved


def restore(saved: dict) -> None:
    for name, module in saved.items():
        if module is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = module


def run_cells(cells: list, engine: Any, filename: str = "<corpus>") -> list:
    """Run ``cells`` ([name, code] pairs) in one namespace with ``engine`` as torch.

    Each result is {"name", "output", "error"} where error is "Type: message" or None.
    """
    saved = install(engine)
    engine.manual_seed(0)
    random.seed(0)
    results = []
    namespace: dict = {"__name__": "__main__"}
    old_show = warnings.showwarning
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
            for name, code in cells:
                buf = io.StringIO()
                error = None
                sys.stdout = sys.stderr = buf
                try:
                    body, trailing = _split_trailing(code, filename)
                    exec(body, namespace)
                    if trailing is not None:
                        value = eval(trailing, namespace)
                        if value is not None:
                            buf.write(repr(value) + "\n")
                except Exception as exc:  # noqa: BLE001 - a program may raise anything
                    error = f"{type(exc).__name__}: {exc}"
                finally:
                    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
                results.append({"name": name, "output": buf.getvalue(), "error": error})
    finally:
        warnings.showwarning = old_show
        restore(saved)
    return results
