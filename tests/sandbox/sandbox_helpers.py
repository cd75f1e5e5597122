"""Helpers for the sandbox's tests: a small site with pages shaped like the build's (so the sandbox is tested apart
from the lessons' content), served with or without the cross-origin isolation headers."""

from __future__ import annotations

import html
import importlib.util
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from builder import sandbox_assets
from builder.localweb import CROSS_ORIGIN_ISOLATION, serve_folder

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_BYTES = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.js", "numpy-", "python-snapshot")

SEED = """import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3*a**3 - b**2
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(a.grad)
print(b.grad)"""
GRAPH = (
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\nw = torch.tensor([0.5, -1., 2.], requires_grad=True)\n"
    "y = (x * w).sum()\ny"
)
FINISHED = ("done", "error", "stopped", "lost", "load-error")
BOOT_MS = 60_000


def load_module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


runner = load_module("sandbox_runner_for_tests", ROOT / "sandbox" / "web" / "src" / "runner.py")


@contextmanager
def serve(root: Path, isolate: bool = False) -> Iterator[str]:
    """Serve `root` on 127.0.0.1; with `isolate`, send the COOP/COEP headers on every response."""
    with serve_folder(root, CROSS_ORIGIN_ISOLATION if isolate else None) as url:
        yield url


def torch_output(cells: list[str]) -> list[str]:
    """What real torch prints for each cell, run in order in one namespace, as the build shows it."""
    session = runner.Session()
    outputs = []
    for code in cells:
        parts: list[str] = []
        result = session.run(code, lambda kind, text, parts=parts: parts.append(text))
        if result["error"]:
            parts.append(result["error"].strip().splitlines()[-1] + "\n")
        outputs.append("".join(parts))
    return outputs


def snippet_html(file: str, name: str, code: str, output: str, sandbox: bool = True) -> str:
    """A cell as the build renders it: highlighted code, then the output block."""
    flag = 'data-sandbox="yes"' if sandbox else 'data-sandbox="no" data-sandbox-reason="needs CUDA"'
    return (
        f'<div class="snippet" data-snippet="{file}#{name}" {flag}>'
        f'<div class="language-python highlight"><pre><code>{html.escape(code)}</code></pre></div>'
        f'<div class="text snippet-output highlight"><pre><code>{html.escape(output)}</code></pre></div></div>'
    )


def page_html(lang: str, cells: list[dict[str, Any]], file: str, playground: bool, depth: int) -> str:
    prefix = sandbox_assets.asset_prefix("x/" * depth, 0)
    head = sandbox_assets.head_tags(prefix, playground) if playground or any(c["sandbox"] for c in cells) else ""
    shipped = [{"name": c["name"], "code": c["code"], "sandbox": c["sandbox"]} for c in cells]  # as the build's
    sources = json.dumps({file: shipped}).replace("</", "<\\/")
    body = "".join(snippet_html(file, c["name"], c["code"], c["output"], c["sandbox"]) for c in cells)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title>'
        f'<link rel="icon" href="data:,">{head}</head>'
        f'<body><main>{body}<p><a href="#top" id="after">after</a></p></main>'
        f'<script type="application/json" id="snippet-sources">{sources}</script></body></html>'
    )


def make_site(dest: Path, pages: dict[str, dict[str, Any]], engine: Path | None = None) -> Path:
    """A site at `dest` with the sandbox's assets and pages {"path/index.html": {"cells", "playground", "lang"}};
    each cell is {"name", "code", "sandbox"}, and its output is computed with real torch."""
    sandbox_assets.install_assets(ROOT, dest, engine)
    for path, spec in pages.items():
        cells = spec["cells"]
        outputs = torch_output([c["code"] for c in cells if c["sandbox"]])
        rendered = []
        for cell in cells:
            output = outputs.pop(0) if cell["sandbox"] else "(captured on a GPU)\n"
            rendered.append({**cell, "output": output})
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        depth = path.count("/")
        target.write_text(
            page_html(
                spec.get("lang", "en"), rendered, spec.get("file", "demo.py"), spec.get("playground", False), depth
            ),
            encoding="utf-8",
        )
    sandbox_assets.write_service_worker(ROOT, dest)
    return dest


def boot_file(site: Path, key: str) -> Path:
    """A file the sandbox's worker checks against boot.json: key "bundle" (numpy) or "snapshot"."""
    boot = site / sandbox_assets.ASSETS / "boot"
    return boot / json.loads((boot / "boot.json").read_text())[key]["file"]


def tamper(site: Path, key: str = "bundle") -> None:
    """Flip one byte in the middle of the served numpy bundle (or snapshot)."""
    target = boot_file(site, key)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))


class Watched:
    """A page whose console errors and requests to other origins are collected."""

    def __init__(self, page: object, origin: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.context.on("request", self._request)
        self.origin = origin

    def _request(self, request: object) -> None:
        self.requests.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and f"{parts.scheme}://{parts.netloc}/" != self.origin:
            self.foreign.append(request.url)

    def check(self) -> None:
        assert self.foreign == [], "requests left the site's origin"
        assert self.errors == [], "console errors"


@contextmanager
def page_opener(browser: Any) -> Iterator[Callable[..., Watched]]:
    """``open(root, isolate=True) -> Watched``: a page in a fresh context on its own server for ``root``. On leaving,
    every page opened is checked for console errors and requests to other origins, and everything is closed."""
    opened: list[tuple[Watched, Any, Any]] = []

    def open_page(root: Path, isolate: bool = True, service_workers: str = "allow") -> Watched:
        server = serve(root, isolate)
        url = server.__enter__()
        context = browser.new_context(service_workers=service_workers)
        watched = Watched(context.new_page(), url)
        opened.append((watched, context, server))
        return watched

    try:
        yield open_page
        for watched, _, _ in opened:
            watched.check()
    finally:
        for _, context, server in opened:
            context.close()
            server.__exit__(None, None, None)


def reader_moves(page: object) -> None:
    """The reader's first move on a page, here a key (a pointer move could come to rest on a cell, which is intent
    to run): the playground builds its editors then (loader.js)."""
    page.keyboard.press("Shift")


def cell(page: object, index: int) -> object:
    return page.locator(".sbx-cell").nth(index)


def wait_state(page: object, index: int, states: tuple[str, ...], timeout: float = BOOT_MS) -> None:
    page.wait_for_function(
        "([i, states]) => states.includes(document.querySelectorAll('.sbx-cell')[i]?.dataset.state)",
        arg=[index, list(states)],
        timeout=timeout,
    )


def run_cell(page: object, index: int, timeout: float = BOOT_MS) -> str:
    target = cell(page, index)
    target.locator(".sbx-run").click()
    wait_state(page, index, FINISHED, timeout)
    return target.locator(".sbx-output").text_content()


def set_code(page: object, index: int, code: str) -> None:
    cell(page, index).locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)


def torch_text(page: object, index: int) -> str:
    return cell(page, index).locator(".snippet-output").text_content()


def stop_a_loop(page: object, code: str, state: str) -> float:
    """Run ``code`` (an endless loop) in cell 1, press Stop once it runs; seconds until the cell shows ``state``."""
    set_code(page, 1, code)
    cell(page, 1).locator(".sbx-run").click()
    wait_state(page, 1, ("running",))
    page.wait_for_timeout(400)
    started = time.perf_counter()
    cell(page, 1).locator(".sbx-stop").click()
    wait_state(page, 1, (state,), 1000)
    return time.perf_counter() - started
