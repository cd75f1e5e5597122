"""Every language's texts (translations/<language>.json): the same keys and the same placeholders in each, and every
key the build's code asks for there (so a missing translation, or a text no code shows, fails here)."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path
from typing import Any

import pytest

from builder.figures.render import DRAWERS
from builder.translations import DEFAULT_LANGUAGE, FOLDER, LANGUAGES, flatten, load, texts

ROOT = Path(__file__).resolve().parents[2]
CODE = [*sorted((ROOT / "builder").rglob("*.py")), *sorted((ROOT / "scripts").rglob("*.py"))]
BROWSER_SECTIONS = ("sandbox", "sandbox_exercise")  # shown by sandbox/web (tests/sandbox/test_sandbox_i18n.py)
# Keyed by the English text a snippet file gives (sandbox="no: ..."): only the other languages translate them.
SOURCE_KEYED = "sandbox.reasons"
ACCESSOR = "say"  # the code's name for a language's texts: say = texts(language); say("snippet.output")


def keys(language: str) -> dict[str, Any]:
    return {k: v for k, v in flatten(load(language)).items() if not k.startswith(SOURCE_KEYED + ".")}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def used_in_code() -> tuple[set[str], set[str]]:
    """The keys (and the sections) the code asks for with literal keys: say("key", ...), say.sequence("key"),
    say.section("prefix"), and both branches of say("a") if ... else say("b")."""
    used: set[str] = set()
    sections: set[str] = set()
    for file in CODE:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func, first = node.func, node.args[0]
            if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
                continue
            if isinstance(func, ast.Name) and func.id == ACCESSOR:
                used.add(first.value)
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == ACCESSOR:
                (used if func.attr == "sequence" else sections).add(first.value)
    return used, sections


def test_the_languages_are_the_files() -> None:
    files = {p.stem for p in FOLDER.glob("*.json")} - {"languages"}
    assert sorted(LANGUAGES) == sorted(files)
    assert len(set(LANGUAGES)) == len(LANGUAGES)
    assert DEFAULT_LANGUAGE == LANGUAGES[0] == json.loads((FOLDER / "languages.json").read_text())[0]


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != DEFAULT_LANGUAGE])
def test_every_language_has_the_same_keys(language: str) -> None:
    default, other = keys(DEFAULT_LANGUAGE), keys(language)
    assert sorted(set(default) - set(other)) == [], f"translations/{language}.json lacks these"
    assert sorted(set(other) - set(default)) == [], f"translations/{DEFAULT_LANGUAGE}.json lacks these"


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != DEFAULT_LANGUAGE])
def test_every_text_takes_the_same_placeholders(language: str) -> None:
    default, other = keys(DEFAULT_LANGUAGE), keys(language)
    for key, text in default.items():
        assert type(text) is type(other[key]), key
        pairs = zip(text, other[key], strict=True) if isinstance(text, list) else [(text, other[key])]
        for mine, theirs in pairs:
            assert isinstance(mine, str), key
            assert placeholders(mine) == placeholders(theirs), key
            assert theirs.strip(), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_formats(language: str) -> None:
    """No stray brace: every text is a template, even one without placeholders (say() always formats)."""
    for text in keys(language).values():
        for item in text if isinstance(text, list) else [text]:
            values = dict.fromkeys(placeholders(item), "x")
            item.format(**values)  # raises on a lone { or }


def test_every_key_the_code_asks_for_exists() -> None:
    used, sections = used_in_code()
    assert len(used) >= 40  # the scan finds the code's calls (a renamed accessor would find none)
    assert {"snippet.output", "capture.months", "notebook.links", "figure.storage.storage"} <= used
    for language in LANGUAGES:
        say = texts(language)
        known = set(keys(language))
        assert sorted(used - known) == [], f"translations/{language}.json lacks these"
        for prefix in sections:
            assert say.section(prefix)
        for kind in DRAWERS:  # figures/render.py asks for f"figure.{kind}.title" and f"figure.{kind}.caption"
            assert {f"figure.{kind}.title", f"figure.{kind}.caption"} <= known, kind


def test_every_build_text_is_used() -> None:
    """A text no code shows is a text nobody reviews: the build's sections hold only what the code asks for."""
    used, sections = used_in_code()
    asked = used | {f"figure.{kind}.{part}" for kind in DRAWERS for part in ("title", "caption")}
    build_keys = {k for k in keys(DEFAULT_LANGUAGE) if k.split(".")[0] not in BROWSER_SECTIONS}
    unused = {k for k in build_keys - asked if not any(k.startswith(prefix + ".") for prefix in sections)}
    assert sorted(unused) == []


def test_a_missing_key_or_language_says_where_to_add_it() -> None:
    with pytest.raises(KeyError, match=r"translations/en\.json has no text 'snippet\.nothing'"):
        texts("en")("snippet.nothing")
    with pytest.raises(ValueError, match=r"add translations/xx\.json and list it in translations/languages\.json"):
        texts("xx")
    assert texts("en")("capture.date", year=2026, month_name="May", day=4) == "May 4, 2026"
    assert texts("ko")("capture.date", year=2026, month_name=texts("ko").sequence("capture.months")[4], day=4) == (
        "2026년 5월 4일"
    )
