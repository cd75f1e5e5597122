"""The contributor guide's examples, in both languages, are true: its example snippet file runs as it says, the cells
it names exist, its Markdown examples are what the build accepts, and its commands and options exist."""

from __future__ import annotations

import functools
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from builder.cache import OutputCache
from builder.executor import DEFAULT_TIMEOUT, Executor, check
from builder.exercises.exercise_file import load_exercise
from builder.exercises.expected import problems as exercise_problems
from builder.exercises.expected import run_with_torch
from builder.figures.references import FIGURE
from builder.parity import structure
from builder.references import EXERCISE, fenced
from builder.snippet_file import load_snippet, parse_snippet
from builder.translations import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
NOT_RUNNABLE = re.compile(r"^<!-- not-runnable: (?P<reason>.+?) -->$")
ANY_REFERENCE = re.compile(r"\{\{\s*snippet\s+(?P<path>[^#\s]+)#(?P<cell>[^\s}]+)\s*\}\}")


def guide(language: str) -> str:
    return (ROOT / "docs" / language / "contributing.md").read_text(encoding="utf-8")


def examples(language: str, reason: str) -> list[str]:
    """The code blocks of the guide that follow `<!-- not-runnable: reason -->`."""
    blocks, previous, current = [], "", None
    for _, line, kind in fenced(guide(language)):
        if kind == "open":
            marker = NOT_RUNNABLE.match(previous.strip())
            current = [] if marker and marker["reason"] == reason else None
        elif kind == "code" and current is not None:
            if line.strip().startswith(("```", "~~~")):
                blocks.append("\n".join(current) + "\n")
                current = None
            else:
                current.append(line)
        previous = line
    return blocks


def commands(language: str, reason: str) -> list[list[str]]:
    """Each command of the guide's blocks, as words, with `# comments` dropped and `a && b` split."""
    found = []
    for block in examples(language, reason):
        for line in block.splitlines():
            code = line.split(" # ")[0]
            found += [shlex.split(command) for command in code.split("&&") if command.strip()]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_snippet_reference_in_the_guide_names_a_real_cell(language: str) -> None:
    references = [(m["path"], m["cell"]) for m in ANY_REFERENCE.finditer(guide(language))]
    assert len(references) >= 4  # the example, and the real messages
    for path, cell in references:
        assert load_snippet(ROOT / "snippets", path).cell(cell) is not None, f"snippets/{path} has no cell '{cell}'"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_example_snippet_file_runs_as_the_guide_says(language: str, tmp_path: Path) -> None:
    [source] = examples(language, "example snippet file")
    snippet = parse_snippet("lesson/example.py", source)  # names and options are valid
    assert [c.name for c in snippet.cells] == ["make", "bad-view"]
    executor = Executor(OutputCache(tmp_path))
    try:
        result = executor.run([snippet])["lesson/example.py"]
    finally:
        executor.close()
    assert check(snippet, result) == []  # the declared error really happens, from the cell's last statement
    assert result.cells["make"].output == "tensor([0, 1, 2, 3, 4, 5])\n"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_markdown_examples_are_what_the_build_accepts(language: str) -> None:
    blocks = examples(language, "Markdown example")
    assert len(blocks) == 5
    headings, reference, exercise, chapter, figure = blocks
    problems, outline, _ = structure(headings, "example.md")
    assert problems == []
    assert [item.text for item in outline] == ["# #new-page", "## #first-section"]
    assert ANY_REFERENCE.fullmatch(reference.strip())
    embedded = EXERCISE.fullmatch(exercise.strip())
    assert embedded
    assert (ROOT / "exercises" / f"{embedded['id']}.py").is_file()
    body, meta = get_data(chapter)
    assert meta == {"notebook": True}  # what scripts/hooks/snippets.py looks for
    assert structure(body, "example.md")[0] == []
    shown = FIGURE.match(figure.strip())
    assert shown
    assert load_snippet(ROOT / "snippets", shown["path"]).cell(shown["cell"]) is not None


@pytest.mark.slow  # runs the example with torch
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_example_exercise_is_one_the_build_accepts(language: str, tmp_path: Path) -> None:
    (source,) = examples(language, "example exercise file")
    (text,) = examples(language, "example exercise text")
    folder = tmp_path / "guide"
    folder.mkdir()
    (folder / "example.py").write_text(source, encoding="utf-8")
    for other in LANGUAGES:  # the text in the other language is checked by that language's run
        (folder / f"example.{other}.md").write_text(text, encoding="utf-8")
    exercise = load_exercise(tmp_path, "guide/example", LANGUAGES)
    assert exercise.texts[language].hints
    result = run_with_torch([exercise], ROOT)["guide/example"]
    assert exercise_problems(exercise, result) == []
    assert {w.name: result["verdicts"][w.name]["reason"] for w in exercise.wrongs} == {
        "wrong-transposed": "values",
        "wrong-copy": "property",
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_preview_commands_and_options_exist(language: str) -> None:
    shown = commands(language, "shell command")
    assert shown == [["scripts/serve"], ["scripts/serve", "--port", "8001"]]
    help_text = subprocess.run(
        [sys.executable, str(ROOT / "scripts/serve.py"), "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "--port" in help_text
    assert (ROOT / "scripts/serve").is_file()


@functools.cache
def collect(arguments: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """pytest's collection for a command's arguments, run once when both languages show the same command."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.slow  # pytest collections
@pytest.mark.xdist_group("guide-commands")  # both languages in one worker, which shares their collections
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_test_command_selects_tests(language: str) -> None:
    shown = commands(language, "test commands")
    assert shown[-1] == ["scripts/test"]
    assert (ROOT / "scripts/test").is_file()
    pytest_runs = [words[3:] for words in shown if words[:3] == [".venv/bin/python", "-m", "pytest"]]
    assert len(pytest_runs) == 5
    for arguments in pytest_runs:
        collected = collect(tuple(arguments))
        assert collected.returncode == 0, collected.stdout + collected.stderr
        assert re.search(r"^\d+(/\d+)? tests? (collected|selected)", collected.stdout, re.M), (
            arguments,
            collected.stdout[-500:],
        )
    assert [".venv/bin/ruff", "check", "."] in shown


def test_the_guide_states_the_time_limit_the_executor_applies() -> None:
    assert f"Each file has {DEFAULT_TIMEOUT:g} seconds" in guide("en")
    assert f"파일마다 실행 시간은 {DEFAULT_TIMEOUT:g}초입니다" in guide("ko")
