"""What each language's build logs about its snippets (builder/snippet_report.py): everything once, and a second
language that found the very same says so in one line."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from builder.snippet_report import Reported, snippet_report


def found(language: str, problems: list[str], warnings: Sequence[str] = (), uncaptured: Sequence[str] = ()) -> Any:
    """What SnippetPages.prepare() leaves for the report."""
    return SimpleNamespace(language=language, problems=problems, warnings=list(warnings), uncaptured=list(uncaptured))


def test_the_second_language_does_not_repeat_the_first_word_for_word() -> None:
    previous = Reported()
    first = snippet_report(found("ko", ["a"], ["stale"], ["not yet"]), previous)
    assert first == [(logging.ERROR, "a"), (logging.WARNING, "stale"), (logging.INFO, "not yet")]
    second = snippet_report(found("en", ["a"], ["stale"], ["not yet"]), previous)
    message = "docs/en: the same 1 error(s), 1 warning(s), 1 notice(s) as the docs/ko build above"
    assert second == [(logging.ERROR, message)]


def test_anything_different_is_reported_in_full() -> None:
    previous = Reported()
    snippet_report(found("ko", ["a"]), previous)
    assert snippet_report(found("en", ["a", "b"]), previous) == [(logging.ERROR, "a"), (logging.ERROR, "b")]
    previous = Reported()
    snippet_report(found("ko", [], ["stale"]), previous)
    assert snippet_report(found("en", [], ["stale"]), previous)[0][0] == logging.WARNING
