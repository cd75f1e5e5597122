"""Code blocks highlighted once per process: the same HTML as pymdownx's own highlighter, each distinct block
coloured once, a changed block or option coloured again, inline code left alone, and a loud failure if pymdownx's
highlighter changes its arguments."""

from __future__ import annotations

from typing import Any

import markdown
import pytest
from pymdownx import highlight as pymdownx_highlight

from builder import highlight_cache
from builder.process_memo import ProcessMemo

PAGE = """# Tensors

```python
x = torch.ones(2, 3)
print(x.shape)
```

Inline `#!python torch.zeros(2)` code.

```python
x = torch.ones(2, 3)
print(x.shape)
```

```python title="grad.py" hl_lines="2"
y = (x * 2).sum()
y.backward()
```
"""
EXTENSIONS = ["pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.superfences"]


def render(page: str = PAGE, **highlight_options: Any) -> str:
    return markdown.markdown(page, extensions=EXTENSIONS, extension_configs={"pymdownx.highlight": highlight_options})


@pytest.fixture
def remembering(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Highlights remembered (this test's own memory); returns the sources that Pygments really coloured."""
    coloured: list[str] = []
    original = pymdownx_highlight.highlight

    def counting(src: str, lexer: Any, formatter: Any) -> str:
        coloured.append(src)
        return original(src, lexer, formatter)

    monkeypatch.setattr(pymdownx_highlight.Highlight, "highlight", highlight_cache._original)  # restored after
    monkeypatch.setattr(highlight_cache, "_highlighted", ProcessMemo(limit=20_000))
    monkeypatch.setattr(pymdownx_highlight, "highlight", counting)
    highlight_cache.remember_highlights()
    return coloured


def test_remembered_blocks_give_pymdownx_own_html(remembering: list[str]) -> None:
    first, again = render(), render()
    blocks = [src for src in remembering if "\n" in src]
    assert len(blocks) == 3  # three blocks on the first page, two of them alike but numbered apart; none again
    assert remembering.count("torch.zeros(2)") == 2  # inline code: every time
    pymdownx_highlight.Highlight.highlight = highlight_cache._original
    assert first == again == render()
    assert first.count('<span class="n">torch</span>') == 3


def test_a_changed_block_or_option_is_coloured_again(remembering: list[str]) -> None:
    render()
    before = len(remembering)
    render(PAGE.replace("print(x.shape)", "print(x.dtype)"))
    assert len(remembering) - before == 3  # the two changed blocks, and the inline code
    before = len(remembering)
    render(linenums=True)
    assert len(remembering) - before == 4


def test_a_changed_highlighter_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pymdownx_highlight.Highlight, "highlight", highlight_cache._original)
    monkeypatch.setattr(highlight_cache, "_ARGUMENTS", "self, src, language")
    with pytest.raises(RuntimeError, match="pymdownx's highlighter changed"):
        highlight_cache.remember_highlights()
