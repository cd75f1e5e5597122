"""Exercise files: `exercises/<chapter>/<name>.py` in cells, and `<name>.<language>.md` texts beside them.

    # exercise: kind="write" answer="y" requires="shares:y:x"
    # %% inputs            (defines CASES, a list of dicts of the inputs the reader's code sees)
    # %% starter           (what the editor shows first; must not pass)
    # %% solution          (the reference; run with torch at build time, it makes the expected results)
    # %% wrong-copy fails="property"   (a typical mistake, which must fail for that reason)

The contributor guide (docs/*/contributing.md, "Exercises") documents the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.snippet_file import CELL_HEADER, CELL_NAME, SnippetError, parse_options
from exercise_check import REASONS

FILE_HEADER = re.compile(r"^# exercise:(?P<rest>.*)$")
FILE_OPTIONS = {"kind", "answer", "grads", "requires", "atol", "rtol"}
KINDS = ("predict", "write", "fill")
REQUIRED_CELLS = ("inputs", "starter", "solution")
HINT = "<!-- hint -->"
MAX_HINTS = 3
EXERCISE_ID = re.compile(r"^[a-z0-9_]+/[a-z0-9_]+$")


@dataclass(frozen=True)
class Wrong:
    name: str
    fails: str  # the reason the checker must give
    code: str


@dataclass(frozen=True)
class Text:
    title: str
    task: str
    hints: tuple[str, ...]


@dataclass(frozen=True)
class Exercise:
    id: str  # "<chapter>/<name>"
    source: str
    kind: str
    answer: tuple[str, ...]
    grads: tuple[str, ...]
    requires: tuple[str, ...]
    atol: float | None
    rtol: float | None
    inputs: str
    starter: str
    solution: str
    wrongs: tuple[Wrong, ...]
    texts: dict[str, Text] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return anchor(self.id)


def anchor(exercise_id: str) -> str:
    """The exercise's heading id on its page: `tensors/view_no_copy` -> `ex-tensors-view-no-copy`."""
    return "ex-" + exercise_id.replace("/", "-").replace("_", "-")


def _where(exercise_id: str, line: int | None = None) -> str:
    return f"exercises/{exercise_id}.py" + (f":{line}" if line else "")


def parse_exercise(exercise_id: str, source: str) -> Exercise:
    """Read an exercise's .py source; raise SnippetError naming the line of any mistake."""
    options: dict[str, str] | None = None
    cells: dict[str, tuple[int, dict[str, str], list[str]]] = {}
    current: list[str] | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        if match := FILE_HEADER.match(line):
            options = parse_options(match["rest"], FILE_OPTIONS, _where(exercise_id, number))
        elif match := CELL_HEADER.match(line):
            name, _, rest = match["rest"].strip().partition(" ")
            if not CELL_NAME.match(name) or name in cells:
                raise SnippetError(_where(exercise_id, number), f"cell name {name!r} is invalid or used twice")
            current = []
            cells[name] = (number, parse_options(rest, {"fails"}, _where(exercise_id, number)), current)
        elif current is not None:
            current.append(line)
    if options is None:
        raise SnippetError(_where(exercise_id, 1), "no '# exercise:' line", 'start with # exercise: kind="write"')
    for name in REQUIRED_CELLS:
        if name not in cells:
            needed = f"cells needed: {', '.join(REQUIRED_CELLS)}"
            raise SnippetError(_where(exercise_id), f"no '# %% {name}' cell", needed)
    kind = options.get("kind", "")
    if kind not in KINDS:
        raise SnippetError(_where(exercise_id), f'kind="{kind}" is not one of {", ".join(KINDS)}')
    code = {name: "\n".join(lines).strip("\n") for name, (_, _, lines) in cells.items()}
    wrongs = []
    for name, (number, cell_options, _) in cells.items():
        if name in REQUIRED_CELLS:
            if cell_options:
                raise SnippetError(_where(exercise_id, number), f"only wrong-<name> cells take fails=, not {name!r}")
            continue
        if not name.startswith("wrong-"):
            raise SnippetError(_where(exercise_id, number), f"unknown cell {name!r}", "name wrong answers wrong-<name>")
        if cell_options.get("fails") not in REASONS:
            raise SnippetError(_where(exercise_id, number), f"{name}: fails= must be one of {', '.join(REASONS)}")
        wrongs.append(Wrong(name, cell_options["fails"], code[name]))
    if not wrongs:
        raise SnippetError(_where(exercise_id), "no wrong answer declared", 'add a cell # %% wrong-<name> fails="..."')

    def words(key: str) -> tuple[str, ...]:  # comma- or space-separated names
        return tuple(options.get(key, "").replace(",", " ").split())

    return Exercise(
        id=exercise_id,
        source=source,
        kind=kind,
        answer=words("answer") or ("answer",),
        grads=words("grads"),
        requires=words("requires"),
        atol=float(options["atol"]) if "atol" in options else None,
        rtol=float(options["rtol"]) if "rtol" in options else None,
        inputs=code["inputs"],
        starter=code["starter"],
        solution=code["solution"],
        wrongs=tuple(wrongs),
    )


def parse_text(markdown: str, where: str) -> Text:
    """`# Title`, the task, then one to three hints, each after a line `<!-- hint -->`."""
    lines = markdown.strip().split("\n")
    if not lines or not lines[0].startswith("# "):
        raise SnippetError(f"{where}:1", "the first line must be the title, '# Title'")
    task, *hints = "\n".join(lines[1:]).split(f"\n{HINT}\n")
    hints = [h.strip() for h in hints]
    if not task.strip() or not 1 <= len(hints) <= MAX_HINTS or not all(hints):
        raise SnippetError(where, f"needs a task and 1 to {MAX_HINTS} hints, each after a line '{HINT}'")
    return Text(lines[0][2:].strip(), task.strip(), tuple(hints))


def load_exercise(root: Path, exercise_id: str, languages: tuple[str, ...]) -> Exercise:
    """The exercise `<chapter>/<name>` under `root` (the exercises folder), with its text in every language."""
    if not EXERCISE_ID.match(exercise_id):
        raise SnippetError(f"exercises/{exercise_id}", "an exercise is named <chapter>/<name> (a-z, 0-9, _)")
    file = root / f"{exercise_id}.py"
    if not file.is_file():
        raise SnippetError(_where(exercise_id), "no such exercise file", f"create it under {root}/")
    exercise = parse_exercise(exercise_id, file.read_text(encoding="utf-8"))
    for language in languages:
        text, where = root / f"{exercise_id}.{language}.md", f"exercises/{exercise_id}.{language}.md"
        if not text.is_file():
            raise SnippetError(where, "missing: every exercise has a text per language")
        exercise.texts[language] = parse_text(text.read_text(encoding="utf-8"), where)
    return exercise
