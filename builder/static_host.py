"""A local server that answers like a static host (GitHub Pages, Netlify, a CDN): text, scripts and WebAssembly
go out gzip-compressed when the browser asks for it, with a validator and revalidating cache headers. Page-speed
measurements behind localweb's plain server would count every byte uncompressed and overstate load times."""

from __future__ import annotations

import gzip
import mimetypes
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

from builder.localweb import serve_with

# What static hosts compress; images, fonts (woff2 is compressed already) and archives go out as they are.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
COMPRESSED_SUFFIXES = (".wasm", ".ipynb", ".map")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")


def compressible(path: str) -> bool:
    kind = mimetypes.guess_type(path)[0] or ""
    return kind.startswith(COMPRESSED_TYPES) or Path(path).suffix in COMPRESSED_SUFFIXES


class _Handler(SimpleHTTPRequestHandler):
    # Keep-alive as real hosts do; HTTP/1.0's close-after-each-response also trips undici (linkinator's client).
    protocol_version = "HTTP/1.1"
    cache: ClassVar[dict[tuple[str, float], bytes]] = {}
    lock = threading.Lock()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "public, max-age=600")  # GitHub Pages' policy
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if not (accepts and os.path.isfile(path) and compressible(path)):
            return super().send_head()
        modified = os.path.getmtime(path)
        with self.lock:
            body = self.cache.get((path, modified))
            if body is None:
                body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
                self.cache[(path, modified)] = body
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", formatdate(modified, usegmt=True))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def log_message(self, fmt: str, *args: object) -> None:
        pass


class _Body:
    """What send_head returns: a file-like object that copyfile reads and the handler closes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.sent = False

    def read(self, size: int = -1) -> bytes:
        if self.sent:
            return b""
        self.sent = True
        return self.data

    def close(self) -> None:
        pass


@contextmanager
def serve_static(folder: Path) -> Iterator[str]:
    """Serve `folder` compressed on a free port of 127.0.0.1; yield its base URL (ending in '/')."""
    with serve_with(type("Handler", (_Handler,), {"cache": {}}), folder) as url:
        yield url
