"""What a language's build says about its snippets: every problem (an error, so a strict build fails), stale GPU
capture (a warning: the preview shows it, a strict build fails) and CUDA file not yet captured (a notice: the page
says so in place). Each language's build checks every language's pages, so the second would repeat the first word
for word: it says so in one line instead."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from builder.pages import SnippetPages
from builder.translations import DEFAULT_LANGUAGE

Messages = tuple[list[str], list[str], list[str]]  # problems, warnings, notices


@dataclass
class Reported:
    """What the previous language's build reported (the default language is built first)."""

    language: str | None = None
    messages: Messages | None = None


def snippet_report(pages: SnippetPages, previous: Reported) -> list[tuple[int, str]]:
    """(logging level, message) for each thing to report after `pages.prepare()`; updates `previous`."""
    messages: Messages = (list(pages.problems), list(pages.warnings), list(pages.uncaptured))
    default = DEFAULT_LANGUAGE  # built first (builder.site, scripts/serve.py), so always reported in full
    report: list[tuple[int, str]]
    if previous.language == default != pages.language and previous.messages == messages and any(messages):
        problems, warnings, notices = (len(kind) for kind in messages)
        counts = f"{problems} error(s), {warnings} warning(s), {notices} notice(s)"
        level = logging.ERROR if problems else logging.WARNING if warnings else logging.INFO
        report = [(level, f"docs/{pages.language}: the same {counts} as the docs/{previous.language} build above")]
    else:
        report = [(logging.ERROR, message) for message in pages.problems]
        report += [(logging.WARNING, message) for message in pages.warnings]
        report += [(logging.INFO, message) for message in pages.uncaptured]
    previous.language, previous.messages = pages.language, messages
    return report
