"""Both languages have the same pages, headings and snippet cells in the same order."""

from __future__ import annotations

from pathlib import Path

from builder.parity import compare_languages

ROOT = Path(__file__).resolve().parents[2]


def test_the_real_docs_match() -> None:
    assert compare_languages(ROOT / "docs") == []


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


PAGE_KO = "# 제목 { #title }\n\n## 텐서 { #tensors }\n\n{{ snippet a.py#one }}\n"
PAGE_EN = "# Title { #title }\n\n## Tensors { #tensors }\n\n{{ snippet a.py#one }}\n"


def test_matching_pages_pass(tmp_path: Path) -> None:
    write(tmp_path, {"ko/p.md": PAGE_KO, "en/p.md": PAGE_EN})
    assert compare_languages(tmp_path) == []


def test_page_in_one_language_only(tmp_path: Path) -> None:
    write(tmp_path, {"ko/p.md": PAGE_KO, "en/p.md": PAGE_EN, "ko/extra.md": PAGE_KO})
    assert compare_languages(tmp_path) == ["docs/ko/extra.md has no en version: add docs/en/extra.md"]


def test_heading_without_explicit_id(tmp_path: Path) -> None:
    write(tmp_path, {"ko/p.md": PAGE_KO.replace(" { #tensors }", ""), "en/p.md": PAGE_EN})
    problems = compare_languages(tmp_path)
    assert problems[0] == "docs/ko/p.md:3: heading without { #id }"


def test_different_heading_or_snippet_order(tmp_path: Path) -> None:
    write(tmp_path, {"ko/p.md": PAGE_KO.replace("#tensors", "#tensor"), "en/p.md": PAGE_EN})
    assert compare_languages(tmp_path) == ["p.md: item 2 differs: docs/ko has '## #tensor', docs/en has '## #tensors'"]
    write(tmp_path, {"ko/p.md": PAGE_KO + "{{ snippet a.py#two }}\n"})
    assert compare_languages(tmp_path) == ["p.md: docs/ko has more: 'snippet a.py#two'"]


def test_headings_inside_code_blocks_are_not_headings(tmp_path: Path) -> None:
    fenced = "\n```python\n# a comment, not a heading\n```\n"
    write(tmp_path, {"ko/p.md": PAGE_KO + fenced, "en/p.md": PAGE_EN + fenced})
    assert compare_languages(tmp_path) == []
