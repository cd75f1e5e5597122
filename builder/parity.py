"""The two languages must be the same site in two tongues: the same pages, headings (by id) and snippet cells, in the
same order. Prose may differ freely."""

from __future__ import annotations

import re
from pathlib import Path

from builder.figures.references import find_figures
from builder.references import fenced, find_references

HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#(?P<id>[A-Za-z][\w-]*)\s*\}\s*$")
NOT_RUNNABLE = "<!-- not-runnable:"


def structure(markdown: str, page: str) -> tuple[list[str], list[str]]:
    """(problems, structure) of a page: its headings as `## #id` and not-runnable blocks in order, then its snippet
    cells as `snippet file#cell` and figures; a heading without an id is a problem."""
    problems, items = [], []
    for number, line, kind in fenced(markdown):
        if kind != "text":
            continue
        if line.startswith(NOT_RUNNABLE):
            items.append("not-runnable")
        elif match := HEADING.match(line):
            if found := EXPLICIT_ID.search(match["text"]):
                items.append(f"{match['level']} #{found['id']}")
            else:
                problems.append(f"{page}:{number}: heading without {{ #id }}")
    items += [f"snippet {r.path}#{r.cell}" for r in find_references(markdown, page)]
    items += [f"figure {f.path}#{f.cell} {f.key}" for f in find_figures(markdown, page)]
    return problems, items


def compare_languages(docs: Path, languages: tuple[str, ...] = ("ko", "en")) -> list[str]:
    """Every difference in structure between the language folders under `docs`, as readable messages."""
    problems: list[str] = []
    pages = {lang: {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")} for lang in languages}
    everything = set().union(*pages.values())
    for page in sorted(everything):
        missing = [lang for lang in languages if page not in pages[lang]]
        if missing:
            have = [lang for lang in languages if lang not in missing]
            problems.append(f"docs/{have[0]}/{page} has no {'/'.join(missing)} version: add docs/{missing[0]}/{page}")
            continue
        structures = {}
        for lang in languages:
            own, found = structure((docs / lang / page).read_text(encoding="utf-8"), f"docs/{lang}/{page}")
            problems += own
            structures[lang] = found
        first, *others = languages
        for other in others:
            if structures[first] != structures[other]:
                problems.append(_difference(page, first, other, structures[first], structures[other]))
    return problems


def _difference(page: str, a: str, b: str, left: list[str], right: list[str]) -> str:
    for index, (x, y) in enumerate(zip(left, right, strict=False)):
        if x != y:
            return f"{page}: item {index + 1} differs: docs/{a} has '{x}', docs/{b} has '{y}'"
    longer, name = (left, a) if len(left) > len(right) else (right, b)
    return f"{page}: docs/{name} has more: '{longer[min(len(left), len(right))]}'"
