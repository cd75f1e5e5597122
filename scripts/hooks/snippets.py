"""MkDocs hook: every `{{ snippet file.py#cell }}` line becomes the cell's code and the output real torch printed.

Snippet files run once per process (the cache serves the second language and every live-reload rebuild). A page
whose front matter says `notebook: true` also becomes a companion notebook built from the same outputs.
Every problem is logged as an error (so `--strict` builds fail) and shown in place on the page (so a preview
shows where it is).
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from builder.cache import cache_folder
from builder.notebook import write_companion_notebook
from builder.pages import USES_SANDBOX, SnippetPages, shared_executor
from builder.snippet_report import Reported, snippet_report
from builder.translations import texts

log = logging.getLogger("mkdocs.hooks.snippets")
_pages: SnippetPages | None = None
_reported = Reported()  # what the previous language's build logged


def _state() -> SnippetPages:
    if _pages is None:
        raise RuntimeError("the snippets hook's on_config has not run: load it as a MkDocs hook (mkdocs.yml)")
    return _pages


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> None:
    global _pages
    root = _root(config)
    language = config.theme["language"]
    texts(language)  # fails now for a language without texts, not at the first page
    execute = os.environ.get("SNIPPETS_EXECUTE", "1") != "0"
    executor = shared_executor(cache_folder(root))
    _pages = SnippetPages(root / "snippets", Path(config.docs_dir), executor, language, execute)


@event_priority(50)  # before mkdocs-jupyter's on_files, so it turns the generated notebooks into pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages = _state()
    already = len(pages.executor.executed)
    pages.prepare()
    if ran := pages.executor.executed[already:]:
        log.info(f"Ran {len(ran)} snippet file(s) with torch (the rest came from the cache): {', '.join(ran)}")
    for level, message in snippet_report(pages, _reported):
        log.log(level, message)
    root = _root(config)
    notebooks = root / "build" / "notebooks" / pages.language
    for file in list(files.documentation_pages()):
        args = (file.content_string, file.src_uri, root / "exercises", notebooks, config.site_url)
        if (name := write_companion_notebook(pages, *args)) is not None:
            files.append(File(name, str(notebooks), config.site_dir, config.use_directory_urls))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    pages = _state()
    source = f"docs/{pages.language}/{page.file.src_uri}"
    if pages.uses_sandbox(markdown, source):
        page.meta[USES_SANDBOX] = True
    rendered = pages.render_page(markdown, source)
    if page.meta.get("notebook") is True:
        rendered = _with_notebook_links(rendered, page, files)
    return rendered


def _with_notebook_links(markdown: str, page: Page, files: Files) -> str:
    stem = Path(page.file.src_uri).with_suffix("")
    notebook = files.get_file_from_path(f"notebooks/{stem.as_posix()}.ipynb")
    if notebook is None:  # on_files adds one for every page whose front matter says `notebook: true`
        raise PluginError(f"{page.file.src_uri}: its companion notebook was not generated")
    view = posixpath.relpath(notebook.src_uri, posixpath.dirname(page.file.src_uri))
    download = posixpath.relpath(f"{notebook.url}{stem.name}.ipynb", page.url or ".")  # copied by include_source
    say = texts(_state().language)
    links = say("notebook.links", view=view, download=download)
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    lines.insert(title + 1, f"\n{links}\n")
    return "\n".join(lines)
