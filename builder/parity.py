"""The two languages must be the same site in two tongues: the same pages, headings (by id) and snippet cells, in the
same order. Prose may differ freely. The build reports every difference like any other problem (file:line, what,
`->` what to do) and the preview shows it on the pages concerned."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from builder.figures.references import find_figures
from builder.references import fenced, find_references
from builder.snippet_file import SnippetError
from builder.translations import LANGUAGES

HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#(?P<id>[A-Za-z][\w-]*)\s*\}\s*$")
NOT_RUNNABLE = "<!-- not-runnable:"
SAME_ORDER = "both languages need the same heading ids, not-runnable blocks and snippet cells, in the same order"


@dataclass(frozen=True)
class Mismatch:
    """One difference between the languages, and the pages (e.g. docs/ko/p.md) that should show it."""

    error: SnippetError
    pages: tuple[str, ...]

    def __str__(self) -> str:
        return str(self.error)


@dataclass(frozen=True)
class Item:
    line: int
    text: str  # `## #id`, `not-runnable` or `snippet file#cell`


def structure(markdown: str, page: str) -> tuple[list[Mismatch], list[Item], list[Item]]:
    """(problems, outline, snippets) of a page: its headings as `## #id` and not-runnable blocks in order, and its
    snippet cells as `snippet file#cell` then its figures, in order; a heading without an id is a problem."""
    problems, outline = [], []
    for number, line, kind in fenced(markdown):
        if kind != "text":
            continue
        if line.startswith(NOT_RUNNABLE):
            outline.append(Item(number, "not-runnable"))
        elif match := HEADING.match(line):
            if found := EXPLICIT_ID.search(match["text"]):
                outline.append(Item(number, f"{match['level']} #{found['id']}"))
            else:
                hint = f"end it with an English id, the same in every language: {line.strip()} {{ #{_slug(line)} }}"
                problems.append(Mismatch(SnippetError(f"{page}:{number}", "heading without { #id }", hint), (page,)))
    try:
        snippets = [Item(r.line, f"snippet {r.path}#{r.cell}") for r in find_references(markdown, page)]
        snippets += [Item(f.line, f"figure {f.path}#{f.cell} {f.key}") for f in find_figures(markdown, page)]
    except SnippetError as error:
        problems.append(Mismatch(error, (page,)))
        snippets = []
    return problems, outline, snippets


def language_mismatches(docs: Path, languages: tuple[str, ...] = LANGUAGES) -> list[Mismatch]:
    """Every difference in structure between the language folders under `docs`."""
    problems: list[Mismatch] = []
    pages = {lang: {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")} for lang in languages}
    for page in sorted(set().union(*pages.values())):
        have = [lang for lang in languages if page in pages[lang]]
        if len(have) < len(languages):
            missing = [f"docs/{lang}/{page}" for lang in languages if lang not in have]
            where = f"docs/{have[0]}/{page}"
            error = SnippetError(
                f"{where}:1",
                f"this page has no {' or '.join(missing)}",
                f"every page exists in every language: add {missing[0]} with the same headings and snippet cells, "
                "or remove this page",
            )
            problems.append(Mismatch(error, tuple(f"docs/{lang}/{page}" for lang in have)))
            continue
        found = {}
        for lang in languages:
            name = f"docs/{lang}/{page}"
            own, outline, snippets = structure((docs / lang / page).read_text(encoding="utf-8"), name)
            problems += own
            found[lang] = (outline, snippets)
        first, *others = languages
        for other in others:
            for part in (0, 1):
                difference = _difference(
                    f"docs/{first}/{page}", f"docs/{other}/{page}", found[first][part], found[other][part]
                )
                if difference is not None:
                    problems.append(difference)
    return problems


def compare_languages(docs: Path, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """`language_mismatches` as readable messages."""
    return [str(problem) for problem in language_mismatches(docs, languages)]


def _difference(a: str, b: str, left: list[Item], right: list[Item]) -> Mismatch | None:
    for x, y in zip(left, right, strict=False):
        if x.text != y.text:
            error = SnippetError(f"{a}:{x.line}", f"'{x.text}' where {b}:{y.line} has '{y.text}'", SAME_ORDER)
            return Mismatch(error, (a, b))
    if len(left) == len(right):
        return None
    (page, longer), other = ((a, left), b) if len(left) > len(right) else ((b, right), a)
    extra = longer[min(len(left), len(right))]
    error = SnippetError(f"{page}:{extra.line}", f"'{extra.text}' has no counterpart in {other}", SAME_ORDER)
    return Mismatch(error, (a, b))


def _slug(heading: str) -> str:
    match = HEADING.match(heading)
    if match is None:
        raise ValueError(f"not a Markdown heading: {heading!r}")
    text = match["text"]
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "an-english-id"
