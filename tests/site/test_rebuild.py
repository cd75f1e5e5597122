"""Building a copy of the project: an edited snippet runs again alone, and a broken page fails the strict build
with a message that names the file and line. A small two-language project (the snippets hook alone) checks what
both languages' builds do together, quickly."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from builder.cache import cache_folder
from builder.pages import shared_executor
from builder.site import build_site, copy_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_project(tmp_path)
    # The project's own cache, shared: keys cover each file's source, so edits miss it.
    monkeypatch.setenv("SNIPPETS_CACHE_DIR", str(cache_folder(ROOT)))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def executed_during(project: Path, **options: object) -> list[str]:
    executor = shared_executor(cache_folder(ROOT))
    before = len(executor.executed)
    build_site(root=project, site_dir=project / "site", **options)
    return executor.executed[before:]


def test_editing_one_snippet_runs_that_file_alone(project: Path) -> None:
    executed_during(project)  # warm
    assert executed_during(project) == []
    snippet = project / "snippets/home/taste.py"
    edit = f"x @ x + 2  # edited {uuid.uuid4()}"  # never seen before, so never in the shared cache
    snippet.write_text(snippet.read_text().replace("x @ x + 1", edit))
    assert executed_during(project) == ["home/taste.py"]
    html = (project / "site/en/index.html").read_text(encoding="utf-8")
    assert "tensor([[ 9., 12.],\n        [17., 24.]])" in html


def test_broken_reference_fails_strict_build_naming_page_and_line(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = project / "docs/en/index.md"
    lines = page.read_text().splitlines()
    line = next(i for i, text in enumerate(lines) if "home/taste.py#operation" in text)
    lines[line] = "{{ snippet home/taste.py#nope }}"
    page.write_text("\n".join(lines) + "\n")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root=project, site_dir=project / "site")
    assert f"docs/en/index.md:{line + 1}: snippets/home/taste.py has no cell 'nope'" in caplog.text
    assert "cells there: tensor, operation, autograd, shape-error" in caplog.text


def test_missing_snippet_file_names_every_page_that_uses_it(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project / "snippets/home/taste.py").rename(project / "snippets/home/renamed.py")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root=project, site_dir=project / "site")
    assert "snippets/home/taste.py: no such snippet file" in caplog.text
    assert "used by: docs/ko/index.md:" in caplog.text
    assert "docs/en/index.md:" in caplog.text


def test_preview_shows_the_problem_in_the_page(project: Path) -> None:
    snippet = project / "snippets/home/taste.py"
    snippet.write_text(snippet.read_text().replace("x @ x + 1", "x @ torch.ones(3, 3)"))
    build_site(strict=False, root=project, site_dir=project / "site")
    html = (project / "site/index.html").read_text(encoding="utf-8")
    assert "스니펫 오류" in html
    assert "snippets/home/taste.py:10 (cell 'operation'): unexpected error: RuntimeError: mat1 and mat2" in html


# ---------------------------------------------------------------------------------------------------------------------
# A small project: two languages, the snippets hook, one snippet file
# ---------------------------------------------------------------------------------------------------------------------
SMALL_CONFIG = f"""site_name: Small
site_url: http://127.0.0.1/
docs_dir: docs/ko
site_dir: build/site
theme: {{ name: material, language: ko }}
hooks: [{ROOT / "scripts/hooks/snippets.py"}]
markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.superfences]
nav: [index.md, extra.md]
"""
SMALL_CONFIG_EN = (
    "INHERIT: mkdocs.yml\nsite_url: http://127.0.0.1/en/\ndocs_dir: docs/en\nsite_dir: build/site/en\n"
    "theme: { name: material, language: en }\n"
)
SMALL_PAGE = "# {title} {{ #home }}\n\n## {section} {{ #section }}\n\n{{{{ snippet small.py#show }}}}\n"


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        "mkdocs.yml": SMALL_CONFIG,
        "mkdocs.en.yml": SMALL_CONFIG_EN,
        "docs/ko/index.md": SMALL_PAGE.format(title="처음", section="절"),
        "docs/en/index.md": SMALL_PAGE.format(title="Home", section="Section"),
        "docs/ko/extra.md": "# 더 { #extra }\n",
        "docs/en/extra.md": "# More { #extra }\n",
        "snippets/small.py": f"# %% show\nprint('{uuid.uuid4()}')\n",  # new to the shared cache
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    cache = tmp_path_factory.getbasetemp() / "small-cache"  # one cache folder, so one fork server for all these
    monkeypatch.setenv("SNIPPETS_CACHE_DIR", str(cache))
    return tmp_path


def test_a_failing_file_runs_once_for_both_languages(small: Path, caplog: pytest.LogCaptureFixture) -> None:
    (small / "snippets/small.py").write_text(f'# snippet: timeout="3"\n# %% show\nwhile "{uuid.uuid4()}":\n    pass\n')
    executor = shared_executor(Path(os.environ["SNIPPETS_CACHE_DIR"]))
    before = len(executor.executed)
    with caplog.at_level(logging.ERROR):
        build_site(strict=False, root=small, site_dir=small / "site")
    assert executor.executed[before:] == ["small.py"]  # the time limit is paid once, not once per language
    assert "snippets/small.py: did not finish within its time limit of 3 s (while running cell 'show')" in caplog.text
    assert '# snippet: timeout="6"' in caplog.text
    assert caplog.text.count("did not finish") == 1  # the English build does not repeat it word for word
    assert "docs/en: the same 1 error(s), 0 warning(s), 0 notice(s) as the docs/ko build above" in caplog.text
    assert "Snippet error" in (small / "site/en/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"docs/en/extra.md": None},
            "docs/ko/extra.md:1: this page has no docs/en/extra.md\n  -> every page exists in every language",
        ),
        (
            {"docs/en/index.md": SMALL_PAGE.format(title="Home", section="Section").replace(" { #section }", "")},
            "docs/en/index.md:3: heading without { #id }\n  -> end it with an English id, the same in every language: "
            "## Section { #section }",
        ),
        (
            {"docs/ko/index.md": SMALL_PAGE.format(title="처음", section="절").replace("#show", "#other")},
            "docs/ko/index.md:5: 'snippet small.py#other' where docs/en/index.md:5 has 'snippet small.py#show'",
        ),
    ],
    ids=["page-in-one-language", "heading-without-id", "different-snippets"],
)
def test_language_mismatch_fails_the_strict_build(
    small: Path, caplog: pytest.LogCaptureFixture, change: dict[str, str | None], expected: str
) -> None:
    (small / "snippets/small.py").write_text("# %% show\nprint('shown')\n# %% other\nprint('other')\n")
    for name, text in change.items():
        if text is None:
            (small / name).unlink()
        else:
            (small / name).write_text(text, encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root=small, site_dir=small / "site")
    assert expected in caplog.text


def test_nav_warning_names_the_language(small: Path, caplog: pytest.LogCaptureFixture) -> None:
    (small / "docs/en/extra.md").unlink()
    with caplog.at_level(logging.WARNING):
        build_site(strict=False, root=small, site_dir=small / "site")
    assert "docs/en: A reference to 'extra.md' is included in the 'nav' configuration" in caplog.text
    korean = (small / "site/extra/index.html").read_text(encoding="utf-8")
    assert "언어 간 불일치" in korean
    assert "this page has no docs/en/extra.md" in korean
