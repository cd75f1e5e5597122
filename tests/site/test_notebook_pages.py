"""The companion notebook pages behave like the other pages: every in-page link and table-of-contents entry finds
its heading (the page's explicit ids, Hangul headings included), styles live in one stylesheet in the head, and
no style block holds anything but CSS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def _notebook_pages(site: Path) -> list[Path]:
    return sorted(site.glob("notebooks/*/index.html")) + sorted(site.glob("en/notebooks/*/index.html"))


def test_every_fragment_link_finds_its_target(built_site: Path) -> None:
    pages = _notebook_pages(built_site)
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        missing = {f for f in re.findall(r'href="#([^"]+)"', html) if f not in ids}
        assert not missing, f"{page}: links to missing anchors {sorted(missing)[:5]}"
        assert 'id=""' not in html


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_table_of_contents_uses_the_chapter_ids(built_site: Path, language: str) -> None:
    base = built_site if language == "ko" else built_site / "en"
    toc = re.findall(r'<a href="#([\w-]+)" class="md-nav__link">', (base / "notebooks/tensors/index.html").read_text())
    chapter = (base / "tensors/index.html").read_text()
    assert toc
    assert all(f'id="{anchor}"' in chapter for anchor in toc)


def test_styles_are_one_stylesheet_in_the_head(built_site: Path) -> None:
    for page in _notebook_pages(built_site):
        html = page.read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        assert "<style" not in article
        assert "['" not in html[: html.index("<body")]
        sheet = re.search(r'<link rel="stylesheet" href="([^"]*notebook\.\w+\.css)">\s*</head>', html)
        assert sheet
        assert (page.parent / sheet[1]).resolve().is_file()
        assert ".highlight-ipynb .c1" in (page.parent / sheet[1]).read_text()
