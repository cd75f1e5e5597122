"""MkDocs hook: every `{{ exercise chapter/name }}` line becomes the exercise (task, starter, hints, solution), and
`{{ exercise-index }}` the list of them all. Each exercise's reference solution runs with real torch (cached) to
make its expected results; an exercise whose solution fails its own check, whose starter passes, or whose declared
wrong answer is not rejected for its declared reason is an error, so a strict build fails."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from builder.exercises.pages import ExercisePages, nav_files
from builder.pages import USES_SANDBOX
from builder.translations import languages_in

log = logging.getLogger("mkdocs.hooks.exercises")
_pages: ExercisePages | None = None


def _state() -> ExercisePages:
    if _pages is None:
        raise RuntimeError("the exercises hook's on_config has not run: load it as a MkDocs hook (mkdocs.yml)")
    return _pages


def on_config(config: MkDocsConfig) -> None:
    global _pages
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir)
    languages = languages_in(docs.parent)
    cache = root / "build" / "cache" / "exercises"
    _pages = ExercisePages(root, docs, config.theme["language"], languages, cache, nav_files(config["nav"]))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = _state()
    pages.prepare()
    if pages.ran:
        log.info(f"Ran {len(pages.ran)} exercise(s) with torch (the rest came from the cache)")
    for message in pages.problems:
        log.error(message)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    pages = _state()
    if pages.uses_sandbox(markdown):
        page.meta[USES_SANDBOX] = True
    return pages.render_page(markdown, f"docs/{pages.language}/{page.file.src_uri}")
