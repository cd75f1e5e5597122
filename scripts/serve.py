"""Live preview of both languages at http://127.0.0.1:8000/ (Korean) and /en/ (English).

Rebuilds on any change to pages, snippets, the configs or the sandbox; snippet outputs come from the cache, so only
an edited snippet file runs again. Problems are shown in the page and in this terminal; the preview keeps running.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer

from build import PROJECT_SOURCES, language_configs

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.serve")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to serve (default: this one)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    root = args.root.resolve()
    site = Path(tempfile.mkdtemp(prefix="pytorch-basics-site-"))  # outside every watched folder
    base = f"http://{args.host}:{args.port}/"

    def rebuild() -> None:
        try:
            for name, config in language_configs(root, False, site, base):
                try:
                    build(config, serve_url=config["site_url"])
                except (Abort, ConfigurationError, PluginError) as error:
                    log.error(f"{name}: {error}")
        except ConfigurationError as error:  # a config file that does not load: say so, keep serving
            log.error(str(error))

    server = LiveReloadServer(builder=rebuild, host=args.host, port=args.port, root=str(site))
    try:
        rebuild()
        for path in PROJECT_SOURCES:
            server.watch(str(root / path))
        log.info(f"Serving Korean at {base} and English at {base}en/ (Ctrl+C stops)")
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
