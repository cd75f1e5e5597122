"""Exercises as the Markdown a page shows: title, task, starter, hints and solution, readable without the sandbox;
the sandbox (sandbox/web/src/exercises.js) turns the starter into an editor with Check, using the data script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypedDict

from builder.exercises.exercise_file import Exercise, anchor, parse_text
from builder.references import EXERCISE, fenced


class Labels(TypedDict):
    """One language's texts around an exercise."""

    kinds: dict[str, str]  # exercise kind -> its name
    hint: str  # formatted with n and total
    solution: str
    starter: str
    no_sandbox: str
    index_state: str


LABELS: dict[str, Labels] = {
    "ko": {
        "kinds": {"predict": "출력 예측", "write": "코드 작성", "fill": "빈칸 채우기"},
        "hint": "힌트 {n}/{total}",
        "solution": "풀이 보기",
        "starter": "시작 코드",
        "no_sandbox": "답을 확인하려면 브라우저 샌드박스가 필요합니다. 샌드박스가 시작되지 않으면 과제, 힌트, "
        "풀이는 그대로 볼 수 있습니다.",
        "index_state": "상태",
    },
    "en": {
        "kinds": {"predict": "Predict the output", "write": "Write the code", "fill": "Fill in the blanks"},
        "hint": "Hint {n} of {total}",
        "solution": "Show the solution",
        "starter": "Starter code",
        "no_sandbox": "Checking your answer needs the in-browser sandbox. Where it cannot start, the task, the hints "
        "and the solution are still here to read.",
        "index_state": "State",
    },
}


def _code(code: str) -> str:
    fence = "`" * max(3, max((len(run) for run in code.split("\n") if set(run) == {"`"}), default=0) + 1)
    return f"{fence}python\n{code}\n{fence}"


def render_exercise(exercise: Exercise, language: str) -> str:
    text, labels = exercise.texts[language], LABELS[language]
    hints = [
        f'<details class="exercise-hint" markdown="1">\n'
        f"<summary>{labels['hint'].format(n=n, total=len(text.hints))}</summary>\n\n{hint}\n\n</details>"
        for n, hint in enumerate(text.hints, start=1)
    ]
    parts = [
        f'<div class="exercise" data-exercise="{exercise.id}" data-kind="{exercise.kind}" markdown="1">',
        f"### {text.title} {{ #{exercise.anchor} }}",
        f'<p class="exercise-kind">{labels["kinds"][exercise.kind]}</p>',
        text.task,
        f'<div class="exercise-starter" markdown="1" role="group" aria-label="{labels["starter"]}">\n\n'
        f"{_code(exercise.starter)}\n\n</div>",
        *hints,
        f'<details class="exercise-solution" markdown="1">\n<summary>{labels["solution"]}</summary>\n\n'
        f"{_code(exercise.solution)}\n\n</details>",
        f'<p class="exercise-no-sandbox">{labels["no_sandbox"]}</p>',
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
    kinds = LABELS[language]["kinds"]
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


NOTEBOOK_LINE = {
    "ko": "**연습 문제: {title}** — [사이트에서 풀고 답을 확인하세요]({page}#{anchor})",
    "en": "**Exercise: {title}** — [solve it and check your answer on the site]({page}#{anchor})",
}


def for_notebook(markdown: str, page: str, exercises: Path, language: str) -> str:
    """The page with each exercise line as a link to the exercise on the site: checking needs the site's sandbox,
    and a fill-in starter would stop a notebook's Run All."""
    lines = markdown.split("\n")
    for number, line, kind in fenced(markdown):
        if kind == "text" and (match := EXERCISE.match(line)):
            file = exercises / f"{match['id']}.{language}.md"
            text = parse_text(file.read_text(encoding="utf-8"), str(file)) if file.is_file() else None
            title = text.title if text else match["id"]
            line = NOTEBOOK_LINE[language].format(title=title, page=Path(page).name, anchor=anchor(match["id"]))
            lines[number - 1] = line
    return "\n".join(lines)
