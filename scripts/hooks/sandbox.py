"""MkDocs hook: the in-browser sandbox (builder/sandbox_assets.py). Its script and CSS go into the head of pages
that use it, and once the site is written its assets (front end, Pyodide, npgrad) and service worker are copied in,
one copy shared by both languages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from builder.sandbox_assets import install_assets, shared_root, with_sandbox, write_service_worker


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _, levels_up = shared_root(Path(config.site_dir), config.theme["language"])
    return with_sandbox(output, page.url, page.meta, levels_up)


def on_post_build(config: MkDocsConfig) -> None:
    root, _ = shared_root(Path(config.site_dir), config.theme["language"])
    project = Path(config.config_file_path).resolve().parent
    install_assets(project, root)
    write_service_worker(project, root)
