"""Runs programs cell by cell and records what each cell prints, with the site's cell runner (sandbox/cell_runner).

Pure Python with no test-framework imports: the same file runs under CPython (torch or npgrad)
and inside Pyodide (npgrad), so both sides of a parity check share one runner.
"""

from __future__ import annotations

import random
from typing import Any

from cell_runner import run_cell, warnings_as_shown
from cell_runner.torch_alias import install_torch_alias, prints_differently_used, restore_torch


def install(engine: Any) -> dict | None:
    """Make ``import torch`` (and ``import torch.x``) give ``engine``; returns what to restore."""
    return None if engine.__name__ == "torch" else install_torch_alias(engine.__name__)


def restore(saved: dict | None) -> None:
    if saved is not None:
        restore_torch(saved)


def run_cells(cells: list, engine: Any, filename: str = "<corpus>") -> list:
    """Run ``cells`` ([name, code] pairs) in one namespace with ``engine`` as torch.

    Each result is {"name", "output", "error", "inexact"} where error is "Type: message" or None, and inexact the
    places the sandbox would name as possibly printing other digits than torch (npgrad/fidelity.py).
    """
    saved = install(engine)
    engine.set_default_dtype(engine.float32)
    engine.manual_seed(0)
    random.seed(0)
    results = []
    namespace: dict = {"__name__": "__main__"}
    prints_differently_used(engine)  # forget what ran before, as the sandbox's runner does
    try:
        with warnings_as_shown():
            for name, code in cells:
                result = run_cell(code, namespace, filename=filename)
                error = None if result.error is None else f"{result.error.type}: {result.error.message}"
                inexact = prints_differently_used(engine)
                results.append({"name": name, "output": result.output, "error": error, "inexact": inexact})
    finally:
        restore(saved)
    return results
