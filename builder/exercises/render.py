"""Exercises as the Markdown a page shows: title, task, starter, hints and solution, readable without the sandbox;
the sandbox (sandbox/web/src/exercises.js) turns the starter into an editor with Check, using the data script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder.exercises.exercise_file import Exercise, anchor, parse_text
from builder.references import EXERCISE, fenced
from builder.translations import texts


def _code(code: str) -> str:
    fence = "`" * max(3, max((len(run) for run in code.split("\n") if set(run) == {"`"}), default=0) + 1)
    return f"{fence}python\n{code}\n{fence}"


def render_exercise(exercise: Exercise, language: str) -> str:
    text, say = exercise.texts[language], texts(language)
    hints = [
        f'<details class="exercise-hint" markdown="1">\n'
        f"<summary>{say('exercise.hint', n=n, total=len(text.hints))}</summary>\n\n{hint}\n\n</details>"
        for n, hint in enumerate(text.hints, start=1)
    ]
    parts = [
        f'<div class="exercise" data-exercise="{exercise.id}" data-kind="{exercise.kind}" markdown="1">',
        f"### {text.title} {{ #{exercise.anchor} }}",
        f'<p class="exercise-kind">{say.section("exercise.kinds")[exercise.kind]}</p>',
        text.task,
        f'<div class="exercise-starter" markdown="1" role="group" aria-label="{say("exercise.starter")}">\n\n'
        f"{_code(exercise.starter)}\n\n</div>",
        *hints,
        f'<details class="exercise-solution" markdown="1">\n<summary>{say("exercise.solution")}</summary>\n\n'
        f"{_code(exercise.solution)}\n\n</details>",
        f'<p class="exercise-no-sandbox">{say("exercise.no_sandbox")}</p>',
        "</div>",
    ]
    return "\n\n".join(parts)


def data_script(exercises: list[Exercise], specs: dict[str, dict[str, Any]]) -> str:
    """What the browser needs to check each exercise of a page: the starter (the editor's first text) and the
    spec, kept as a JSON string that only Python reads (it may hold NaN, which JavaScript's JSON cannot)."""
    data = {e.id: {"starter": e.starter, "solution": e.solution, "spec": json.dumps(specs[e.id])} for e in exercises}
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="exercise-data">{payload}</script>'


def render_index(chapters: list[tuple[str, str, list[Exercise]]], language: str) -> str:
    """Every exercise of every chapter, chapter by chapter: (page file, chapter title, its exercises)."""
    say = texts(language)
    kinds = say.section("exercise.kinds")
    parts = ['<div class="exercise-index" markdown="1">']
    for page, title, exercises in chapters:
        slug = page.removesuffix(".md")
        parts.append(f'### [{title}]({page}) {{ #index-{slug} data-chapter="{slug}" }}')
        items = [
            f'- <span class="exercise-state" data-exercise="{e.id}"></span> '
            f"[{e.texts[language].title}]({page}#{e.anchor}) · {kinds[e.kind]}"
            for e in exercises
        ]
        parts.append("\n".join(items))
    parts.append("</div>")
    return "\n\n".join(parts)


def for_notebook(markdown: str, page: str, exercises: Path, language: str) -> str:
    """The page with each exercise line as a link to the exercise on the site: checking needs the site's sandbox,
    and a fill-in starter would stop a notebook's Run All."""
    say, lines = texts(language), markdown.split("\n")
    for number, line, kind in fenced(markdown):
        if kind == "text" and (match := EXERCISE.match(line)):
            file = exercises / f"{match['id']}.{language}.md"
            text = parse_text(file.read_text(encoding="utf-8"), str(file)) if file.is_file() else None
            title = text.title if text else match["id"]
            line = say("exercise.notebook_line", title=title, page=Path(page).name, anchor=anchor(match["id"]))
            lines[number - 1] = line
    return "\n".join(lines)
