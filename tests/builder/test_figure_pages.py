"""A page's figure lines in a language build: drawn in place in each language, and every mistake (a missing cell,
a name the cell does not define) fails the build with the page, line and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cache import OutputCache
from builder.executor import Executor
from builder.pages import SnippetPages

SNIPPET = '''"""A tensor to draw."""

# %% make
import torch

x = torch.arange(6).view(2, 3)
x.t()
'''


@pytest.fixture
def executor(tmp_path: Path) -> Executor:
    executor = Executor(OutputCache(tmp_path / "cache"), default_timeout=30)
    yield executor
    executor.close()


def site(tmp_path: Path, figure_line: str) -> tuple[Path, Path]:
    snippets = tmp_path / "snippets"
    (snippets / "f").mkdir(parents=True)
    (snippets / "f" / "t.py").write_text(SNIPPET, encoding="utf-8")
    docs = tmp_path / "docs"
    for language in ("ko", "en"):
        (docs / language).mkdir(parents=True)
        page = f"# Page {{ #page }}\n\n{{{{ snippet f/t.py#make }}}}\n\n{figure_line}\n"
        (docs / language / "page.md").write_text(page, encoding="utf-8")
    return snippets, docs


def pages(tmp_path: Path, executor: Executor, figure_line: str, language: str = "en") -> SnippetPages:
    snippets, docs = site(tmp_path, figure_line)
    built = SnippetPages(snippets, docs / language, executor, language)
    built.prepare()
    return built


def test_a_figure_is_drawn_in_each_language(tmp_path: Path, executor: Executor) -> None:
    line = "{{ figure storage f/t.py#make x; x.t() }}"
    for language, word in (("ko", "저장소 A"), ("en", "storage A")):
        built = pages(tmp_path / language, executor, line, language)
        assert built.problems == []
        html = built.render_page((tmp_path / language / "docs" / language / "page.md").read_text(), "docs/x/page.md")
        assert '<figure class="tfig tfig-storage" data-figure="f/t.py#make">' in html
        assert word in html
        assert "<title id=" in html
        assert "<desc id=" in html
        assert "{{ figure" not in html


def test_a_missing_cell_fails_with_page_line(tmp_path: Path, executor: Executor) -> None:
    built = pages(tmp_path, executor, "{{ figure storage f/t.py#nope x }}")
    assert any(
        p.startswith("docs/en/page.md:5: figure of snippets/f/t.py#nope: that file has no cell 'nope'")
        and "-> cells there: make" in p
        for p in built.problems
    ), built.problems
    assert any(p.startswith("docs/ko/page.md:5:") for p in built.problems)  # both languages' lines are named


def test_a_name_the_cell_does_not_define_fails_with_page_line(tmp_path: Path, executor: Executor) -> None:
    built = pages(tmp_path, executor, "{{ figure storage f/t.py#make y }}")
    (problem, *_) = [p for p in built.problems if p.startswith("docs/en/page.md:5:")]
    assert "figure item 'y' uses the name 'y', which snippets/f/t.py:4 (cell 'make') does not define" in problem
    assert "-> define it in that cell, or draw one of the tensors it has: x" in problem
    html = built.render_page((tmp_path / "docs/en/page.md").read_text(), "docs/en/page.md")
    assert "Snippet error" in html  # the preview shows it in place


def test_a_missing_file_fails(tmp_path: Path, executor: Executor) -> None:
    built = pages(tmp_path, executor, "{{ figure storage f/none.py#make x }}")
    assert any("snippets/f/none.py: no such snippet file" in p and "docs/en/page.md:5" in p for p in built.problems)
