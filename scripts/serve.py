"""Live preview of both languages at http://127.0.0.1:8000/ (Korean) and /en/ (English).

Usage: scripts/serve [--port 8001] [--host 127.0.0.1]

Rebuilds on any change to pages, snippets, the configs or the sandbox, including changes saved while the first build
runs: a page of one language (or its exercise texts) rebuilds that language alone, anything else every language;
snippet outputs come from the cache, so only an edited snippet file runs again. Problems are shown in the page
and in this terminal; the preview keeps running. The site is built into a temporary folder, removed on every way out
(Ctrl+C, SIGTERM, a closed terminal, an error); one left by a killed preview is removed at the next start.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType

from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer

from builder.preview import (
    SITE_PREFIX,
    ChangedSources,
    build_preview_language,
    build_until_unchanged,
    languages_to_rebuild,
    port_problem,
    remove_leftovers,
)
from builder.site import PROJECT_SOURCES, language_configs

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.serve")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to serve (default: this one)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    if problem := port_problem(args.host, args.port):  # before a build that would take many seconds
        log.error(problem)
        return 2
    root = args.root.resolve()
    remove_leftovers(Path(tempfile.gettempdir()))
    site = Path(tempfile.mkdtemp(prefix=f"{SITE_PREFIX}{os.getpid()}-"))  # outside every watched folder
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _interrupt)
    base = f"http://{args.host}:{args.port}/"

    changed = ChangedSources(root)

    def rebuild() -> None:
        languages = languages_to_rebuild(changed(), root)
        try:
            for name, config in language_configs(root, False, site, base):
                language = config.theme["language"]
                if language not in languages:
                    continue
                try:
                    build_preview_language(root, site, config, languages)
                except (Abort, ConfigurationError, PluginError) as error:
                    log.error(f"{name}: {error}")
        except ConfigurationError as error:  # a config file that does not load: say so, keep serving
            log.error(str(error))

    # Polled every 0.1 s rather than MkDocs' 0.5 s: a saved file is seen 0.2 s sooner on average, for a few ms of
    # file listing per poll.
    server = LiveReloadServer(builder=rebuild, host=args.host, port=args.port, root=str(site), polling_interval=0.1)
    try:
        for path in PROJECT_SOURCES:
            server.watch(str(root / path))
        build_until_unchanged(rebuild, root)
        log.info(f"Serving Korean at {base} and English at {base}en/ (Ctrl+C stops)")
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        log.error(port_problem(args.host, args.port) or str(error))  # taken while the first build ran
        return 2
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # leave the way Ctrl+C does, through every cleanup


if __name__ == "__main__":
    sys.exit(main())
