"""The sandbox's texts in every language: a cell that cannot run in the browser says why in the page's language, so
every reason a snippet gives (in English, in the snippet file) has its translation in i18n.js."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from builder.snippet_file import load_snippet

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
I18N = ROOT / "sandbox" / "web" / "src" / "i18n.js"


def reasons_in(language: str) -> dict[str, str]:
    script = (
        f"import({json.dumps(I18N.as_uri())}).then((m) => console.log(JSON.stringify(m.strings({language!r}).reasons)))"
    )
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def snippet_reasons() -> set[str]:
    files = [load_snippet(SNIPPETS, p.relative_to(SNIPPETS).as_posix()) for p in sorted(SNIPPETS.rglob("*.py"))]
    return {c.sandbox_reason for f in files for c in f.cells if c.sandbox_reason}


def test_snippets_give_reasons() -> None:
    assert "needs a CUDA GPU" in snippet_reasons()  # the reason the build gives a CUDA file by itself
    assert len(snippet_reasons()) >= 5


@pytest.mark.parametrize("language", ["ko"])
def test_every_reason_a_snippet_gives_is_translated(language: str) -> None:
    translated = reasons_in(language)
    assert sorted(snippet_reasons() - set(translated)) == []
    assert all(text and text not in snippet_reasons() for text in translated.values())


def test_english_shows_the_reason_as_written() -> None:
    assert reasons_in("en") == {}
