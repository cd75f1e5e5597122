"""MkDocs hook: the companion notebook pages that mkdocs-jupyter renders get the page's heading ids and table of
contents, one shared stylesheet in the page head instead of style blocks in the article, and no third-party
loaders (builder/notebook_page.py says why)."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from builder.cache import write_atomically
from builder.notebook_page import clean_notebook_page, is_notebook, stylesheet_name

_stylesheets: dict[str, str] = {}  # site path -> CSS


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    if not is_notebook(page.file.src_uri):
        return html
    content, tokens, css = clean_notebook_page(html)
    if not tokens:
        raise PluginError(f"{page.file.src_uri}: no heading with an explicit id; builder.notebook writes them")
    page.toc = get_toc(tokens)
    name = stylesheet_name(css)
    _stylesheets[name] = css
    page.meta["notebook_stylesheet"] = name
    return content


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if (name := page.meta.get("notebook_stylesheet")) is None:
        return output
    href = posixpath.relpath(name, page.url or ".")
    return output.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)


def on_post_build(config: MkDocsConfig) -> None:
    for name, css in _stylesheets.items():
        target = Path(config.site_dir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, css)
    _stylesheets.clear()
