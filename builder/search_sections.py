"""Material's search plugin parses each page's HTML into sections on every build, about a third of a warm build.
The same HTML gives the same sections, so each distinct page is parsed once per process: the live preview's
rebuilds, and the builds of both languages and of the tests, parse only pages whose HTML changed.

The sections are copied out of the cache for every page, because the plugin sets a section's missing title from
the page that uses it. `remember_search_sections()` fails loudly if Material's parser is no longer where it was.
"""

from __future__ import annotations

import hashlib
from typing import Any

from material.plugins.search import plugin as search_plugin

from builder.process_memo import ProcessMemo

_Parser: Any = search_plugin.Parser
_Section: Any = search_plugin.Section
# sha256 of a page's HTML -> its sections, as first parsed; both languages' sites have about 70 distinct pages
_parsed: ProcessMemo[str, list[Any]] = ProcessMemo(limit=1000)


class _RememberingParser(_Parser):
    """Material's parser, answering from the sections of an earlier page with the same HTML."""

    def feed(self, data: str) -> None:
        self._key = hashlib.sha256(data.encode()).hexdigest()
        if (sections := _parsed.get(self._key)) is None:
            super().feed(data)
        else:
            self.data = [_copy(section) for section in sections]

    def close(self) -> None:
        if self._key not in _parsed:
            super().close()
            _parsed.put(self._key, [_copy(section) for section in self.data])


def _copy(section: Any) -> Any:
    copy = _Section(section.el, section.depth)
    copy.text, copy.title, copy.id = list(section.text), list(section.title), section.id
    return copy


def remember_search_sections() -> None:
    """Make Material's search index parse each distinct page once per process."""
    fields = {"el", "depth", "text", "title", "id"}
    if not fields <= set(vars(_Section(None))) or not hasattr(_Parser, "feed"):
        raise RuntimeError("Material's search parser changed: builder/search_sections.py no longer fits it")
    search_plugin.Parser = _RememberingParser
