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
    assert compare_languages(tmp_path) == [
        "docs/ko/extra.md:1: this page has no docs/en/extra.md\n"
        "  -> every page exists in every language: add docs/en/extra.md with the same headings and snippet cells, "
        "or remove this page"
    ]


def test_heading_without_explicit_id(tmp_path: Path) -> None:
    write(tmp_path, {"ko/p.md": PAGE_KO.replace(" { #tensors }", ""), "en/p.md": PAGE_EN})
    problems = compare_languages(tmp_path)
    assert problems[0] == (
        "docs/ko/p.md:3: heading without { #id }\n"
        "  -> end it with an English id, the same in every language: ## 텐서 { #an-english-id }"
    )
    write(tmp_path, {"ko/p.md": PAGE_KO, "en/p.md": PAGE_EN.replace(" { #tensors }", "")})
    assert compare_languages(tmp_path)[0].endswith(
        "-> end it with an English id, the same in every language: ## Tensors { #tensors }"
    )


def test_different_heading_or_snippet_order(tmp_path: Path) -> None:
    write(tmp_path, {"ko/p.md": PAGE_KO.replace("#tensors", "#tensor"), "en/p.md": PAGE_EN})
    order = "  -> both languages need the same heading ids, not-runnable blocks and snippet cells, in the same order"
    assert compare_languages(tmp_path) == [
        f"docs/ko/p.md:3: '## #tensor' where docs/en/p.md:3 has '## #tensors'\n{order}"
    ]
    write(tmp_path, {"ko/p.md": PAGE_KO + "{{ snippet a.py#two }}\n"})
    assert compare_languages(tmp_path) == [
        f"docs/ko/p.md:6: 'snippet a.py#two' has no counterpart in docs/en/p.md\n{order}"
    ]
    write(tmp_path, {"ko/p.md": PAGE_KO.replace("#one", "#uno")})
    assert compare_languages(tmp_path) == [
        f"docs/ko/p.md:5: 'snippet a.py#uno' where docs/en/p.md:5 has 'snippet a.py#one'\n{order}"
    ]


def test_headings_inside_code_blocks_are_not_headings(tmp_path: Path) -> None:
    fenced = "\n```python\n# a comment, not a heading\n```\n"
    write(tmp_path, {"ko/p.md": PAGE_KO + fenced, "en/p.md": PAGE_EN + fenced})
    assert compare_languages(tmp_path) == []
