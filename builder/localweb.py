"""A static server on 127.0.0.1 and a headless Chromium, shared by the browser tests and the benchmarks."""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

CROSS_ORIGIN_ISOLATION = {"Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp"}
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")  # Debian's, installed by .ci/run; else Playwright's own download
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Handler(SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, fmt: str, *args: object) -> None:  # keep test and benchmark output readable
        pass


@contextmanager
def serve_folder(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `folder` on a free port, with optional extra headers; yield its base URL (ending in '/')."""
    with serve_with(type("Handler", (_Handler,), {"extra_headers": headers or {}}), folder) as url:
        yield url


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that drops a connection it no longer needs (a page left, Lighthouse's runs ending) is no error;
        # anything else is still printed with its traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_with(handler: type[SimpleHTTPRequestHandler], folder: Path) -> Iterator[str]:
    """Serve `folder` through `handler` on a free port of 127.0.0.1, in a thread; yield its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_executable() -> str | None:
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None


def launch_chromium(playwright: Any, **options: Any) -> Any:
    return playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS, **options)
