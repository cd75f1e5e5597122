"""Loading the sandbox over slow links, in Chromium with its network throttled: the progress bar counts every byte
the start downloads, a link that keeps delivering is never cut off, a stalled one fails with a clear message, and
the reader retries from the cell without reloading the page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from sandbox_helpers import BOOT_MS, cell, page_opener, reader_moves, run_cell, torch_text, wait_state

from builder import sandbox_assets

MBIT = 1_000_000 / 8  # bytes per second
PROGRESS = "() => { const p = document.querySelector('.sbx-progress progress'); return p ? p.value : -1; }"


def throttle(cdp: object, bytes_per_second: float) -> None:
    """Chromium's own network throttling (DevTools), for the page and its workers; -1 lifts it."""
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 40 if bytes_per_second > 0 else 0,
            "downloadThroughput": bytes_per_second,
            "uploadThroughput": bytes_per_second,
        },
    )


def test_progress_counts_every_byte_and_a_slow_link_is_never_cut_off(browser: object, site: Path) -> None:
    with page_opener(browser) as open_site:
        # Chromium throttles the page's own requests, not a service worker's fetches: the server isolates the page
        # itself, so the site's service worker is left out here (the offline tests cover it)
        watched = open_site(site, True, service_workers="block")
        page = watched.page
        fetched: list[str] = []
        page.context.on("requestfinished", lambda r: fetched.append(r.url))
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        throttle(cdp, 1 * MBIT)
        page.goto(watched.origin + "playground/")
        reader_moves(page)
        cell(page, 0).hover()  # intent on a cell: Python starts loading
        page.wait_for_function(f"({PROGRESS})() > 0", timeout=30_000)
        page.wait_for_timeout(2000)
        early = page.evaluate(PROGRESS)
        assert 0 < early < 0.5, "at 1 Mbit/s the bar moves, far from full"
        throttle(cdp, 4 * MBIT)
        page.wait_for_timeout(3000)
        assert early < page.evaluate(PROGRESS) < 1
        assert cell(page, 0).get_attribute("data-state") == "idle"  # slow, not failed
        throttle(cdp, -1)
        page.wait_for_function("document.querySelector('.sbx-status').textContent === 'Ready.'", timeout=BOOT_MS)
        assert page.evaluate(PROGRESS) == 1
        # The bar's total is every byte the start fetched: Pyodide's own files, numpy, the snapshot, the engine.
        assets = site / sandbox_assets.ASSETS
        needed = {u for u in fetched if "/assets/sandbox/" in u and "/chunks/" not in u}
        needed -= {u for u in needed if u.endswith((".css", "sandbox.js", "sandbox-worker.js", "boot.json"))}
        total = sum((assets / urlsplit(u).path.split("/assets/sandbox/", 1)[1]).stat().st_size for u in needed)
        shown = page.evaluate("document.querySelector('.sbx-progress progress').getAttribute('aria-valuetext')")
        assert shown.endswith(f"of {total / 1e6:.1f} MB downloaded"), (shown, sorted(needed))
        assert any(u.endswith("pyodide.asm.wasm") for u in needed)
        assert run_cell(page, 0) == torch_text(page, 0)


def test_a_stalled_load_fails_with_a_message_and_is_retried_from_the_cell(browser: object, site: Path) -> None:
    with page_opener(browser) as open_site:
        watched = open_site(site, True)
        page = watched.page
        held = []  # requests never answered: the link has stalled (they end when the stalled worker is dropped)
        page.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
        page.goto(watched.origin + "playground/")
        reader_moves(page)
        cell(page, 0).hover()
        wait_state(page, 0, ("load-error",), 30_000)
        notices = cell(page, 0).locator(".sbx-notices")
        assert "no data arrived for 15 seconds" in notices.text_content()
        page.context.unroute("**/pyodide.asm.wasm")
        assert held
        notices.locator(".sbx-retry").click()
        wait_state(page, 0, ("done",), BOOT_MS)
        assert cell(page, 0).locator(".sbx-output").text_content() == torch_text(page, 0)
