"""The sandbox in Chromium, on a small site of its own (the real npgrad engine, pages shaped like the build's):
running, Stop with and without cross-origin isolation, text-only output, keyboard use, lazy loading, a tampered
wheel, the service worker, and the graph drawing. Every page is also checked for console errors and requests to
other hosts."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from pathlib import Path

from sandbox_helpers import (
    BOOT_MS,
    PYODIDE_BYTES,
    boot_file,
    cell,
    page_opener,
    reader_moves,
    run_cell,
    set_code,
    stop_a_loop,
    tamper,
    torch_text,
    wait_state,
)


def test_seed_autograd_example_prints_what_torch_printed(open_page: object) -> None:
    page = open_page("playground/").page
    assert run_cell(page, 0) == torch_text(page, 0) == "tensor([36., 81.])\ntensor([-12.,  -8.])\n"
    assert cell(page, 0).get_attribute("data-state") == "done"


def test_stop_interrupts_within_a_second_and_keeps_the_namespace(open_page: object) -> None:
    page = open_page("playground/", isolate=True).page
    assert page.evaluate("crossOriginIsolated")
    run_cell(page, 0)
    assert stop_a_loop(page, "while True:\n    pass", "stopped") < 1.0
    set_code(page, 1, "print(a.grad)")
    assert run_cell(page, 1, timeout=5000) == "tensor([36., 81.])\n"


def test_stop_without_isolation_restarts_and_says_state_was_lost(open_page: object) -> None:
    page = open_page("playground/", isolate=False).page
    assert not page.evaluate("crossOriginIsolated")
    run_cell(page, 0)
    assert stop_a_loop(page, "x = 0\nwhile True:\n    x += 1", "lost") < 1.0
    assert "lost" in cell(page, 1).locator(".sbx-output").text_content()
    assert page.evaluate("1 + 1") == 2  # the page stayed responsive
    set_code(page, 1, "print('x' in globals())")
    assert run_cell(page, 1) == "False\n"


def test_a_huge_allocation_is_stopped_too(open_page: object) -> None:
    page = open_page("playground/", isolate=True).page
    run_cell(page, 0)
    # blocks of 800 MB, left uninitialised: the memory runs out after a few, without seconds spent filling them
    set_code(page, 1, "import numpy as np\nblocks = []\nwhile True:\n    blocks.append(np.empty(10**8))")
    output = run_cell(page, 1, timeout=30_000)
    assert "MemoryError" in output or cell(page, 1).get_attribute("data-state") == "error"
    set_code(page, 1, "print(1 + 1)")
    assert run_cell(page, 1, timeout=30_000) == "2\n"


def test_output_is_shown_as_text_and_never_runs(open_page: object) -> None:
    page = open_page("playground/").page
    payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold</b>'
    set_code(page, 1, f"print({payload!r})\n{payload!r}")
    assert run_cell(page, 1) == f"{payload}\n{payload!r}\n"
    output = cell(page, 1).locator(".sbx-output")
    assert output.locator("img, script, b").count() == 0
    page.wait_for_timeout(200)
    assert page.evaluate("window.pwned") is None


def test_a_cell_works_with_the_keyboard_alone(open_page: object) -> None:
    page = open_page("playground/").page
    page.locator(".sbx-cell .cm-content").first.wait_for()  # the editors are built once their script has loaded
    for _ in range(12):  # Tab from the top of the page to the first control of the first cell, then into its editor
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cm-content')"):
            break
    assert page.evaluate("document.activeElement.closest('.sbx-cell') === document.querySelector('.sbx-cell')")
    page.keyboard.press("Control+a")
    page.keyboard.insert_text("import torch\nprint(6 * 7)")
    page.keyboard.press("Shift+Enter")
    wait_state(page, 0, ("done",), BOOT_MS)
    assert cell(page, 0).locator(".sbx-output").text_content() == "42\n"
    page.keyboard.press("Tab")  # Tab indents inside the editor...
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")  # ...Escape then Tab leaves it, to its output's Copy button, then the next cell
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.sbx-copy')[0]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.sbx-run')[1]")
    page.keyboard.press("Enter")
    wait_state(page, 1, ("done",), 5000)
    assert cell(page, 1).locator(".sbx-output").text_content() == torch_text(page, 1)


def test_the_playground_builds_its_editors_at_the_first_move_and_loads_python_at_intent(
    browser: object, site: Path
) -> None:
    with page_opener(browser) as open_site:
        watched = open_site(site, False)
        page = watched.page
        page.goto(watched.origin + "playground/")
        page.wait_for_timeout(1500)
        assert page.locator(".snippet > .highlight").first.is_visible()  # the code reads as on a lesson page
        assert not page.locator(".sbx-cell").count()
        assert not [u for u in watched.requests if "/chunks/ui-" in u], "the editors loaded before the reader moved"
        reader_moves(page)
        page.locator(".sbx-cell .cm-content").first.wait_for()
        assert page.locator(".sbx-cell").count() == 2
        page.wait_for_timeout(1000)
        assert not [u for u in watched.requests if any(name in u for name in PYODIDE_BYTES)], "Python before intent"
        cell(page, 1).hover()
        for _ in range(100):  # pointing at a cell is intent: Python starts loading
            if any("pyodide.asm.wasm" in u for u in watched.requests):
                break
            page.wait_for_timeout(100)
        assert any("pyodide.asm.wasm" in u for u in watched.requests)


def test_a_lesson_page_downloads_no_python_until_intent(open_page: object) -> None:
    watched = open_page("lesson/", isolate=False)
    page = watched.page
    buttons = page.locator(".sbx-open")
    buttons.first.wait_for()  # added by a small script once the page is ready
    assert buttons.count() == 2  # the cell marked sandbox="no" gets none
    assert buttons.first.text_content() == "브라우저에서 실행"
    page.wait_for_timeout(1500)
    assert not [u for u in watched.requests if any(name in u for name in (*PYODIDE_BYTES, "npgrad.zip"))]
    assert not [u for u in watched.requests if "/chunks/ui-" in u], "the editor loaded before any intent"
    buttons.nth(1).hover()
    for _ in range(100):  # hovering is intent: Python starts loading
        if any("pyodide.asm.wasm" in u for u in watched.requests):
            break
        page.wait_for_timeout(100)
    assert any("pyodide.asm.wasm" in u for u in watched.requests)
    assert not page.locator(".sbx-cell").count()
    buttons.nth(1).click()
    # The cell needs `t` from the file's first cell: the sandbox runs that one first, silently.
    assert run_cell(page, 0) == torch_text(page, 0) == "tensor([10., 20.])\n"


def test_a_tampered_wheel_gives_a_clear_message(open_page: object, site: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "site"
    shutil.copytree(site, damaged)
    tamper(damaged)
    page = open_page("playground/", root=damaged).page
    run_cell(page, 0)
    assert cell(page, 0).get_attribute("data-state") == "load-error"
    assert "does not match its published checksum" in cell(page, 0).locator(".sbx-notices").text_content()


def test_the_service_worker_isolates_pages_on_static_hosts(open_page: object) -> None:
    page = open_page("playground/", isolate=False).page
    assert not page.evaluate("crossOriginIsolated")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    reader_moves(page)
    assert page.evaluate("crossOriginIsolated")
    # Subresources pass through untouched (a rebuilt response would lose the browser's compiled-wasm cache)
    assert page.evaluate("fetch('../sandbox-sw.js').then((r) => r.headers.get('cross-origin-embedder-policy'))") is None
    run_cell(page, 0)
    stop_a_loop(page, "while True: pass", "stopped")  # interrupted, not restarted: the page is isolated


def test_a_tensor_result_can_be_drawn_as_its_graph(open_page: object) -> None:
    page = open_page("playground/").page
    run_cell(page, 0)
    assert run_cell(page, 1) == "tensor(4.5000, grad_fn=<SumBackward0>)\n" == torch_text(page, 1)
    toggle = cell(page, 1).locator(".sbx-graph-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    svg = cell(page, 1).locator("svg.sbx-graph")
    assert svg.get_attribute("role") == "img"
    labels = svg.locator("text").all_text_contents()
    assert labels == ["y ()", "SumBackward0", "MulBackward0", "x (3,)", "w (3,)"]  # shapes as the figures write them
    assert re.match(r"Autograd graph behind y", svg.locator("title").text_content())


def test_a_damaged_snapshot_falls_back_to_an_ordinary_start(open_page: object, site: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "site"
    shutil.copytree(site, damaged)
    tamper(damaged, "snapshot")  # fails its checksum: never restored
    page = open_page("playground/", root=damaged).page
    assert run_cell(page, 0) == torch_text(page, 0)


def test_a_refused_snapshot_falls_back_to_an_ordinary_start(open_page: object, site: Path, tmp_path: Path) -> None:
    refused = tmp_path / "site"
    shutil.copytree(site, refused)
    snapshot = boot_file(refused, "snapshot")
    memory = bytearray(gzip.decompress(snapshot.read_bytes()))
    memory[16] ^= 0xFF  # the build id Pyodide checks: as if Pyodide were updated without a new snapshot
    packed = gzip.compress(bytes(memory))
    snapshot.write_bytes(packed)
    manifest_file = snapshot.parent / "boot.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["snapshot"].update(sha256=hashlib.sha256(packed).hexdigest(), bytes=len(packed))
    manifest_file.write_text(json.dumps(manifest))
    page = open_page("playground/", root=refused).page
    assert run_cell(page, 0) == torch_text(page, 0)


def test_loading_shows_stages_once_each_and_bytes_in_a_progress_bar(open_page: object) -> None:
    page = open_page("playground/").page
    page.locator(".sbx-status").first.wait_for()
    page.evaluate("""() => {
        window.statuses = [];
        const status = document.querySelector('.sbx-status');
        const record = () => window.statuses.push(status.textContent);
        record();
        new MutationObserver(record).observe(status, { childList: true, characterData: true, subtree: true });
    }""")
    wait_state(page, 0, ("idle",))
    cell(page, 0).hover()  # intent on a cell: Python starts loading
    page.wait_for_function("document.querySelector('.sbx-status').textContent === 'Ready.'", timeout=BOOT_MS)
    recorded = page.evaluate("window.statuses")
    assert recorded[0] == "Python loads when you start using a cell."  # nothing loads before intent
    statuses = [s for s in recorded[1:] if s != "Ready."]
    stages = ["Loading Python (1/3)…", "Loading numpy (2/3)…", "Loading npgrad (3/3)…"]
    assert statuses
    assert statuses == [s for s in stages if s in statuses]
    status = cell(page, 0).locator(".sbx-status")
    assert status.get_attribute("role") == "status"
    progress = cell(page, 0).locator(".sbx-progress progress")
    assert progress.get_attribute("aria-label") == "Downloading Python and numpy"
    assert re.fullmatch(r"\d+\.\d of \d+\.\d MB downloaded", progress.get_attribute("aria-valuetext") or "")
    assert cell(page, 0).locator(".sbx-progress").is_hidden()  # gone once Python is ready
