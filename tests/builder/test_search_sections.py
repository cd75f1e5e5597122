"""Material's search index with each distinct page parsed once per process: the same entries as Material's own
parser gives, a page's title never leaking to another page with the same HTML, and a loud failure if Material's
parser moves."""

from __future__ import annotations

from html.parser import HTMLParser
from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search import plugin as search_plugin

from builder import search_sections
from builder.process_memo import ProcessMemo

HTML = '<h2 id="shape">Shape</h2><p>A tensor has a <code>shape</code>.</p><h2 id="dtype">dtype</h2><p>float32</p>'


def page(title: str, url: str, content: str = HTML) -> Any:
    return SimpleNamespace(meta={}, content=content, toc=[], url=url, title=title)


def entries(*pages: Any) -> list[dict[str, Any]]:
    index = search_plugin.SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    for each in pages:
        index.add_entry_from_context(each)
    return index.entries


@pytest.fixture
def remembering(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Search sections remembered (this test's own memory); returns the HTML that was really parsed."""
    parsed: list[str] = []
    original = HTMLParser.feed

    def counting_feed(self: HTMLParser, data: str) -> None:
        parsed.append(data)
        original(self, data)

    monkeypatch.setattr(search_plugin, "Parser", search_plugin.Parser)  # restored after the test
    monkeypatch.setattr(search_sections, "_parsed", ProcessMemo(limit=1_000))
    monkeypatch.setattr(HTMLParser, "feed", counting_feed)
    search_sections.remember_search_sections()
    return parsed


def test_the_same_html_is_parsed_once_and_gives_materials_entries(remembering: list[str]) -> None:
    first, second = page("Tensors", "tensors/"), page("Tensors", "tensors/")
    remembered = entries(first, second)
    assert remembering == [HTML]
    search_plugin.Parser = search_sections._Parser  # Material's own parser, for the expected entries
    assert remembered == entries(page("Tensors", "tensors/"), page("Tensors", "tensors/"))
    assert [entry["location"] for entry in remembered[:3]] == ["tensors/", "tensors/#shape", "tensors/#dtype"]


def test_a_title_taken_from_one_page_does_not_leak_to_another(remembering: list[str]) -> None:
    shown = entries(page("First", "a/"), page("Second", "b/"))
    assert [entry["title"] for entry in shown if entry["location"] in ("a/", "b/")] == ["First", "Second"]
    assert len(remembering) == 1


def test_a_changed_page_is_parsed_again(remembering: list[str]) -> None:
    entries(page("Tensors", "tensors/"), page("Tensors", "tensors/", HTML.replace("float32", "float64")))
    assert len(remembering) == 2


def test_a_moved_parser_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_sections, "_Section", lambda el, depth=0: SimpleNamespace(el=el))
    with pytest.raises(RuntimeError, match="Material's search parser changed"):
        search_sections.remember_search_sections()
