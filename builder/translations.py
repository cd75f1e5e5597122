"""Every language of the site and every text it shows per language, read from `translations/` at the project root.

`translations/languages.json` lists the languages, the default one first (built at the site root, compared first);
`translations/<language>.json` holds that language's texts in sections (`snippet`, `capture`, `figure`, ...), the
same keys in every language (tests/builder/test_translations.py). The browser sandbox reads the `sandbox` and
`sandbox_exercise` sections of the same files (sandbox/web/build.mjs bundles them). A key names its text by its
path, `"capture.stale"`; every text is a `str.format` template (`{placeholders}`, `{{` for a brace). Code names a
language's texts `say` (`say = texts(language)`): the test finds the keys the code asks for by that name.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent.parent / "translations"
LANGUAGES: tuple[str, ...] = tuple(json.loads((FOLDER / "languages.json").read_text(encoding="utf-8")))
DEFAULT_LANGUAGE = LANGUAGES[0]


class Texts:
    """One language's texts: `say("snippet.output")` is a text, `say("capture.date", year=2026, ...)` a filled
    template, `say.sequence("capture.months")` a list of texts."""

    def __init__(self, language: str, data: dict[str, Any]) -> None:
        self.language = language
        self._data = flatten(data)

    def __call__(self, key: str, **values: object) -> str:
        text = self._get(key)
        if not isinstance(text, str):
            raise TypeError(f"translations/{self.language}.json: {key!r} is not a text")
        return text.format(**values)

    def sequence(self, key: str) -> tuple[str, ...]:
        texts = self._get(key)
        if not isinstance(texts, list):
            raise TypeError(f"translations/{self.language}.json: {key!r} is not a list of texts")
        return tuple(texts)

    def section(self, prefix: str) -> dict[str, str]:
        """Every text under `prefix`, keyed by the rest of its key: `section("exercise.kinds")["write"]`."""
        start = prefix + "."
        found = {key.removeprefix(start): text for key, text in self._data.items() if key.startswith(start)}
        if not found:
            raise KeyError(f"translations/{self.language}.json has no section {prefix!r}")
        return found

    def _get(self, key: str) -> Any:
        if key not in self._data:
            raise KeyError(f"translations/{self.language}.json has no text {key!r}; add it to every language's file")
        return self._data[key]


def languages_in(docs: Path) -> tuple[str, ...]:
    """The languages that have a folder under `docs` (docs/ko, docs/en), the default first."""
    return tuple(language for language in LANGUAGES if (docs / language).is_dir())


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested sections as one mapping from dotted keys to texts (or lists of texts)."""
    flat: dict[str, Any] = {}
    for name, value in data.items():
        key = prefix + name
        if isinstance(value, dict):
            flat.update(flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


def load(language: str) -> dict[str, Any]:
    """The language's file as written (nested sections)."""
    data: dict[str, Any] = json.loads((FOLDER / f"{language}.json").read_text(encoding="utf-8"))
    return data


def texts(language: str) -> Texts:
    """The language's texts, read again when its file changed (a live preview shows an edited text at once)."""
    if language not in LANGUAGES:
        raise ValueError(
            f"no texts for language {language!r}: add translations/{language}.json and list it in "
            "translations/languages.json"
        )
    return _texts(language, (FOLDER / f"{language}.json").stat().st_mtime_ns)


@cache
def _texts(language: str, modified: int) -> Texts:
    return Texts(language, load(language))
