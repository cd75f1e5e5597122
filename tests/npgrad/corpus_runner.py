"""Runs programs cell by cell and records what each cell prints, with the site's cell runner (sandbox/cell_runner).

Pure Python with no test-framework imports: the same file runs under CPython (torch or npgrad)
and inside Pyodide (npgrad), so both sides of a parity check share one runner.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import random
import sys
from typing import Any

from cell_runner import run_cell, warnings_as_shown


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """``import torch.x`` imports ``engine.x`` (as the sandbox's runner does), or fails naming torch.x."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self._specs: dict[int, Any] = {}  # the engine modules' own specs, which the import system overwrites

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if not fullname.startswith("torch."):
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: Any) -> Any:
        real = self.engine + spec.name[len("torch") :]
        try:
            module = importlib.import_module(real)
            self._specs[id(module)] = module.__spec__
            return module
        except ModuleNotFoundError as err:
            if err.name != real:
                raise
            raise ModuleNotFoundError(f"{spec.name} is not available: `import torch` runs {self.engine}") from None

    def exec_module(self, module: Any) -> None:
        # Already executed under its real name. The import system gave it the torch name's spec, whose parent
        # (torch.nn) then disagrees with its __package__ (npgrad.nn): a relative import would warn.
        module.__spec__ = self._specs.get(id(module), module.__spec__)


def install(engine: Any) -> dict:
    """Make ``import torch`` (and ``import torch.x``) give ``engine``; returns what to restore."""
    saved = {n: m for n, m in sys.modules.items() if n == "torch" or n.startswith("torch.")}
    if engine.__name__ != "torch":
        for n in saved:
            del sys.modules[n]
        sys.modules["torch"] = engine
        sys.modules["torch.autograd"] = engine.autograd
        sys.meta_path.insert(0, _Alias(engine.__name__))
    return saved


def restore(saved: dict) -> None:
    if any(isinstance(f, _Alias) for f in sys.meta_path):
        sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _Alias)]
        for name in [n for n in sys.modules if n == "torch" or n.startswith("torch.")]:
            del sys.modules[name]
        sys.modules.update(saved)


def run_cells(cells: list, engine: Any, filename: str = "<corpus>") -> list:
    """Run ``cells`` ([name, code] pairs) in one namespace with ``engine`` as torch.

    Each result is {"name", "output", "error"} where error is "Type: message" or None.
    """
    saved = install(engine)
    engine.set_default_dtype(engine.float32)
    engine.manual_seed(0)
    random.seed(0)
    results = []
    namespace: dict = {"__name__": "__main__"}
    try:
        with warnings_as_shown():
            for name, code in cells:
                result = run_cell(code, namespace, filename=filename)
                error = None if result.error is None else f"{result.error.type}: {result.error.message}"
                results.append({"name": name, "output": result.output, "error": error})
    finally:
        restore(saved)
    return results
