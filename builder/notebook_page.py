"""The companion notebook as a site page: what mkdocs-jupyter renders, made to behave like the other pages.

- Headings take the page's explicit ids (builder.notebook leaves them as `<a id>` anchors, which Jupyter
  understands), so the table of contents, the page's own links and links from other pages all find them.
- The style blocks move out of the article into one shared stylesheet (a `<style>` is not allowed inside
  `<article>`, and each page would otherwise carry 300 KB of the same CSS); the one that holds a Python list's text
  instead of CSS (mkdocs-jupyter 0.26 appends `str(list)`) is dropped, its CSS is already among the others.
- MathJax (with no URL) and Mermaid (from a CDN) loaders go: the notebooks hold neither math nor diagrams, and
  nothing may load from a third party.
- Scrollable code blocks can be reached with the keyboard, as Material's own are.
"""

from __future__ import annotations

import hashlib
import html
import re
from typing import TypedDict

HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="[^"]*">(?P<text>.*?)\s*<a id="(?P<id>[\w-]+)"\s*(?:/>|></a>)'
    r'<a class="anchor-link" href="#[^"]*">(?P<mark>[^<]*)</a></h(?P=level)>',
    re.S,
)
STYLE = re.compile(r"<style[^>]*>(?P<css>.*?)</style>\s*", re.S)
LOADERS = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mermaid configuration -->", re.S)
SCROLLING_CODE = re.compile(r'<div class="(highlight-ipynb [^"]*)">')
SCROLLING_BLOCK = re.compile(r'<div class="highlight"><pre>')  # code blocks in Markdown cells
TAGS = re.compile(r"<[^>]+>")


def is_notebook(src_uri: str) -> bool:
    return src_uri.endswith(".ipynb")


class TocToken(TypedDict):
    """One heading as MkDocs' `get_toc` takes it (the shape of the `toc` extension's tokens)."""

    level: int
    id: str
    name: str
    children: list[TocToken]


def heading_ids(content: str) -> tuple[str, list[TocToken]]:
    """Give each heading the id of its `<a id>` anchor; return the content and MkDocs toc tokens for it."""
    tokens: list[TocToken] = []
    stack: list[TocToken] = []

    def adopt(match: re.Match[str]) -> str:
        level, anchor, text = int(match["level"]), match["id"], match["text"]
        name = html.escape(html.unescape(TAGS.sub("", text)).strip())
        token: TocToken = {"level": level, "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
        return f'<h{level} id="{anchor}">{text}<a class="anchor-link" href="#{anchor}">{match["mark"]}</a></h{level}>'

    return HEADING.sub(adopt, content), tokens


def shared_styles(content: str) -> tuple[str, str]:
    """(content without its style blocks, their CSS joined), dropping the block that is a Python list's text."""
    kept: list[str] = []

    def take(match: re.Match[str]) -> str:
        css = match["css"].strip()
        if not css.startswith("['"):
            kept.append(css)
        return ""

    return STYLE.sub(take, content), "\n".join(kept) + "\n"


def stylesheet_name(css: str) -> str:
    return f"assets/stylesheets/notebook.{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"


def clean_notebook_page(content: str) -> tuple[str, list[TocToken], str]:
    """(content, toc tokens, shared CSS) of a rendered notebook page."""
    content = LOADERS.sub("", content)
    content, css = shared_styles(content)
    content, tokens = heading_ids(content)
    content = SCROLLING_CODE.sub(r'<div class="\1" tabindex="0">', content)
    content = SCROLLING_BLOCK.sub('<div class="highlight"><pre tabindex="0">', content)
    return content, tokens, css
