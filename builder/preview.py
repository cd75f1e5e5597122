"""The live preview's parts (scripts/serve.py is its command line): whether the preview can listen where asked,
the site folders that killed previews left behind, and builds that wait until no source changed meanwhile."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

from builder.site import PROJECT_SOURCES

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


def _sources_state(root: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for name in PROJECT_SOURCES:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for file in (f for f in files if "__pycache__" not in f.parts):
            stat = file.stat()
            state[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return state
