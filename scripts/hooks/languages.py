"""MkDocs hook: point the language switcher at the same page in the other language, and make the hreflang
alternates absolute URLs (builder/languages.py says why)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from builder.languages import absolute_alternates, language_roots, page_alternates

_roots: list[dict[str, str]] = []


def on_config(config: MkDocsConfig) -> None:
    _roots[:] = language_roots(config.site_url, config.extra.get("alternate"))
    config.extra["alternate"] = absolute_alternates(config.site_url or "", _roots)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any) -> dict[str, Any]:
    context["page_alternates"] = page_alternates(_roots, page.url)
    return context
