"""The cell runner that the build's worker and the browser's runner share (sandbox/cell_runner), on its own."""

from __future__ import annotations

import json
import sys

import pytest

from cell_runner import CellError, CellResult, OutputLimitExceeded, SyntaxPlace, run_cell


def test_streams_in_order_then_the_trailing_value() -> None:
    written: list[tuple[str, str]] = []
    result = run_cell("import sys\nprint('a')\nsys.stderr.write('b\\n')\n[1] * 2", {}, lambda *w: written.append(w))
    assert written == [("stdout", "a"), ("stdout", "\n"), ("stderr", "b\n"), ("stdout", "[1, 1]\n")]
    assert result == CellResult("a\nb\n[1, 1]\n", None)
    assert result.value == [1, 1]


def test_a_none_value_is_not_shown_and_the_namespace_is_kept() -> None:
    namespace: dict = {}
    assert run_cell("x = 41\nNone", namespace) == CellResult("", None)
    assert run_cell("x + 1", namespace).output == "42\n"


def test_errors_name_the_files_real_lines_and_frames_of_earlier_cells() -> None:
    namespace: dict = {}
    run_cell("def f(n):\n    return 1 / n", namespace, filename="snippets/f.py", first_line=3)
    result = run_cell("y = 2\nf(0)", namespace, filename="snippets/f.py", first_line=8)
    error = result.error
    assert error is not None
    assert (error.type, error.qualified_type, error.message) == (
        "ZeroDivisionError",
        "builtins.ZeroDivisionError",
        "division by zero",
    )
    assert (error.line, error.statement_line, error.syntax) == (4, 9, None)
    assert error.last_line == "ZeroDivisionError: division by zero"
    assert error.traceback == (
        "Traceback (most recent call last):\n"
        '  File "snippets/f.py", line 9, in <module>\n    f(0)\n'
        '  File "snippets/f.py", line 4, in f\n    return 1 / n\n           ~~^~~\n'
        "ZeroDivisionError: division by zero\n"
    )


def test_a_cell_that_does_not_parse_says_where() -> None:
    error = run_cell("x = (1,", {}, filename="snippets/s.py", first_line=5).error
    assert error is not None
    assert error.syntax == SyntaxPlace(5, "x = (1,")
    assert (error.type, error.line, error.message) == ("SyntaxError", 5, "'(' was never closed")
    assert "runner" not in error.traceback


def test_only_the_cells_own_syntax_error_has_a_place() -> None:
    error = run_cell('eval("1 +")', {}, filename="snippets/e.py").error
    assert error is not None
    assert error.type == "SyntaxError"
    assert error.syntax is None


def test_a_flood_stops_the_cell_and_restores_the_streams() -> None:
    def write(kind: str, text: str) -> None:
        raise OutputLimitExceeded

    before = sys.stdout
    with pytest.raises(OutputLimitExceeded):
        run_cell("try:\n    print('x')\nexcept Exception:\n    pass", {}, write)
    assert sys.stdout is before


def test_results_cross_processes_as_json_and_back_unchanged() -> None:
    result = run_cell("x = (1,", {}, filename="snippets/s.py")
    assert CellResult.from_dict(json.loads(json.dumps(result.to_json()))) == result
    ok = run_cell("print(1)", {})
    assert CellResult.from_dict(json.loads(json.dumps(ok.to_json()))) == ok


def test_an_error_recorded_without_a_traceback_reads_back_as_such() -> None:
    stored = {
        "type": "E",
        "qualified_type": "m.E",
        "message": "m",
        "last_line": "m.E: m",
        "line": 1,
        "statement_line": 1,
        "syntax": None,
    }
    error = CellError.from_dict(stored)
    assert error.traceback is None
    assert error.to_json() == stored
