"""MkDocs hook: Material's search index parses each distinct page once per process (builder/search_sections.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from builder.search_sections import remember_search_sections


def on_config(config: MkDocsConfig) -> None:
    remember_search_sections()
