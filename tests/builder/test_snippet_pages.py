"""What one language build makes of the snippets and pages: each problem said once, where it is, to the pages it
concerns; differences between the languages reported like any other problem."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.cache import OutputCache
from builder.executor import Executor
from builder.pages import SnippetPages

# Cell 'b' fails; 'c' and 'd' never run. Both pages show all four; the index shows only 'a'.
STEPS = "# %% a\nx = 1\n# %% b\nx = 1 / 0\n# %% c\ny = x\n# %% d\ny\n"
PAGE = (
    "# {title} {{ #steps }}\n\n{{{{ snippet steps.py#a }}}}\n\n{{{{ snippet steps.py#b }}}}\n\n"
    "## {more} {{ #more }}\n\n{{{{ snippet steps.py#c }}}}\n\n{{{{ snippet steps.py#d }}}}\n"
)
INDEX = "# {title} {{ #home }}\n\n{{{{ snippet steps.py#a }}}}\n"


@pytest.fixture(scope="module")
def executor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Executor]:
    executor = Executor(OutputCache(tmp_path_factory.mktemp("cache")))
    yield executor
    executor.close()


def project(folder: Path, ko: dict[str, str], en: dict[str, str], snippets: dict[str, str]) -> Path:
    for base, files in (("docs/ko", ko), ("docs/en", en), ("snippets", snippets)):
        for name, text in files.items():
            (folder / base / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / base / name).write_text(text, encoding="utf-8")
    return folder


def pages_of(folder: Path, executor: Executor, language: str = "ko") -> SnippetPages:
    pages = SnippetPages(folder / "snippets", folder / "docs" / language, executor, language)
    pages.prepare()
    return pages


@pytest.fixture
def steps(tmp_path: Path) -> Path:
    return project(
        tmp_path,
        {"steps.md": PAGE.format(title="단계", more="더"), "index.md": INDEX.format(title="처음")},
        {"steps.md": PAGE.format(title="Steps", more="More"), "index.md": INDEX.format(title="Home")},
        {"steps.py": STEPS},
    )


def test_used_by_names_only_the_pages_that_show_the_failing_cell(steps: Path, executor: Executor) -> None:
    [problem] = pages_of(steps, executor).problems
    assert problem.startswith("snippets/steps.py:4 (cell 'b'): unexpected error: ZeroDivisionError")
    assert problem.endswith("\n  used by: docs/ko/steps.md:5, docs/en/steps.md:5")  # not the lines showing 'a'


def test_cells_that_did_not_run_share_one_box(steps: Path, executor: Executor) -> None:
    pages = pages_of(steps, executor, "en")
    markdown = (steps / "docs/en/steps.md").read_text()
    html = pages.render_page(markdown, "docs/en/steps.md")
    assert html.count('!!! failure "Snippet error"') == 2  # the failing cell's, and one for the cells after it
    assert "snippets/steps.py: cell(s) 'c', 'd' did not run, because cell 'b' failed" in html
    assert html.index("did not run") > html.index("## More")  # where the first of them would be
    assert 'data-snippet="steps.py#a"' in html


MATCHING = "# {title} {{ #page }}\n\n## {section} {{ #section }}\n"


def test_language_differences_are_build_problems_shown_on_their_pages(tmp_path: Path, executor: Executor) -> None:
    folder = project(
        tmp_path,
        {
            "page.md": MATCHING.format(title="쪽", section="절"),
            "only-ko.md": "# 한쪽 { #only }\n",
            "no-id.md": "# 제목 { #no-id }\n\n## 아이디 없음\n",
        },
        {
            "page.md": MATCHING.format(title="Page", section="Section"),
            "no-id.md": "# Title { #no-id }\n\n## Fine { #fine }\n",
        },
        {},
    )
    pages = pages_of(folder, executor, "en")
    assert pages.problems == [
        "docs/ko/no-id.md:3: heading without { #id }\n"
        "  -> end it with an English id, the same in every language: ## 아이디 없음 { #an-english-id }",
        "docs/en/no-id.md:3: '## #fine' has no counterpart in docs/ko/no-id.md\n"
        "  -> both languages need the same heading ids, not-runnable blocks and snippet cells, in the same order",
        "docs/ko/only-ko.md:1: this page has no docs/en/only-ko.md\n"
        "  -> every page exists in every language: add docs/en/only-ko.md with the same headings and snippet cells, "
        "or remove this page",
    ]
    shown = pages.render_page((folder / "docs/en/no-id.md").read_text(), "docs/en/no-id.md")
    assert shown.startswith('!!! failure "Languages differ"')
    assert "has no counterpart in docs/ko/no-id.md" in shown
    assert "heading without" not in shown  # that one is the Korean page's
    assert "Languages differ" not in pages.render_page((folder / "docs/en/page.md").read_text(), "docs/en/page.md")
    korean = pages_of(folder, executor, "ko")
    assert "언어 간 불일치" in korean.render_page("# 한쪽 { #only }\n", "docs/ko/only-ko.md")


@pytest.mark.parametrize("execute", [True, False])
def test_a_misspelt_cell_is_reported_whether_or_not_snippets_run(tmp_path: Path, execute: bool) -> None:
    page = "# T {#t}\n\n{{ snippet steps.py#a }}\n\n{{ snippet steps.py#aa }}\n"
    folder = project(tmp_path, {"t.md": page}, {"t.md": page}, {"steps.py": "# %% a\nx = 1\n"})
    executor = Executor(OutputCache(tmp_path / "cache"))
    try:
        pages = SnippetPages(folder / "snippets", folder / "docs" / "ko", executor, "ko", execute)
        pages.prepare()
    finally:
        executor.close()
    assert [p for p in pages.problems if "has no cell 'aa'" in p] != [], pages.problems
    assert executor.executed == (["steps.py"] if execute else [])


def test_a_declared_error_is_checked_once_per_run(
    steps: Path, executor: Executor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builder.executor
    import builder.pages

    calls: list[str] = []
    real = builder.executor.check

    def counted(snippet: object, result: object) -> list:
        calls.append(snippet.path)
        return real(snippet, result)

    for module in (builder.executor, builder.pages):  # wherever the build may call it from
        monkeypatch.setattr(module, "check", counted)
    (steps / "snippets" / "steps.py").write_text(STEPS + "# %% e\nz = 2\n", encoding="utf-8")  # not cached yet
    pages_of(steps, executor)
    assert calls == ["steps.py"]


def test_the_pages_sources_data_is_what_the_sandbox_reads_and_not_torchs_output(
    tmp_path: Path, executor: Executor
) -> None:
    # The sandbox reads a cell's name, code and sandbox flag from #snippet-sources (ui.js, session.js); the output
    # torch printed is on the page already, so shipping it again in the JSON only made every page heavier.
    page = "# T {#t}\n\n{{ snippet shown.py#first }}\n"
    snippet = "# %% first\nprint(6 * 7000)\n# %% second\nvalue = 2\n"
    folder = project(tmp_path, {"t.md": page}, {"t.md": page}, {"shown.py": snippet})
    rendered = pages_of(folder, executor).render_page(page, "docs/ko/t.md")
    opening = '<script type="application/json" id="snippet-sources">'
    before, payload = rendered.split(opening, 1)
    assert json.loads(payload.split("</script>", 1)[0]) == {
        "shown.py": [
            {"name": "first", "code": "print(6 * 7000)", "sandbox": True},
            {"name": "second", "code": "value = 2", "sandbox": True},
        ]
    }
    assert "42000" in before  # torch's output is shown on the page, once
    assert "42000" not in payload
