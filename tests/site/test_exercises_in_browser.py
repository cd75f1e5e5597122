"""The exercises on the real site, in Chromium: every reference solution passes, every starter and every declared
wrong answer fails with its declared reason, progress survives a reload, hints and the solution open with the
keyboard, feedback comes in both languages, and without the sandbox the page still teaches and says why it cannot
check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import audit
from builder.exercises.exercise_file import Exercise, parse_exercise

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ("define-by-run", "tensors", "operations", "autograd", "mistakes")
CHECK_MS = 90_000  # the first check also boots Python


def exercise_source(exercise_id: str) -> Exercise:
    return parse_exercise(exercise_id, (ROOT / "exercises" / f"{exercise_id}.py").read_text(encoding="utf-8"))


def mounted(page: object) -> object:
    """`page` once its exercises have their editors (they mount when the reader nears them)."""
    page.locator("#exercises").scroll_into_view_if_needed()
    page.wait_for_selector(".exercise .cm-content", timeout=CHECK_MS)
    return page


def open_exercises(browser: object, url: str) -> object:
    page = browser.new_page()
    page.goto(url)
    mounted(page)
    return page


def set_answer(exercise: object, code: str) -> None:
    exercise.locator(".cm-content").click()
    exercise.page.keyboard.press("Control+a")
    exercise.page.keyboard.insert_text(code)


def check(exercise: object, code: str | None = None, key: str | None = None) -> str:
    """Check the exercise (by its button, or a key in its editor); its verdict: "passed" or the reason."""
    if code is not None:
        set_answer(exercise, code)
    before = int(exercise.get_attribute("data-checks") or 0)
    if key:
        exercise.locator(".cm-content").press(key)
    else:
        exercise.locator(".exercise-check").click()
    exercise.page.wait_for_function(
        "([el, n]) => Number(el.dataset.checks || 0) > n", arg=[exercise.element_handle(), before], timeout=CHECK_MS
    )
    return exercise.get_attribute("data-verdict") or ""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_solutions_pass_and_wrong_answers_fail_for_their_reason(browser: object, site_url: str, chapter: str) -> None:
    page = open_exercises(browser, f"{site_url}en/{chapter}/")
    exercises = page.locator(".exercise[data-exercise]")
    assert exercises.count() >= 4, "each chapter has at least four exercises"
    seen = {}
    for exercise in exercises.all():
        source = exercise_source(exercise.get_attribute("data-exercise"))
        verdicts = {"solution": check(exercise, source.solution), "starter": check(exercise, source.starter)}
        verdicts |= {wrong.name: check(exercise, wrong.code) for wrong in source.wrongs}
        expected = {"solution": "passed", **{wrong.name: wrong.fails for wrong in source.wrongs}}
        assert verdicts["starter"] != "passed", f"{source.id}: the starter passes in the browser"
        del verdicts["starter"]
        seen[source.id] = verdicts == expected or verdicts
    assert all(v is True for v in seen.values()), seen
    page.close()


def test_feedback_names_the_problem_and_a_right_answer_says_so(browser: object, site_url: str) -> None:
    page = open_exercises(browser, f"{site_url}en/operations/")
    exercise = page.locator('.exercise[data-exercise="operations/view_same_order"]')
    assert check(exercise, "y = x.t()") == "values"
    feedback = exercise.locator(".exercise-feedback").text_content()
    assert re.search(r"`y` has the right shape and dtype, but \d+ of its \d+ values differ", feedback)
    assert "First at index [" in feedback
    assert check(exercise, "y = x.view(-1, 7)") == "error"
    assert "raised RuntimeError on line 1" in exercise.locator(".exercise-feedback").text_content()
    source = exercise_source("operations/view_same_order")
    assert check(exercise, source.solution, key="Shift+Enter") == "passed"  # the key binding checks too
    assert "Correct!" in exercise.locator(".exercise-feedback").text_content()
    assert exercise.locator(".exercise-feedback").get_attribute("aria-live") == "polite"
    page.close()


def test_feedback_in_korean(browser: object, site_url: str) -> None:
    page = open_exercises(browser, f"{site_url}tensors/")
    exercise = page.locator('.exercise[data-exercise="tensors/first_column_view"]')
    assert check(exercise, "col = t[:, 0]") == "shape"
    feedback = exercise.locator(".exercise-feedback").text_content()
    assert "모양은 (" in feedback
    assert "입력" in feedback
    assert check(exercise, exercise_source("tensors/first_column_view").solution) == "passed"
    assert "정답입니다" in exercise.locator(".exercise-feedback").text_content()
    page.close()


def test_progress_and_edits_survive_a_reload_and_can_be_reset(browser: object, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}en/tensors/")
    mounted(page)
    solved = page.locator('.exercise[data-exercise="tensors/like_fill"]')
    edited = page.locator('.exercise[data-exercise="tensors/reverse_rows"]')
    assert check(solved, exercise_source("tensors/like_fill").solution) == "passed"
    assert check(edited, "rev = x.flip(1)  # my try") == "values"
    page.reload()
    mounted(page)
    assert solved.get_attribute("data-state") == "solved"
    assert edited.get_attribute("data-state") == "attempted"
    assert "# my try" in edited.locator(".cm-content").text_content()
    assert page.locator(".exercise-progress").text_content() == "1 of 5 exercises solved in this chapter."
    index = context.new_page()
    index.goto(f"{site_url}en/exercises/")
    index.wait_for_selector(".exercise-index .exercise-progress")
    assert index.locator('.exercise-state[data-exercise="tensors/like_fill"]').text_content() == "Solved"
    assert index.locator('.exercise-state[data-exercise="tensors/reverse_rows"]').text_content() == "Attempted"
    total = index.locator(".exercise-state").count()
    assert total >= 24
    assert index.locator(".exercise-index .exercise-progress").text_content() == f"1 of {total} exercises solved."
    edited.locator(".exercise-reset").click()
    assert edited.get_attribute("data-state") == "new"
    page.reload()
    mounted(page)
    assert "# my try" not in edited.locator(".cm-content").text_content()
    context.close()


def test_hints_open_one_at_a_time_and_the_solution_on_request_by_keyboard(browser: object, site_url: str) -> None:
    page = open_exercises(browser, f"{site_url}en/tensors/")
    exercise = page.locator('.exercise[data-exercise="tensors/like_fill"]')
    hints = exercise.locator("details.exercise-hint")
    assert hints.count() >= 2
    assert hints.nth(0).is_visible()
    assert not hints.nth(1).is_visible(), "the second hint shows before the first is read"
    hints.nth(0).locator("summary").focus()
    page.keyboard.press("Enter")
    assert hints.nth(0).get_attribute("open") is not None
    hints.nth(1).wait_for(state="visible", timeout=5000)  # shown on the first hint's toggle event, a task later
    solution = exercise.locator("details.exercise-solution")
    assert solution.get_attribute("open") is None, "the solution shows before it is asked for"
    solution.locator("summary").focus()
    page.keyboard.press("Space")
    assert solution.get_attribute("open") is not None
    assert "zeros_like" in solution.text_content()
    page.close()


def test_without_the_sandbox_the_page_still_teaches_and_says_why_it_cannot_check(
    browser: object, site_url: str
) -> None:
    context = browser.new_context()
    context.route(re.compile(r".*sandbox-worker\.js$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(f"{site_url}en/autograd/")
    mounted(page)
    exercise = page.locator(".exercise[data-exercise]").first
    check(exercise)
    assert "Checking needs the in-browser sandbox" in exercise.locator(".exercise-feedback").text_content()
    assert exercise.locator("details.exercise-hint").count() >= 1
    assert exercise.locator("details.exercise-solution pre").count() == 1
    context.close()
    # And with no script at all, the task, starter, hints and solution are in the page, with the note.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}autograd/")
    exercise = page.locator(".exercise[data-exercise]").first
    assert exercise.locator(".exercise-starter pre").is_visible()
    assert exercise.locator(".exercise-no-sandbox").is_visible()
    context.close()


def test_exercises_pass_axe_in_both_schemes_and_fit_a_phone(browser: object, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="light")
    page = context.new_page()
    page.goto(f"{site_url}operations/")
    mounted(page)
    exercise = page.locator('.exercise[data-exercise="operations/view_same_order"]')
    assert check(exercise, "y = x.t()") == "values"  # feedback on show
    exercise.locator("details.exercise-hint summary").first.click()
    for scheme in ("light", "dark"):  # dark as the audit switches it (builder/audit.py, switch_scheme)
        audit.switch_scheme(page, scheme)
        results = Axe().run(page, context={"include": [[".exercise"]]})
        assert results.violations_count == 0, f"{scheme}: {results.generate_report()}"
    overflow = page.evaluate(
        "[...document.querySelectorAll('.exercise')].map(e => e.getBoundingClientRect().right)"
        ".filter(right => right > document.documentElement.clientWidth + 1)"
    )
    assert overflow == [], "an exercise is wider than a 390 px phone"
    context.close()
