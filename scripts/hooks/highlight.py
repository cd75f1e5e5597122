"""MkDocs hook: pymdownx highlights each distinct code block once per process (builder/highlight_cache.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from builder.highlight_cache import remember_highlights


def on_config(config: MkDocsConfig) -> None:
    remember_highlights()
