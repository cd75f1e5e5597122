"""Building a copy of the project: an edited snippet runs again alone, and a broken page fails the strict build
with a message that names the file and line."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from build import build_site, copy_project
from builder.cache import cache_folder
from builder.pages import shared_executor

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
    assert "used by: docs/en/index.md:" in caplog.text and "docs/ko/index.md:" in caplog.text


def test_preview_shows_the_problem_in_the_page(project: Path) -> None:
    snippet = project / "snippets/home/taste.py"
    snippet.write_text(snippet.read_text().replace("x @ x + 1", "x @ torch.ones(3, 3)"))
    build_site(strict=False, root=project, site_dir=project / "site")
    html = (project / "site/index.html").read_text(encoding="utf-8")
    assert "스니펫 오류" in html
    assert "snippets/home/taste.py:10 (cell 'operation'): unexpected error: RuntimeError: mat1 and mat2" in html
