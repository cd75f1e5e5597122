"""MkDocs hook: copy the self-hosted Pretendard font into the site once it is written (builder/fonts.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from builder.fonts import install_fonts


def on_post_build(config: MkDocsConfig) -> None:
    install_fonts(Path(config.config_file_path).resolve().parent, Path(config.site_dir))
