"""The executor against snippets with one deliberate fault each: the build must name the file, cell and line, and
say what to do; no fault may hang or crash the build."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.cache import OutputCache, cache_key
from builder.executor import Executor, ForkServerClient, check
from builder.snippet_file import load_snippet
from builder.torch_env import TORCH_ENV

FAULTY = Path(__file__).parent / "faulty_snippets"


@pytest.fixture(scope="module")
def fork_server() -> Iterator[ForkServerClient]:
    """One fork server (one torch import) for the module's executors: each file runs in a fresh child of it, so
    what one test's snippets do cannot reach another's; the tests of independent servers make their own."""
    server = ForkServerClient()
    yield server
    server.close()


@pytest.fixture
def executor(tmp_path: Path, fork_server: ForkServerClient) -> Executor:
    return Executor(OutputCache(tmp_path / "cache"), default_timeout=20, _server=fork_server)


def messages(executor: Executor, name: str) -> list[str]:
    snippet = load_snippet(FAULTY, name)
    return [str(problem) for problem in check(snippet, executor.run([snippet])[name])]


FAULTS = {
    "undeclared_error.py": [
        "snippets/undeclared_error.py:6 (cell 'boom'): unexpected error: RuntimeError: shape '[4]' is invalid",
        '-> fix the code, or if this error is the lesson, declare it: # %% boom raises="RuntimeError:',
    ],
    "declared_but_silent.py": [
        "snippets/declared_but_silent.py:2 (cell 'quiet'): declared raises=\"RuntimeError: view size is not "
        'compatible" but the cell ran without error',
        "-> make the last statement raise it, or remove the raises= option",
    ],
    "wrong_error.py": [
        "(cell 'mismatch'): declared raises=\"ValueError: something else\" but got: RuntimeError: mat1 and mat2",
    ],
    "wrong_message.py": [
        'declared raises="RuntimeError: the wrong start" but got: RuntimeError: mat1 and mat2 shapes cannot be',
    ],
    "infinite_loop.py": [
        "snippets/infinite_loop.py: did not finish within its time limit of 2 s (while running cell 'spin')",
        "-> fix the endless loop; if the file really needs longer, raise its limit on a line before its first cell: "
        '# snippet: timeout="4"',
    ],
    "segfault.py": ["snippets/segfault.py: crashed with signal SIGSEGV (while running cell 'crash')"],
    "hard_exit.py": ["snippets/hard_exit.py: exited with status 3 before finishing", "(while running cell 'leave')"],
    "raises_too_early.py": [
        "snippets/raises_too_early.py:2 (cell 'early'): the declared error is raised here, but the cell goes on to "
        "line 3, which never runs",
        "-> end the cell with the statement that raises",
    ],
    "flood.py": ["snippets/flood.py: printed more output than a page can show (while running cell 'flood')"],
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_is_reported_with_its_place(executor: Executor, name: str) -> None:
    found = messages(executor, name)
    assert len(found) == 1, found
    for expected in FAULTS[name]:
        assert expected in found[0]


# Written at test time: a file that does not parse would stop `ruff check .`.
SYNTAX_ERROR = '''"""A missing ')' on line 11 of the file, line 2 of its cell."""

# %% first
import torch

x = torch.ones(2)
x

# %% second
y = x + 1
print(y
z = 3
'''


def test_syntax_error_names_the_files_line_and_column_with_its_own_hint(tmp_path: Path, executor: Executor) -> None:
    (tmp_path / "syntax_error.py").write_text(SYNTAX_ERROR)
    snippet = load_snippet(tmp_path, "syntax_error.py")
    [problem] = check(snippet, executor.run([snippet])["syntax_error.py"])
    assert str(problem) == (
        "snippets/syntax_error.py:11:6 (cell 'second'): syntax error: '(' was never closed\n"
        "    print(y\n"
        "         ^\n"
        "  -> fix the code at that line and column: a cell that does not parse runs none of its lines"
    )


def test_faults_do_not_stop_other_files(executor: Executor) -> None:
    files = [load_snippet(FAULTY, name) for name in ("segfault.py", "good.py", "hard_exit.py")]
    results = executor.run(files)
    assert results["good.py"].failure is None
    assert results["good.py"].cells["shared"].output == "15\n"


def test_good_file_outputs(executor: Executor) -> None:
    snippet = load_snippet(FAULTY, "good.py")
    result = executor.run([snippet])["good.py"]
    assert check(snippet, result) == []
    assert result.cells["make"].output == "made (2, 3)\ntensor([[0, 1, 2],\n        [3, 4, 5]])\n"
    error = result.cells["bad-view"].error
    assert error is not None
    assert error.type == "RuntimeError"
    assert error.line == 9
    assert error.last_line.startswith("RuntimeError: view size is not compatible with input tensor's size")


def test_cached_file_is_not_run_again_and_failures_are_not_cached(tmp_path: Path, executor: Executor) -> None:
    good, bad = load_snippet(FAULTY, "good.py"), load_snippet(FAULTY, "undeclared_error.py")
    executor.run([good, bad])
    executor.run([good, bad])
    assert sorted(executor.executed) == ["good.py", "undeclared_error.py"]  # the failure is remembered in memory
    fresh = Executor(OutputCache(executor.cache.folder))  # a new build: only the good file's outputs are on disk
    try:
        fresh.run([good, bad])
    finally:
        fresh.close()
    assert fresh.executed == ["undeclared_error.py"]


def test_a_failing_file_runs_once_until_its_source_changes(tmp_path: Path, executor: Executor) -> None:
    """Each language's build (and each rebuild of the preview) asks for the same file: an endless loop must cost its
    time limit once, not once per language and per save."""
    (tmp_path / "loop.py").write_text((FAULTY / "infinite_loop.py").read_text())
    loop = load_snippet(tmp_path, "loop.py")
    first = executor.run([loop])["loop.py"]
    second = executor.run([loop])["loop.py"]
    assert second.failure == first.failure
    assert "time limit" in first.failure
    assert executor.executed == ["loop.py"]
    (tmp_path / "loop.py").write_text(loop.source.replace("pass", "break"))
    fixed = load_snippet(tmp_path, "loop.py")
    assert check(fixed, executor.run([fixed])["loop.py"]) == []
    assert executor.executed == ["loop.py", "loop.py"]


def test_output_that_changes_from_run_to_run_is_reported_with_both_outputs(executor: Executor) -> None:
    snippet = load_snippet(FAULTY, "changing_output.py")
    result = executor.run([snippet])["changing_output.py"]
    problems = check(snippet, result)
    assert [p.cell for p in problems] == ["clock", "address"]
    first, second = result.unstable["address"]
    assert first != second
    assert first.startswith("<object object at 0x")
    text = str(problems[1])
    assert text.startswith("snippets/changing_output.py:8 (cell 'address'): printed something else when run")
    assert f"first run:\n    | {first.strip()}\n  second run:\n    | {second.strip()}" in text
    assert "-> print only what is the same on every run: no times, id() or memory addresses" in text
    assert not list(executor.cache.folder.glob("*.json"))  # not cached: the next build checks it again


def test_a_snippet_that_evaluates_bad_code_gets_the_ordinary_hint(tmp_path: Path, executor: Executor) -> None:
    (tmp_path / "evaluate.py").write_text('# %% evaluate\nvalue = eval("1 +")\n')
    [problem] = check(snippet := load_snippet(tmp_path, "evaluate.py"), executor.run([snippet])["evaluate.py"])
    assert str(problem).startswith("snippets/evaluate.py:2 (cell 'evaluate'): unexpected error: ")
    assert 'declare it: # %% evaluate raises="SyntaxError:' in str(problem)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # a write cut short
        lambda text: "not json at all",
        lambda text: json.dumps({"key": "someone else's", "cells": {}}),
        lambda text: "",
    ],
    ids=["truncated", "garbage", "wrong-key", "empty"],
)
def test_corrupt_cache_entry_is_ignored_and_rebuilt(executor: Executor, damage) -> None:
    snippet = load_snippet(FAULTY, "good.py")
    first = executor.run([snippet])["good.py"].cells
    entry = executor.cache.folder / f"{cache_key(snippet.path, snippet.source)}.json"
    entry.write_text(damage(entry.read_text()))
    again = executor.run([snippet])["good.py"]
    assert not again.from_cache
    assert again.cells == first
    assert executor.executed == ["good.py", "good.py"]
    assert json.loads(entry.read_text())["cells"] == {n: o.to_json() for n, o in first.items()}  # rewritten whole


def _build_into(folder: str, results: multiprocessing.Queue) -> None:
    executor = Executor(OutputCache(Path(folder)))
    try:
        snippet = load_snippet(FAULTY, "good.py")
        results.put(executor.run([snippet])["good.py"].cells)
    finally:
        executor.close()


def test_two_builds_at_once_share_the_cache_safely(tmp_path: Path) -> None:
    results: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()
    context = multiprocessing.get_context("spawn")
    builds = [context.Process(target=_build_into, args=(str(tmp_path), results)) for _ in range(3)]
    for build in builds:
        build.start()
    for build in builds:
        build.join(120)
    outputs = [results.get(timeout=5) for _ in builds]
    assert all(output == outputs[0] for output in outputs)
    entries = list(tmp_path.glob("*.json"))
    assert len(entries) == 1
    assert not list(tmp_path.glob(".tmp-*"))
    assert OutputCache(tmp_path).get(entries[0].stem)["cells"] == {n: o.to_json() for n, o in outputs[0].items()}


def test_outputs_are_deterministic_run_to_run(tmp_path: Path) -> None:
    """Two independent runs (no cache) print the same text: seeded RNG, no addresses, no absolute paths."""
    source = tmp_path / "snippets"
    source.mkdir()
    shutil.copy(FAULTY / "good.py", source / "good.py")
    (source / "random.py").write_text(
        "# %% draw\nimport torch, random, numpy, warnings\n"
        "print(torch.rand(3), random.random(), numpy.random.rand())\nwarnings.warn('careful')\n"
    )
    runs = []
    for attempt in range(2):
        executor = Executor(OutputCache(tmp_path / f"cache{attempt}"))
        try:
            files = [load_snippet(source, name) for name in ("good.py", "random.py")]
            runs.append({path: result.cells for path, result in executor.run(files).items()})
        finally:
            executor.close()
    assert runs[0] == runs[1]
    assert runs[0]["random.py"]["draw"].output.endswith("UserWarning: careful\n")


def test_output_written_below_python_is_kept(tmp_path: Path, executor: Executor) -> None:
    (tmp_path / "low.py").write_text("# %% low\nimport os\nwritten = os.write(1, b'from C\\n')\n")
    result = executor.run([load_snippet(tmp_path, "low.py")])["low.py"]
    assert result.cells["low"].output == "from C\n"


def test_snippets_run_torch_on_the_same_mkl_path_on_every_machine(tmp_path: Path, executor: Executor) -> None:
    # builder/torch_env.py: on an AVX-512 Intel CPU, unpinned, 1.7 % of these values would differ in their last bit
    import hashlib

    import numpy as np
    import torch

    from npgrad import mkl_math

    x = torch.linspace(-20, 20, 100_001)
    (tmp_path / "digits.py").write_text(
        "# %% digits\nimport hashlib, os, torch\n"
        "x = torch.linspace(-20, 20, 100_001)\n"
        "print(os.environ['MKL_ENABLE_INSTRUCTIONS'], hashlib.sha256(torch.exp(x).numpy().tobytes()).hexdigest())\n"
    )
    result = executor.run([load_snippet(tmp_path, "digits.py")])["digits.py"]
    expected = hashlib.sha256(mkl_math.exp(x.numpy().astype(np.float32)).tobytes()).hexdigest()
    assert result.cells["digits"].output == f"{TORCH_ENV['MKL_ENABLE_INSTRUCTIONS']} {expected}\n"
