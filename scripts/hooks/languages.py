"""MkDocs hook: point the language switcher at the same page in the other language.

Both languages share one file tree, so a page's URL within its language is the same in each. `extra.alternate`
gives each language's root relative to this one ("", "en/", "../"). For the switcher this hook gives every page
root-absolute links under `site_url` to the very same page, rendered by overrides/partials/alternate.html.
Material writes the page head's `hreflang` alternates from `extra.alternate` as given, and its script reads
`sitemap.xml` beside each of them, so they must stay the languages' roots; search engines require them fully
qualified, so this hook makes them absolute URLs under `site_url`.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_roots: list[dict[str, str]] = []


def on_config(config: MkDocsConfig) -> None:
    languages = config.extra.get("alternate")
    if not languages or not config.site_url:
        raise ValueError("languages hook: set site_url and extra.alternate (name, link, lang) in the config")
    root = urlsplit(config.site_url).path
    _roots[:] = [
        {**language, "root": posixpath.normpath(posixpath.join(root, language["link"])).rstrip("/") + "/"}
        for language in languages
    ]
    config.extra["alternate"] = [{**lang, "link": urljoin(config.site_url, lang["root"])} for lang in _roots]


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any) -> dict[str, Any]:
    context["page_alternates"] = [
        {"name": language["name"], "lang": language["lang"], "href": language["root"] + page.url} for language in _roots
    ]
    return context
