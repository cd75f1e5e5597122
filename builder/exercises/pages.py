"""What one language build needs from the exercises: every `{{ exercise chapter/name }}` line of every language
found, each exercise loaded and proved with torch (or read from the cache), and each page's exercises rendered.
Shared by the MkDocs hook and the tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.exercises.exercise_file import Exercise, load_exercise
from builder.exercises.expected import expected_results, problems
from builder.exercises.render import data_script, render_exercise, render_index
from builder.references import EXERCISE, EXERCISE_INDEX, directive_lines, fenced, in_folder
from builder.render import render_failure
from builder.snippet_file import SnippetError

TITLE = re.compile(r"^# (?P<title>.+?)(\s*\{[^}]*\})?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ExerciseReference:
    id: str
    page: str  # e.g. docs/ko/tensors.md
    line: int


def find_exercises(markdown: str, page: str) -> list[ExerciseReference]:
    lines = directive_lines(markdown, page, EXERCISE, "exercise", "{{ exercise chapter/name }}")
    return [ExerciseReference(m["id"], page, number) for number, m in lines]


def nav_files(nav: list | None) -> list[str]:
    """The page files of a MkDocs `nav` (nested sections, `title: file` items), in navigation order."""
    files: list[str] = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += nav_files(value) if isinstance(value, list) else [value]
    return files


@dataclass
class ExercisePages:
    root: Path  # the project
    docs: Path  # this language's docs folder
    language: str
    languages: tuple[str, ...]  # every language's folder under docs/, the default first
    cache: Path
    nav: list[str] = field(default_factory=list)  # page files in navigation order, for the index
    problems: list[str] = field(default_factory=list)
    exercises: dict[str, Exercise] = field(default_factory=dict)
    specs: dict[str, dict[str, Any]] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)  # ids run with torch by the last prepare (the rest were cached)
    _failed: dict[str, str] = field(default_factory=dict)

    def prepare(self) -> None:
        self.problems.clear()
        self._failed.clear()
        by_language: dict[str, list[ExerciseReference]] = {}
        for language in self.languages:
            try:
                by_language[language] = in_folder(self.docs.parent / language, f"docs/{language}", find_exercises)
            except SnippetError as error:
                self.problems.append(str(error))
                by_language[language] = []
        self._check_languages_agree(by_language)
        ids = list(dict.fromkeys(r.id for refs in by_language.values() for r in refs))
        self.exercises = {}
        for exercise_id in ids:
            try:
                self.exercises[exercise_id] = load_exercise(self.root / "exercises", exercise_id, self.languages)
            except SnippetError as error:
                self._fail(exercise_id, str(error))
        for file in sorted((self.root / "exercises").rglob("*.py")):
            exercise_id = file.relative_to(self.root / "exercises").with_suffix("").as_posix()
            if exercise_id not in ids:
                line = f"{{{{ exercise {exercise_id} }}}}"
                self.problems.append(f"exercises/{exercise_id}.py: no page embeds it with a line {line}")
        try:
            results, self.ran = expected_results(list(self.exercises.values()), self.cache, self.root)
        except (RuntimeError, OSError) as error:
            for exercise_id in self.exercises:
                self._fail(exercise_id, f"exercises/{exercise_id}.py: {error}")
            return
        self.specs = {}
        for exercise_id, exercise in self.exercises.items():
            found = problems(exercise, results[exercise_id])
            if found:
                self._fail(exercise_id, "\n".join(found))
            else:
                self.specs[exercise_id] = results[exercise_id]["spec"]

    def _check_languages_agree(self, by_language: dict[str, list[ExerciseReference]]) -> None:
        def order(language: str) -> list[tuple[str, str]]:
            refs = by_language[language]
            return [(Path(r.page).relative_to(f"docs/{language}").as_posix(), r.id) for r in refs]

        first = self.languages[0]
        for language in self.languages[1:]:
            if order(language) != order(first):
                self.problems.append(
                    f"docs/{language}: its pages embed other exercises, or in another order, than docs/{first}'s: "
                    f"{order(language)} != {order(first)}"
                )

    def _fail(self, exercise_id: str, message: str) -> None:
        self.problems.append(message)
        self._failed[exercise_id] = message

    def _chapters(self) -> list[tuple[str, str, list[Exercise]]]:
        chapters = []
        for page in self.nav:
            file = self.docs / page
            if not file.is_file():
                continue
            markdown = file.read_text(encoding="utf-8")
            ids = [r.id for r in find_exercises(markdown, page) if r.id in self.specs]
            title = TITLE.search(markdown)
            if ids and title:
                chapters.append((page, title["title"], [self.exercises[i] for i in ids]))
        return chapters

    def uses_sandbox(self, markdown: str) -> bool:
        """Whether the page shows exercises or the exercises index (the sandbox checks them and shows progress)."""
        return any(
            kind == "text" and (EXERCISE.match(line) or EXERCISE_INDEX.match(line))
            for _, line, kind in fenced(markdown)
        )

    def render_page(self, markdown: str, page: str) -> str:
        lines = markdown.split("\n")
        shown: list[Exercise] = []
        for number, line, kind in fenced(markdown):
            if kind != "text":
                continue
            if EXERCISE_INDEX.match(line):
                lines[number - 1] = render_index(self._chapters(), self.language)
            elif match := EXERCISE.match(line):
                exercise_id = match["id"]
                if exercise_id in self._failed:
                    lines[number - 1] = render_failure(self._failed[exercise_id], self.language)
                elif exercise_id in self.specs:
                    lines[number - 1] = render_exercise(self.exercises[exercise_id], self.language)
                    shown.append(self.exercises[exercise_id])
        if shown:
            lines += ["", data_script(shown, self.specs)]
        return "\n".join(lines)
