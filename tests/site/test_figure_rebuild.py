"""Building a copy of the project with a broken figure line: the strict build fails naming the page and line, and
the same figure comes out byte for byte as in the project's own build."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from builder.site import build_site, copy_project

ROOT = Path(__file__).resolve().parents[2]
FIGURE = "{{ figure storage operations/view_reshape.py#transposed m; mt }}"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_project(tmp_path)
    monkeypatch.setenv("SNIPPETS_CACHE_DIR", str(tmp_path / "own-cache"))  # its own runs, not the project's
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _figures(html: str) -> list[str]:
    return re.findall(r'<figure class="tfig .*?</figure>', html, re.S)


def test_a_name_the_cell_lacks_fails_the_strict_build(
    project: Path, built_site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = project / "docs/ko/operations.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    number = lines.index(FIGURE)
    lines[number] = FIGURE.replace("m; mt", "m; transposed")
    page.write_text("\n".join(lines), encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root=project, site_dir=project / "site")
    assert (
        f"docs/ko/operations.md:{number + 1}: figure item 'transposed' uses the name 'transposed', which "
        "snippets/operations/view_reshape.py" in caplog.text
    )
    assert "-> define it in that cell, or draw one of the tensors it has:" in caplog.text

    lines[number] = FIGURE  # repaired: a build from a fresh cache draws what the project's build drew
    page.write_text("\n".join(lines), encoding="utf-8")
    build_site(root=project, site_dir=project / "site")
    for language in ("", "en/"):
        ours = (project / f"site/{language}operations/index.html").read_text(encoding="utf-8")
        theirs = (built_site / f"{language}operations/index.html").read_text(encoding="utf-8")
        assert _figures(ours) == _figures(theirs)
        assert _figures(ours)
