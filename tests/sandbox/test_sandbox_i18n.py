"""The sandbox's texts in every language, as the browser gets them (src/i18n.js, src/exercise_i18n.js, bundled with
the translations of translations/<language>.json): a cell that cannot run in the browser says why in the page's
language, so every reason a snippet gives (in English, in the snippet file) has its translation; every reason the
exercise checker gives has its feedback in every language, with every placeholder filled."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from builder.snippet_file import load_snippet
from builder.translations import DEFAULT_LANGUAGE, LANGUAGES, load

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "sandbox"))
from exercise_check.check import REASONS  # noqa: E402

SNIPPETS = ROOT / "snippets"
TEXTS_CLI = Path(__file__).with_name("texts_cli.mjs")
WRITTEN_IN = "en"  # the language snippet files give their reasons in
# A verdict of every shape the checker gives (sandbox/exercise_check/check.py): each reason, with and without its
# optional parts (a line, an index, a position in a tuple answer).
VERDICTS: list[dict[str, Any]] = [
    {"reason": "error", "error_type": "RuntimeError", "line": 2, "message": "boom"},
    {"reason": "error", "error_type": "SyntaxError", "line": None, "message": "invalid syntax"},
    {"reason": "missing", "name": "y"},
    {"reason": "type", "name": "y", "expected_kind": "tensor", "actual_kind": "none"},
    {"reason": "type", "name": "y", "position": 1, "expected_kind": "number", "actual_kind": "complex"},
    {"reason": "shape", "name": "y", "actual_shape": [2, 3], "expected_shape": [3, 2], "transposed": True},
    {"reason": "shape", "name": "y", "actual_shape": [], "expected_shape": [3], "transposed": False},
    {"reason": "dtype", "name": "y", "actual_dtype": "int64", "expected_dtype": "float32"},
    {
        "reason": "values",
        "name": "y",
        "index": [0, 1],
        "wrong": 2,
        "total": 6,
        "atol": 1e-08,
        "rtol": 1e-05,
        "expected_value": "1.5",
        "actual_value": "2.0",
    },
    {"reason": "values", "name": "y", "actual": "3", "expected": "4"},
    {"reason": "grad", "name": "w", "missing": True},
    {"reason": "grad", "name": "w", "unexpected": True},
    {"reason": "grad", "name": "w", "index": [1], "expected_value": "1.0", "actual_value": "2.0"},
    {"reason": "grad", "name": "w"},
    {"reason": "property", "property": "no-loop", "line": 4},
    {"reason": "property", "property": "shares", "name": "v", "input": "x"},
]


def in_browser(expression: str) -> Any:
    """The value of a JavaScript expression over the bundled texts module `m` (texts_cli.mjs)."""
    done = subprocess.run(
        ["node", str(TEXTS_CLI), expression], capture_output=True, text=True, timeout=120, check=True, cwd=ROOT
    )
    return json.loads(done.stdout)


def reasons_in(language: str) -> dict[str, str]:
    reasons: dict[str, str] = in_browser(f"m.strings({language!r}).reasons")
    return reasons


def snippet_reasons() -> set[str]:
    files = [load_snippet(SNIPPETS, p.relative_to(SNIPPETS).as_posix()) for p in sorted(SNIPPETS.rglob("*.py"))]
    return {c.sandbox_reason for f in files for c in f.cells if c.sandbox_reason}


def test_snippets_give_reasons() -> None:
    assert "needs a CUDA GPU" in snippet_reasons()  # the reason the build gives a CUDA file by itself
    assert len(snippet_reasons()) >= 5


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != WRITTEN_IN])
def test_every_reason_a_snippet_gives_is_translated(language: str) -> None:
    translated = reasons_in(language)
    assert sorted(snippet_reasons() - set(translated)) == []
    assert all(text and text not in snippet_reasons() for text in translated.values())


def test_english_shows_the_reason_as_written() -> None:
    assert reasons_in(WRITTEN_IN) == {}


def test_the_browser_gets_every_language_and_only_its_own_sections() -> None:
    languages, sections, fallback, default = in_browser(
        "[m.LANGUAGES, Object.keys(m.translation('en')), m.strings('xx'), m.strings(m.DEFAULT_LANGUAGE)]"
    )
    assert languages == list(LANGUAGES)
    assert sections == ["sandbox", "sandbox_exercise"]  # not the build's texts (figures, captures, ...)
    assert fallback == default == in_browser(f"m.strings({DEFAULT_LANGUAGE!r})")
    for language in LANGUAGES:
        assert in_browser(f"m.strings({language!r}).run") == load(language)["sandbox"]["run"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_verdict_has_its_feedback_with_every_placeholder_filled(language: str) -> None:
    shown = in_browser(
        f"[...{json.dumps(VERDICTS)}, {{passed: true, cases: 3}}].flatMap((v) => "
        f"['write', 'predict'].map((kind) => m.feedback(m.exerciseStrings({language!r}), v, kind)))"
    )
    reasons = {verdict["reason"] for verdict in VERDICTS}
    assert reasons == set(REASONS)
    assert len(set(shown)) >= len(VERDICTS)  # each verdict says something of its own
    for text in shown:
        assert text not in reasons, text
        assert not re.search(r"\{\w+\}|undefined|null|\[object", text), text
    templates = in_browser(
        "(({inCase, checkedIn, chapterProgress, passed}) => [inCase(2, 3, ''), inCase(2, 3, 'x=1'), "
        f"checkedIn(12.6), chapterProgress(1, 5), passed(3)])(m.exerciseStrings({language!r}))"
    )
    for text in templates:
        assert not re.search(r"\{\w+\}|undefined", text), text
    assert "x=1" in templates[1]
    assert "x=1" not in templates[0]
    assert "13" in templates[2]
