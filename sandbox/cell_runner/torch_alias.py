"""`import torch` routed to a stand-in engine (npgrad, in the browser and in the tests), and back."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import types
from typing import Any


class _TorchAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes `import torch` (and `torch.x`) import the engine package (and `engine.x`) under torch's names."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self._specs: dict[int, Any] = {}  # the engine modules' own specs, which the import system overwrites

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != "torch" and not fullname.startswith("torch."):
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: Any) -> types.ModuleType:
        real = self.engine + spec.name[len("torch") :]
        try:
            module = importlib.import_module(real)
            self._specs[id(module)] = module.__spec__
            return module
        except ModuleNotFoundError as err:
            if err.name != real:
                raise
            raise ModuleNotFoundError(
                f"{spec.name} is not available in the browser sandbox: `import torch` runs {self.engine}, "
                f"which covers only what the lessons use",
                name=spec.name,
            ) from None

    def exec_module(self, module: types.ModuleType) -> None:
        # Already executed under its real name. The import system gave it the torch name's spec, whose parent
        # (torch.nn) then disagrees with its __package__ (npgrad.nn): a relative import would warn.
        module.__spec__ = self._specs.get(id(module), module.__spec__)


def _torch_modules() -> dict[str, types.ModuleType]:
    return {name: module for name, module in sys.modules.items() if name == "torch" or name.startswith("torch.")}


def install_torch_alias(engine: str = "npgrad") -> dict[str, types.ModuleType]:
    """Route `import torch` to `engine` for every later import; returns the torch modules imported before, for
    restore_torch."""
    saved = _torch_modules()
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _TorchAlias)]
    for name in saved:
        del sys.modules[name]
    sys.meta_path.insert(0, _TorchAlias(engine))
    return saved


def restore_torch(saved: dict[str, types.ModuleType]) -> None:
    """Undo install_torch_alias: `import torch` gives what it gave before (`saved`, which install returned)."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _TorchAlias)]
    for name in _torch_modules():
        del sys.modules[name]
    sys.modules.update(saved)


def torch_module() -> types.ModuleType | None:
    """The module `import torch` gives now, if it is loaded: torch, or the engine the alias routes torch to (which
    may be loaded before a cell first imports torch: the browser's start imports it)."""
    if "torch" in sys.modules:
        return sys.modules["torch"]
    for finder in sys.meta_path:
        if isinstance(finder, _TorchAlias):
            return sys.modules.get(finder.engine)
    return None


# An engine whose numbers print as torch's except in known places offers a function by this name: it returns the
# places used since its last call, named for the reader, and forgets them (npgrad/fidelity.py).
PRINTS_DIFFERENTLY_USED = "_prints_differently_used"


def prints_differently_used(engine: types.ModuleType | None = None) -> list[str]:
    """The places where `engine`'s (by default torch's, as `import torch` gives it) printed numbers may differ from
    torch's that were used since the last call; none for an engine that lists none, or for torch itself."""
    take = getattr(engine if engine is not None else torch_module(), PRINTS_DIFFERENTLY_USED, None)
    return [str(place) for place in take()] if callable(take) else []
