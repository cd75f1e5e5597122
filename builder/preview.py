"""The live preview's parts (scripts/serve.py is its command line): whether the preview can listen where asked,
the site folders that killed previews left behind, builds that wait until no source changed meanwhile, and which
languages an edit needs rebuilt (a page of one language rebuilds that language only), and that language's build."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from builder.sandbox_assets import write_service_worker
from builder.site import PROJECT_SOURCES, build_language
from builder.translations import DEFAULT_LANGUAGE, LANGUAGES

SITE_PREFIX = "pytorch-basics-site-"  # then the owner's process id: a folder whose owner is gone is a leftover
log = logging.getLogger("mkdocs.serve")


def port_problem(host: str, port: int) -> str | None:
    """Why the preview cannot listen on host:port, with what to do; None when it can."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"{host}:{port} is already in use (is another preview running?)\n"
                    f"  -> stop that program, or preview on another port: scripts/serve --port {port + 1}"
                )
            return f"cannot listen on {host}:{port}: {error.strerror}\n  -> choose another with --host and --port"
    return None


def remove_leftovers(folder: Path) -> None:
    """Remove site folders of previews that were killed (SIGKILL, a crash) before they could clean up."""
    for leftover in folder.glob(f"{SITE_PREFIX}*-*"):
        owner = leftover.name.removeprefix(SITE_PREFIX).split("-")[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's
    return True


def build_until_unchanged(rebuild: Callable[[], None], root: Path) -> None:
    """Build, and build again while sources changed during the build: the watcher only starts with the server, so
    a page saved while the first build ran would otherwise wait for the next save (and a new page would 404)."""
    state = _sources_state(root)
    rebuild()
    while (now := _sources_state(root)) != state:
        log.info("Files changed during the build: building again")
        state = now
        rebuild()


class ChangedSources:
    """The project's source files changed since the previous call (every file, the first time)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._state: dict[str, tuple[int, int]] | None = None

    def __call__(self) -> set[Path]:
        now, before = _sources_state(self.root), self._state
        self._state = now
        if before is None:
            return {Path(name) for name in now}
        return {Path(name) for name in now.keys() | before.keys() if now.get(name) != before.get(name)}


def languages_to_rebuild(changed: set[Path], root: Path) -> tuple[str, ...]:
    """The languages whose pages an edit can change, in build order. A page (docs/<language>/), an exercise's text
    (<name>.<language>.md) or a language's texts (translations/<language>.json) affect that language alone; a
    snippet, an exercise's code, a config, a hook or the sandbox affect every language."""
    wanted: set[str] = set()
    for path in changed:
        parts = path.relative_to(root).parts
        language = next(
            (
                language
                for language in LANGUAGES
                if parts[:2] == ("docs", language)
                or (parts[0] == "exercises" and path.name.endswith(f".{language}.md"))
                or parts == ("translations", f"{language}.json")
            ),
            None,
        )
        if language is None:
            return LANGUAGES
        wanted.add(language)
    return tuple(language for language in LANGUAGES if language in wanted)


def build_preview_language(root: Path, site: Path, config: MkDocsConfig, rebuilt: tuple[str, ...]) -> None:
    """Build one of the languages in `rebuilt` into the preview's `site`. The default language's site holds the
    others' (<site>/<language>/): built alone, it keeps them aside meanwhile (other_languages_kept), and since its
    service worker then listed its own pages only, the worker is written again for the whole site."""
    alone = config.theme["language"] == DEFAULT_LANGUAGE and rebuilt == (DEFAULT_LANGUAGE,)
    if not alone:
        build_language(config, serve_url=config["site_url"])
        return
    with other_languages_kept(site):
        build_language(config, serve_url=config["site_url"])
    write_service_worker(root, site)


@contextmanager
def other_languages_kept(site: Path) -> Iterator[None]:
    """While the default language builds alone: its build empties the site folder, where the other languages'
    sites live (<site>/<language>/); they wait beside the folder meanwhile, not inside it, where the build's own
    walks of the site (the service worker's list of files) would find them."""
    kept = [(site / lang, site.with_name(f"{site.name}-kept-{lang}")) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    for folder, aside in kept:
        if folder.is_dir():
            folder.rename(aside)
    try:
        yield
    finally:
        for folder, aside in kept:
            if aside.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
                aside.rename(folder)


def _sources_state(root: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for name in PROJECT_SOURCES:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for file in (f for f in files if "__pycache__" not in f.parts):
            stat = file.stat()
            state[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return state
