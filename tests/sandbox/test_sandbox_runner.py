"""The sandbox's Python runner, under CPython with real torch: the same runner runs in the browser on npgrad."""

from __future__ import annotations

import sys
import types

import pytest
from sandbox_helpers import runner


def run(session: object, code: str) -> tuple[str, dict]:
    parts: list[str] = []
    result = session.run(code, lambda kind, text: parts.append(f"[{kind}]{text}"))
    return "".join(parts), result


def run_numbered(session: object, code: str, number: int) -> tuple[str, dict]:
    parts: list[str] = []
    result = session.run(code, lambda kind, text: parts.append(text), number)
    return "".join(parts), result


def test_stdout_stderr_and_trailing_value_in_order() -> None:
    session = runner.Session()
    text, result = run(session, "import sys\nprint('a')\nsys.stderr.write('b\\n')\n1 + 1")
    assert text == "[stdout]a\n[stderr]b\n[stdout]2\n"
    assert result["error"] is None
    assert result["limit"] is None


def test_none_value_is_not_shown_and_namespace_is_shared() -> None:
    session = runner.Session()
    assert run(session, "x = 41")[0] == ""
    assert run(session, "x + 1")[0] == "[stdout]42\n"
    session.reset()
    assert "NameError: name 'x' is not defined" in run(session, "x")[1]["error"]


def test_traceback_is_cut_to_the_readers_code() -> None:
    session = runner.Session()
    _, result = run(session, "import json\ndef f(s):\n    return json.loads(s)\nf('{')")
    error = result["error"]
    assert error.startswith("Traceback (most recent call last):\n")
    assert 'File "<cell 1>", line 4, in <module>' in error
    assert "line 3, in f" in error
    assert "json" not in error.split("\n", 1)[1].split("json.loads")[0]  # no frame from the json module itself
    assert "decoder.py" not in error
    assert error.rstrip().splitlines()[-1].startswith("json.decoder.JSONDecodeError")
    assert result["error_type"] == "JSONDecodeError"


def test_syntax_error_is_reported_without_internal_frames() -> None:
    _, result = run(runner.Session(), "x = (1,")
    assert result["error_type"] == "SyntaxError"
    assert "runner" not in result["error"]


def test_output_flood_is_stopped() -> None:
    _, result = run(runner.Session(), "while True:\n    print('x' * 1000)")
    assert result["error_type"] == "OutputLimitExceeded"
    assert result["limit"] == "output"


def test_each_line_is_handed_over_when_it_ends_never_half_a_line() -> None:
    parts: list[str] = []
    runner.Session().run(
        "for i in range(3):\n    print('step', i)\nprint('no end', end='')", lambda kind, text: parts.append(text)
    )
    assert parts == ["step 0\n", "step 1\n", "step 2\n", "no end"]


def test_input_says_it_is_not_available() -> None:
    _, result = run(runner.Session(), "name = input('name? ')")
    assert result["limit"] == "input"
    assert "input() is not available in the browser sandbox" in result["error"]


def test_deep_recursion_is_reported_as_such() -> None:
    _, result = run(runner.Session(), "def f(n):\n    return f(n + 1)\nf(0)")
    assert result["limit"] == "recursion"
    assert result["error_type"] == "RecursionError"


def test_a_traceback_names_the_cell_by_the_number_the_page_shows() -> None:
    _, result = run_numbered(runner.Session(), "1 / 0", 7)
    assert 'File "<cell 7>", line 1' in result["error"]


@pytest.mark.parametrize("code", ["joined = [1].index(5)", "a = 1\njoined = [1].index(5)\n"])
def test_carets_stand_under_the_failing_call(code: str) -> None:
    _, result = run_numbered(runner.Session(), code, 1)
    lines = result["error"].splitlines()
    marks = next(i for i, line in enumerate(lines) if line.strip() and set(line.strip()) <= {"^", "~"})
    source, caret = lines[marks - 1], lines[marks]
    start = len(caret) - len(caret.lstrip())
    assert source[start : start + len(caret.strip())] == "[1].index(5)"


def test_drawing_random_numbers_is_noticed_unless_the_engine_matches_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    session = runner.Session()
    assert run(session, "import torch\nx = torch.ones(2)")[1]["random"] is False
    assert run(session, "y = torch.rand(2)")[1]["random"] is True
    monkeypatch.setattr(torch, runner.SAME_RANDOM_AS_TORCH, True, raising=False)
    assert run(session, "y = torch.rand(2)")[1]["random"] is False


def test_the_places_where_npgrad_may_print_other_digits_are_reported_per_cell() -> None:
    saved = runner.install_torch_alias("npgrad")
    try:
        session = runner.Session()
        code = "import torch\nx = torch.tensor([1.0, 2.0])\ny = torch.exp(x) + x.tanh()"
        assert run(session, code)[1]["inexact"] == []  # these print torch's digits
        _, result = run(session, "z = x.double().tanh() + torch.sin(x).double() + (x ** 0.5).double()")
        assert result["inexact"] == ["torch.sin (float32)", "torch.sqrt (float32)", "torch.tanh (float64)"]
        assert run(session, "torch.exp(x)")[1]["inexact"] == []  # each cell reports its own
        assert run(session, "torch.sin(x); 1 / 0")[1]["inexact"] == ["torch.sin (float32)"]  # up to its error too
    finally:
        runner.restore_torch(saved)


def test_torch_alias_routes_torch_and_submodules_to_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = types.ModuleType("fake_engine")
    engine.__path__ = []
    engine.tensor = lambda data: ("fake", data)
    sub = types.ModuleType("fake_engine.nn")
    monkeypatch.setitem(sys.modules, "fake_engine", engine)
    monkeypatch.setitem(sys.modules, "fake_engine.nn", sub)
    saved = runner.install_torch_alias("fake_engine")
    try:
        session = runner.Session()
        assert run(session, "import torch\ntorch.tensor(1)")[0] == "[stdout]('fake', 1)\n"
        assert run(session, "import torch.nn\ntorch.nn is __import__('fake_engine.nn').nn")[0] == "[stdout]True\n"
        error = run(session, "import torch.cuda")[1]["error"]
        assert "ModuleNotFoundError: torch.cuda is not available in the browser sandbox" in error
    finally:
        runner.restore_torch(saved)
    import torch

    assert torch.__name__ == "torch"  # real torch again


def test_graph_uses_torchs_grad_fn_names_and_leaf_shapes() -> None:
    import torch  # noqa: F401 - the cell imports it; torch is pinned, so a missing one is a failure

    _, result = run(
        runner.Session(),
        "import torch\na = torch.ones(2, 3, requires_grad=True)\nb = torch.ones(3, requires_grad=True)\n"
        "y = (a * b).sum()\ny",
    )
    graph = result["graph"]
    labels = [(n["kind"], n["label"], n.get("shape")) for n in graph["nodes"]]
    assert labels == [
        ("output", "y", []),
        ("fn", "SumBackward0", None),
        ("fn", "MulBackward0", None),
        ("leaf", "a", [2, 3]),
        ("leaf", "b", [3]),
    ]
    assert graph["edges"] == [[0, 1], [1, 2], [2, 3], [2, 4]]


def test_graph_of_a_long_chain_is_cut_not_recursive() -> None:
    import torch  # noqa: F401 - the cell imports it; torch is pinned, so a missing one is a failure

    _, result = run(
        runner.Session(), "import torch\nx = torch.ones(1, requires_grad=True)\nfor _ in range(3000):\n    x = x * 1\nx"
    )
    assert result["graph"]["truncated"]
    assert len(result["graph"]["nodes"]) == runner.GRAPH_LIMIT


def test_no_graph_for_plain_values() -> None:
    assert run(runner.Session(), "[1, 2]")[1]["graph"] is None
