"""What a reader keeps and does with the sandbox's cells, in Chromium: edits kept across reloads with an "edited"
mark and a Reset that can be undone, a link that shares the playground's code, copying the output, Run all and
Clear output, and the elapsed time of a long run."""

from __future__ import annotations

import base64

from sandbox_helpers import cell, reader_moves, run_cell, set_code, torch_text, wait_state


def test_edits_are_kept_across_reloads_and_reset_can_be_undone(open_page: object) -> None:
    page = open_page("playground/").page
    badge = cell(page, 1).locator(".sbx-edited")
    badge.wait_for(state="attached")
    assert badge.is_hidden()
    set_code(page, 1, "print('my version')")
    assert badge.is_visible()
    assert cell(page, 1).get_attribute("data-edited") == "yes"
    page.reload()  # no move by the reader: the kept edit is shown at once, in its editor
    editor = cell(page, 1).locator(".cm-content")
    editor.wait_for()
    assert editor.text_content() == "print('my version')"
    assert cell(page, 1).locator(".sbx-edited").is_visible()
    assert cell(page, 0).get_attribute("data-edited") == "no"
    cell(page, 1).locator(".sbx-reset").click()
    wait_state(page, 1, ("reset",), 10_000)
    assert "print('my version')" not in editor.text_content()
    cell(page, 1).locator(".sbx-undo").click()
    assert editor.text_content() == "print('my version')"
    cell(page, 1).locator(".sbx-reset").click()
    wait_state(page, 1, ("reset",), 10_000)
    page.reload()
    reader_moves(page)
    cell(page, 1).locator(".cm-content").wait_for()
    assert cell(page, 1).get_attribute("data-edited") == "no"  # a reset edit is forgotten


def test_a_share_link_opens_the_playground_with_the_code(open_page: object, browser: object) -> None:
    watched = open_page("playground/")
    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    code = "import torch\nprint('shared', 6 * 7)"
    set_code(page, 0, code)
    cell(page, 0).locator(".sbx-share").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert "#code=" in link
    assert link == page.url
    encoded = link.split("#code=", 1)[1]
    assert (
        base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode() == "import torch\nprint('shared', 6 * 7)"
    )
    other = browser.new_context()  # another reader, with nothing stored
    try:
        fresh = other.new_page()
        fresh.goto(link)
        fresh.locator(".sbx-cell .cm-content").first.wait_for()
        assert run_cell(fresh, 0) == "shared 42\n"
    finally:
        other.close()


def test_copy_output_copies_the_browsers_output(open_page: object) -> None:
    page = open_page("playground/").page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    output = run_cell(page, 0)
    cell(page, 0).locator(".sbx-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == output == torch_text(page, 0)


def test_run_all_runs_every_cell_in_order_and_clear_empties_them(open_page: object) -> None:
    page = open_page("playground/").page
    page.locator(".sbx-run-all").click()
    wait_state(page, 1, ("done",), 60_000)
    assert cell(page, 0).locator(".sbx-output").text_content() == torch_text(page, 0)
    assert cell(page, 1).locator(".sbx-output").text_content() == torch_text(page, 1)
    assert [cell(page, i).locator(".sbx-count").text_content() for i in (0, 1)] == ["[1]", "[2]"]
    page.locator(".sbx-clear-all").click()
    assert [cell(page, i).locator(".sbx-output").text_content() for i in (0, 1)] == ["", ""]


def test_a_run_longer_than_a_second_shows_its_elapsed_time(open_page: object) -> None:
    page = open_page("playground/").page
    run_cell(page, 0)
    set_code(page, 1, "import time\nend = time.time() + 2.5\nwhile time.time() < end:\n    pass")
    cell(page, 1).locator(".sbx-run").click()
    page.wait_for_function(
        "document.querySelectorAll('.sbx-status')[1].textContent.startsWith('Running… 2 s')", timeout=5000
    )
    wait_state(page, 1, ("done",), 10_000)
