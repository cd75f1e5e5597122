"""builder/exercises: the format's errors, the expected results from real torch, and the build's verdict on an
exercise (its solution passes, its starter fails, each declared wrong answer fails for its declared reason)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import torch

from builder.exercises.exercise_file import load_exercise, parse_exercise, parse_text
from builder.exercises.expected import expected_results, problems, run_with_torch
from builder.exercises.pages import ExercisePages
from builder.snippet_file import SnippetError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "exercise_fixtures"
LANGUAGES = ("ko", "en")
GOOD = (FIXTURES / "exercises" / "demo" / "view_rows.py").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "exercises", tmp_path / "exercises")
    return tmp_path


def result_for(project: Path, exercise_id: str) -> tuple:
    exercise = load_exercise(project / "exercises", exercise_id, LANGUAGES)
    return exercise, run_with_torch([exercise], ROOT)[exercise_id]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (GOOD.replace('# exercise: kind="write"', "# nothing"), "no '# exercise:' line"),
        (GOOD.replace("# %% starter", "# %% begin"), "no '# %% starter' cell"),
        (GOOD.replace('kind="write"', 'kind="essay"'), 'kind="essay" is not one of'),
        (GOOD.replace('fails="values"', 'fails="wrongish"'), "fails= must be one of"),
        (GOOD.split("# %% wrong-transposed")[0], "no wrong answer declared"),
        (GOOD.replace("# %% wrong-copy", "# %% other"), "unknown cell 'other'"),
    ],
)
def test_format_mistakes_name_the_file(source: str, message: str) -> None:
    with pytest.raises(SnippetError, match=re.escape("exercises/demo/view_rows.py")) as raised:
        parse_exercise("demo/view_rows", source)
    assert message in str(raised.value)


def test_texts_need_a_title_a_task_and_one_to_three_hints() -> None:
    text = parse_text("# Title\nDo it.\n<!-- hint -->\nOne.\n<!-- hint -->\nTwo.\n", "t.md")
    assert (text.title, text.task, text.hints) == ("Title", "Do it.", ("One.", "Two."))
    for bad in ("Do it.\n<!-- hint -->\nOne.", "# Title\nDo it.", "# T\nx\n" + "<!-- hint -->\nh\n" * 4):
        with pytest.raises(SnippetError):
            parse_text(bad, "t.md")


def test_expected_results_come_from_torch(project: Path) -> None:
    exercise, result = result_for(project, "demo/torch_version")
    spec = result["spec"]
    assert spec["provenance"]["engine"] == "torch"
    assert spec["provenance"]["torch"] == torch.__version__ == "2.13.0+cpu"
    # Only real torch gives this answer (npgrad's version string ends in +npgrad).
    assert [case["expected"]["answer"]["value"] for case in spec["cases"]] == [torch.__version__, torch.__version__ * 2]
    assert problems(exercise, result) == []


def test_expected_results_change_when_the_solution_changes(project: Path) -> None:
    before = result_for(project, "demo/view_rows")[1]["spec"]
    file = project / "exercises" / "demo" / "view_rows.py"
    file.write_text(file.read_text().replace("y = x.view(x.shape[1], x.shape[0])", "y = x.view(-1, 1)"))
    after = result_for(project, "demo/view_rows")[1]["spec"]
    assert before["provenance"]["solution_sha256"] != after["provenance"]["solution_sha256"]
    assert before["cases"][0]["expected"]["y"]["shape"] == [3, 2]
    assert after["cases"][0]["expected"]["y"]["shape"] == [6, 1]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("y = ...", "y = x.view(x.shape[1], x.shape[0])", "the starter code already passes"),
        ("y = x.view(x.shape[1], x.shape[0])\n", "y = x.view(x.shape[1], x.shape[0])\ny = y * 2\n", None),
        ('wrong-copy fails="property"', 'wrong-copy fails="values"', "wrong-copy is declared to fail with 'values'"),
        ("y = x.t()", "y = x.view(x.shape[1], x.shape[0])", "wrong-transposed is declared to fail"),
    ],
)
def test_the_build_rejects_an_exercise_that_proves_nothing(project: Path, old: str, new: str, message: str) -> None:
    file = project / "exercises" / "demo" / "view_rows.py"
    file.write_text(file.read_text().replace(old, new, 1))
    found = "\n".join(problems(*result_for(project, "demo/view_rows")))
    assert (message or "") in found
    assert found != "", "the build accepted a broken exercise"


def test_a_solution_that_raises_is_reported(project: Path) -> None:
    file = project / "exercises" / "demo" / "view_rows.py"
    file.write_text(file.read_text().replace("y = x.view(x.shape[1], x.shape[0])", "y = x.view(5)"))
    found = problems(*result_for(project, "demo/view_rows"))
    assert len(found) == 1
    assert "the solution raised on case 1: RuntimeError" in found[0]


def test_results_are_cached_by_the_file(project: Path, tmp_path: Path) -> None:
    exercise = load_exercise(project / "exercises", "demo/view_rows", LANGUAGES)
    first, ran = expected_results([exercise], tmp_path / "cache", ROOT)
    again, ran_again = expected_results([exercise], tmp_path / "cache", ROOT)
    assert (ran, ran_again, first == again) == (["demo/view_rows"], [], True)


def test_pages_embed_render_and_report(project: Path) -> None:
    for language, heading in (("ko", "연습 문제"), ("en", "Exercises")):
        docs = project / "docs" / language
        docs.mkdir(parents=True)
        body = "{{ exercise demo/view_rows }}\n\n{{ exercise demo/torch_version }}\n"
        (docs / "demo.md").write_text(f"# Demo\n\n## {heading} {{ #exercises }}\n\n{body}")
        (docs / "all.md").write_text("# All\n\n{{ exercise-index }}\n")
    pages = ExercisePages(project, project / "docs" / "en", "en", LANGUAGES, project / "cache", ["demo.md", "all.md"])
    pages.prepare()
    assert pages.problems == []
    page = pages.render_page((project / "docs/en/demo.md").read_text(), "docs/en/demo.md")
    assert '<div class="exercise" data-exercise="demo/view_rows" data-kind="write"' in page
    assert "### Swap the counts { #ex-demo-view-rows }" in page
    assert page.count('class="exercise-hint"') == 3
    assert 'id="exercise-data"' in page
    index = pages.render_page((project / "docs/en/all.md").read_text(), "docs/en/all.md")
    assert "[Swap the counts](demo.md#ex-demo-view-rows)" in index
    (project / "docs/ko/demo.md").write_text("# 데모\n\n{{ exercise demo/view_rows }}\n")
    pages.prepare()
    assert any("other exercises, or in another order" in p for p in pages.problems)


def test_the_index_follows_the_nav_through_sections_and_titles() -> None:
    from builder.exercises.pages import nav_files

    nav = ["index.md", {"Lessons": ["tensors.md", {"Autograd": "autograd.md"}]}, {"Exercises": "exercises.md"}]
    assert nav_files(nav) == ["index.md", "tensors.md", "autograd.md", "exercises.md"]
    assert nav_files(None) == []
