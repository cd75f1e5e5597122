"""The site offline after one visit, in Chromium: the service worker caches every page and the sandbox's files, so
pages open and cells run with no network; a new deployment replaces the cache whole."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from sandbox_helpers import ROOT, cell, page_opener, reader_moves, run_cell, torch_text, wait_state

from builder import sandbox_assets

CACHES = "caches.keys()"


def visit_once(page: object, origin: str) -> None:
    """A first visit: the service worker installs, and a cell is run (so the sandbox's files are fetched)."""
    page.goto(origin + "playground/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the service worker
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    reader_moves(page)
    assert run_cell(page, 0) == torch_text(page, 0)


def test_pages_open_and_cells_run_offline_after_one_visit(browser: object, site: Path) -> None:
    with page_opener(browser) as open_site:
        watched = open_site(site, False)
        page, origin = watched.page, watched.origin
        visit_once(page, origin)
        page.context.set_offline(True)
        for path in ("lesson/", "playground/"):  # the lesson page was never opened online
            page.goto(origin + path)
            assert page.locator(".snippet").count() > 0
        reader_moves(page)
        assert page.evaluate("crossOriginIsolated")  # the offline page still gets its headers
        assert run_cell(page, 0) == torch_text(page, 0)
        page.goto(origin + "lesson/")
        page.locator(".sbx-open").nth(1).click()  # needs the file's first cell: run first, silently
        assert run_cell(page, 0, timeout=60_000) == torch_text(page, 0) == "tensor([10., 20.])\n"


def test_a_new_deployment_replaces_the_cache_whole(browser: object, site: Path, tmp_path: Path) -> None:
    deployed = tmp_path / "site"
    shutil.copytree(site, deployed)
    with page_opener(browser) as open_site:
        watched = open_site(deployed, False)
        page, origin = watched.page, watched.origin
        visit_once(page, origin)
        old = page.evaluate(CACHES)
        assert len(old) == 1
        lesson = deployed / "lesson" / "index.html"
        lesson.write_text(lesson.read_text().replace("<main>", "<main><p id='new'>new text</p>"))
        new_worker = (deployed / "sandbox-sw.js").read_text()
        assert sandbox_assets.write_service_worker(ROOT, deployed) not in old[0]
        assert (deployed / "sandbox-sw.js").read_text() != new_worker
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        page.wait_for_function(f"caches.keys().then((k) => k.length === 1 && k[0] !== {old[0]!r})", timeout=20_000)
        page.wait_for_function("caches.keys().then((k) => k.length === 1)")
        # the new deployment's copy of the page is in its cache, and its worker controls the page, before going offline
        page.wait_for_function(
            "(url) => caches.keys().then((k) => caches.open(k[0])).then((c) => c.match(url)).then((r) => !!r)",
            arg=origin + "lesson/",
            timeout=20_000,
        )
        # ... and that worker is the new one: installed, activated and in control (on a loaded machine the old one
        # can still control the page a moment after the new cache is filled)
        page.wait_for_function(
            "navigator.serviceWorker.getRegistration().then((r) => !!r && !r.installing && !r.waiting && !!r.active"
            " && r.active.state === 'activated' && navigator.serviceWorker.controller === r.active)",
            timeout=20_000,
        )
        page.context.set_offline(True)
        for _ in range(15):  # on a loaded machine the switch to the new worker can lag a moment behind the checks above
            try:
                page.goto(origin + "lesson/")
                if page.locator("#new").count():
                    break
            except PlaywrightError:  # offline, and no worker answered the navigation yet
                pass
            page.wait_for_timeout(1000)
        assert page.locator("#new").text_content() == "new text"  # the new deployment's page, from its own cache
        page.context.set_offline(False)
        page.goto(origin + "playground/")
        reader_moves(page)
        wait_state(page, 0, ("idle",), 10_000)
        assert cell(page, 0).count() == 1
