"""Pygments colours each code block on every build: about a sixth of a warm build of one language, and most of it
for blocks that did not change (a prose edit in the preview rebuilds every page of its language; both languages
show the same snippets). The same block with the same options gives the same HTML, so each distinct block is
highlighted once per process.

Only blocks are remembered: inline code comes back as an element that its page's tree takes in, and a title in
HTML mode is stored in the page's own stash; both are highlighted every time. `remember_highlights()` fails loudly
if pymdownx's highlighter no longer takes the arguments it did.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from pymdownx import highlight as pymdownx_highlight

from builder.process_memo import ProcessMemo

_ARGUMENTS = (
    "self, src, language, css_class, hl_lines, linestart, linestep, linespecial, inline, classes, id_value, attrs, "
    "title, code_block_count"
)
_original: Callable[..., Any] = pymdownx_highlight.Highlight.highlight
_SIGNATURE = inspect.signature(_original)
_highlighted: ProcessMemo[tuple[Any, ...], str] = ProcessMemo(limit=20_000)  # both sites show about 2,000


def _options(highlighter: Any) -> str:
    """The highlighter's own options (its Markdown instance aside), as a key: a new build makes a new highlighter."""
    return repr(sorted((name, value) for name, value in vars(highlighter).items() if name != "md"))


def _remembering(highlighter: Any, *args: Any, **kwargs: Any) -> Any:
    bound = _SIGNATURE.bind(highlighter, *args, **kwargs)
    bound.apply_defaults()
    call = dict(bound.arguments)
    if call["inline"] or highlighter.auto_title or highlighter.title_mode == "html":
        return _original(highlighter, *args, **kwargs)
    key = (_options(highlighter), *(repr(value) for name, value in call.items() if name != "self"))
    if (html := _highlighted.get(key)) is None:
        html = _original(highlighter, *args, **kwargs)
        _highlighted.put(key, html)
    return html


def remember_highlights() -> None:
    """Make pymdownx highlight each distinct code block once per process."""
    if pymdownx_highlight.Highlight.highlight is _remembering:
        return
    if ", ".join(_SIGNATURE.parameters) != _ARGUMENTS:
        raise RuntimeError("pymdownx's highlighter changed: builder/highlight_cache.py no longer fits it")
    pymdownx_highlight.Highlight.highlight = _remembering
