"""MkDocs hook: once the site is written, add the headings' font cut to the characters the pages' headings show
(builder/fonts.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from builder.fonts import heading_text, install_fonts

_text: set[str] = set()


def on_pre_build(config: MkDocsConfig) -> None:
    _text.clear()
    _text.update(config.site_name)


def on_post_page(output: str, **_: object) -> str:
    _text.update(heading_text(output))
    return output


def on_post_template(output_content: str, **_: object) -> str:  # the theme's own pages: 404.html
    _text.update(heading_text(output_content))
    return output_content


def on_post_build(config: MkDocsConfig) -> None:
    install_fonts(Path(config.config_file_path).resolve().parent, Path(config.site_dir), _text)
