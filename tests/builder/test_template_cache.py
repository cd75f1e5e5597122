"""Templates compiled once per process across MkDocs' per-build environments, and compiled anew when edited."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment

from builder.template_cache import MemoryBytecodeCache


def environment(cache: MemoryBytecodeCache, source: str) -> Environment:
    return Environment(loader=DictLoader({"page.html": source}), bytecode_cache=cache)


def test_a_new_environment_reuses_the_compiled_template(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = MemoryBytecodeCache()
    assert environment(cache, "<p>{{ title }}</p>").get_template("page.html").render(title="A") == "<p>A</p>"
    monkeypatch.setattr(Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert environment(cache, "<p>{{ title }}</p>").get_template("page.html").render(title="B") == "<p>B</p>"


def test_an_edited_template_is_compiled_anew() -> None:
    cache = MemoryBytecodeCache()
    environment(cache, "<p>{{ title }}</p>").get_template("page.html")
    assert environment(cache, "<h1>{{ title }}</h1>").get_template("page.html").render(title="C") == "<h1>C</h1>"
