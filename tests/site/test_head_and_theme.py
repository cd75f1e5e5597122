"""What the quality gates rely on in the page markup: fully qualified hreflang alternates at each language's root
(Material's switcher script reads sitemap.xml beside them), a named search dialog, and the accessible palette."""

from __future__ import annotations

import re
from pathlib import Path


def test_hreflang_alternates_are_absolute_language_roots(built_site: Path, site_url: str) -> None:
    for page in ("index.html", "tensors/index.html", "en/index.html", "en/notebooks/tensors/index.html", "404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        found = dict(re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([\w-]+)">', html))
        assert sorted(found.values()) == ["en", "ko"], page
        assert {lang: href for href, lang in found.items()} == {"ko": site_url, "en": site_url + "en/"}, page


def test_search_dialog_has_a_name(built_site: Path) -> None:
    for page, name in (("index.html", "검색"), ("en/index.html", "Search")):
        html = (built_site / page).read_text(encoding="utf-8")
        assert f'role="dialog" aria-label="{name}"' in html


def test_palette_is_the_accessible_deep_orange(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-primary="custom"' in html
    css = (built_site / "assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert '[data-md-color-primary="custom"]' in css
    assert "--md-primary-fg-color: #c43e00" in css
