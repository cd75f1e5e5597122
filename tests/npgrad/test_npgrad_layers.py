"""npgrad is layered: each module imports (at its top or inside a function) only from its own layer or below, and
no module reaches itself again through its imports. Readable from the bottom up: dtypes, the tensor's data, the
autograd engine, the ops, then what binds and builds on them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sandbox" / "npgrad"
# Bottom to top. A new module gets a layer here; a module may import from its layer and the ones before it.
LAYERS = (
    (
        "foundations",
        {"dtypes", "unsupported", "fused", "fidelity", "avx_math", "glibc_math", "mkl_math", "vector_math", "printing"},
    ),
    ("tensor data", {"tensor", "generator"}),
    ("autograd", {"autograd"}),
    ("ops", {"ops", "ops.*"}),
    ("built on the ops", {"creation", "sampling", "random", "custom_function", "optim", "nn", "nn.*", "methods"}),
    ("package", {""}),
)


def layer_of(module: str) -> int:
    for number, (_, members) in enumerate(LAYERS):
        for member in members:
            if module == member or (member.endswith(".*") and module.startswith(member[:-1])):
                return number
    raise AssertionError(f"npgrad.{module} has no layer: add it to LAYERS in {Path(__file__).name}")


def module_name(file: Path) -> str:
    parts = list(file.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(file: Path) -> set[str]:
    """The npgrad modules that `file` imports, anywhere in it (relative imports: the package's own)."""
    here = module_name(file).split(".") if module_name(file) else []
    package = here if file.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
            for alias in node.names:  # `from . import autograd` names a module; `from .x import y` names x
                candidate = [*target, alias.name]
                is_module = (PACKAGE.joinpath(*candidate).with_suffix(".py")).is_file() or (
                    PACKAGE.joinpath(*candidate) / "__init__.py"
                ).is_file()
                found.add(".".join(candidate if is_module else target))
    return found


GRAPH = {module_name(f): imports(f) for f in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_layer() -> None:
    for module in GRAPH:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_a_module_imports_only_from_its_layer_or_below(module: str) -> None:
    upward = sorted(t for t in GRAPH[module] if layer_of(t) > layer_of(module))
    assert upward == [], f"npgrad.{module} ({LAYERS[layer_of(module)][0]}) imports from a layer above it"


def test_no_import_cycles() -> None:
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH.get(module, ())):
            if target == module:
                continue
            assert state.get(target) != "open", f"import cycle: {' -> '.join([*path, target])}"
            if target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


def test_the_tensor_layer_knows_nothing_of_autograd_or_ops() -> None:
    assert {t for t in GRAPH["tensor"] if layer_of(t) >= layer_of("autograd")} == set()
    assert "autograd" in GRAPH["ops._core"]  # the ops are built on the engine, not the other way round
