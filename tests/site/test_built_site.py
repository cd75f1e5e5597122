"""The built site: every page rendered (not raw source), in both languages, linked to each other, and nothing
loaded from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder import fonts

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT / "docs" / "ko").with_suffix("").as_posix() for p in (ROOT / "docs/ko").rglob("*.md"))


def built(site: Path, language: str, page: str) -> Path:
    base = site if language == "ko" else site / "en"
    return base / ("index.html" if page == "index" else f"{page}/index.html")


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_is_rendered_html(built_site: Path, language: str, page: str) -> None:
    html = built(built_site, language, page).read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert f'<html lang="{language}"' in html
    article = html[html.index("<article") : html.index("</article>")]
    article = re.sub(r"<pre.*?</pre>", "", article, flags=re.S)  # code blocks may show the syntax on purpose
    assert "<h1" in article
    assert "{{ snippet" not in article, "a snippet reference was left unrendered"
    assert not re.search(r"^#{1,6} ", article, re.M), "Markdown headings leaked into the page"
    assert "스니펫 오류" not in article
    assert "Snippet error" not in article


def test_snippet_outputs_are_embedded(built_site: Path) -> None:
    for language, label in (("ko", "출력"), ("en", "Output")):
        html = built(built_site, language, "index").read_text(encoding="utf-8")
        assert html.count('class="snippet"') == 4
        assert f'<span class="filename">{label}</span>' in html
        assert "tensor(20.)" in html  # w.grad on the home page, computed by torch at build time
        assert "RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)" in html


@pytest.mark.parametrize("language", ["ko", "en"])
def test_notebook_pages_are_rendered_notebooks(built_site: Path, language: str) -> None:
    base = built_site if language == "ko" else built_site / "en"
    notebooks = sorted((base / "notebooks").glob("*/index.html"))
    assert notebooks, "no companion notebook pages were built"
    for page in notebooks:
        html = page.read_text(encoding="utf-8")
        assert "jp-Notebook" in html, f"{page} is not a rendered notebook"
        assert '"cells":' not in html, f"{page} is raw notebook JSON, not a rendered page"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alternates: dict[str, str] = {}

        self.loaded: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("hreflang"):
            self.alternates[attributes["hreflang"]] = attributes["href"]
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attributes.get("src"):
            self.loaded.append(attributes["src"])
        rel = (attributes.get("rel") or "").split()
        fetched = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch", "preconnect"}
        if tag == "link" and fetched & set(rel):
            self.loaded.append(attributes.get("href") or "")
        if attributes.get("style"):
            self.loaded += re.findall(r"url\(\s*['\"]?([^'\")]+)", attributes["style"])


@pytest.mark.parametrize("page", PAGES)
def test_language_switcher_points_at_the_same_page(built_site: Path, page: str) -> None:
    for language, other in (("ko", "en"), ("en", "ko")):
        links = _Links()
        links.feed(built(built_site, language, page).read_text(encoding="utf-8"))
        href = links.alternates[other]
        assert href.startswith("/"), "links are absolute paths under site_url"
        target = built_site / href.lstrip("/")
        assert (target / "index.html" if target.is_dir() else target) == built(built_site, other, page)


ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    offenders = []
    for page in built_site.rglob("*.html"):
        links = _Links()
        links.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_site)}: {url}" for url in links.loaded if ABSOLUTE.match(url)]
    for sheet in built_site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8", errors="replace"))
        offenders += [f"{sheet.relative_to(built_site)}: {url}" for url in urls if ABSOLUTE.match(url)]
    assert offenders == []


def test_fonts_are_self_hosted(built_site: Path) -> None:
    css = built_site / "assets/fonts/headings/headings.css"
    fonts = re.findall(r"url\(\./([^)]+)\)", css.read_text(encoding="utf-8"))
    assert fonts
    assert all((css.parent / font).is_file() for font in fonts)
    assert "fonts.googleapis.com" not in built(built_site, "ko", "index").read_text(encoding="utf-8")


def test_material_runs_deferred_on_every_page(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<html" not in text:
            continue
        bundles = re.findall(r"<script src=\"[^\"]*/javascripts/bundle\.[0-9a-f]+\.min\.js\"( defer)?></script>", text)
        assert bundles == [" defer"], page.relative_to(built_site)


def test_the_headings_font_holds_every_heading_character_under_its_own_name(built_site: Path) -> None:
    from fontTools.ttLib import TTFont

    for language, site in (("ko", built_site), ("en", built_site / "en")):
        folder = site / "assets/fonts/headings"
        (font_file,) = folder.glob("headings.*.woff2")
        font = TTFont(font_file)
        shown = set()
        for page in site.rglob("*.html"):
            if language == "ko" and page.is_relative_to(built_site / "en"):
                continue
            shown |= fonts.heading_text(page.read_text(encoding="utf-8"))
        assert any("\uac00" <= c <= "\ud7a3" for c in shown) == (language == "ko")
        missing = {c for c in shown if ord(c) not in font.getBestCmap()}
        assert missing == set(), language
        assert len(font.getBestCmap()) < 600  # a cut, not the whole font (about 14,000 glyphs)
        names = {record.nameID: record.toUnicode() for record in font["name"].names}
        assert names[0].startswith("Copyright")  # the notice, word for word
        assert "Kil Hyung-jin" in names[0]
        assert all("Pretendard" not in text for id_, text in names.items() if id_ not in (0, 13, 14))
        assert " " not in names[6]  # a PostScript name
        assert (folder / "LICENSE.txt").read_text(encoding="utf-8").startswith("Copyright")
