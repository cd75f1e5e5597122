"""The language switcher's links: from every page to the very same page in each other language.

Both languages share one file tree, so a page's URL within its language is the same in each. `extra.alternate`
gives each language's root relative to this one ("", "en/", "../"). For the switcher every page gets root-absolute
links under `site_url` to the very same page, rendered by overrides/partials/alternate.html.
Material writes the page head's `hreflang` alternates from `extra.alternate` as given, and its script reads
`sitemap.xml` beside each of them, so they must stay the languages' roots; search engines require them fully
qualified, so they become absolute URLs under `site_url`.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import urljoin, urlsplit


def language_roots(site_url: str | None, alternates: list[dict[str, str]] | None) -> list[dict[str, str]]:
    """Each language of `alternates` (name, link, lang) with its root's path on the server ("root")."""
    if not alternates or not site_url:
        raise ValueError("languages hook: set site_url and extra.alternate (name, link, lang) in the config")
    root = urlsplit(site_url).path
    return [
        {**language, "root": posixpath.normpath(posixpath.join(root, language["link"])).rstrip("/") + "/"}
        for language in alternates
    ]


def absolute_alternates(site_url: str, roots: list[dict[str, str]]) -> list[dict[str, str]]:
    """`extra.alternate` for Material: each language's root as an absolute URL."""
    return [{**language, "link": urljoin(site_url, language["root"])} for language in roots]


def page_alternates(roots: list[dict[str, str]], page_url: str) -> list[dict[str, Any]]:
    """The switcher's links from the page at `page_url` (relative to its language's root)."""
    return [
        {"name": language["name"], "lang": language["lang"], "href": language["root"] + page_url} for language in roots
    ]
