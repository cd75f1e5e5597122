"""The sandbox on the real built site: the playground in both languages runs the seed's autograd example and prints
what torch printed at build time, and a lesson page loads no Python until the reader shows intent."""

from __future__ import annotations

import pytest
from sandbox_helpers import PYODIDE_BYTES, Watched


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_playground_runs_the_seed_example(browser: object, site_url: str, prefix: str) -> None:
    context = browser.new_context()
    try:
        watched = Watched(context.new_page(), site_url)
        page = watched.page
        page.goto(f"{site_url}{prefix}playground/")
        first = page.locator('.snippet[data-snippet="playground/autograd.py#seed"] .sbx-cell')
        first.locator(".sbx-run").click()
        page.wait_for_function("document.querySelector('.sbx-cell').dataset.state === 'done'", timeout=60_000)
        expected = page.locator('.snippet[data-snippet="playground/autograd.py#seed"] .snippet-output pre')
        assert first.locator(".sbx-output").text_content() == expected.text_content()
        assert "tensor([36., 81.])" in expected.text_content()
        watched.check()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["tensors/", "en/define-by-run/"])
def test_a_lesson_page_offers_cells_but_loads_no_python_before_intent(
    browser: object, site_url: str, path: str
) -> None:
    context = browser.new_context()
    try:
        watched = Watched(context.new_page(), site_url)
        page = watched.page
        page.goto(site_url + path)
        page.locator(".sbx-open").first.wait_for()
        assert page.locator(".sbx-open").count() == page.locator('.snippet[data-sandbox="yes"]').count() > 0
        page.wait_for_timeout(1000)
        assert not [u for u in watched.requests if any(name in u for name in PYODIDE_BYTES)]
        watched.check()
    finally:
        context.close()
