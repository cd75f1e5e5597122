"""The built site in Chromium: search in Korean and by API name, and the headings' self-hosted font. That no page
requests another host or logs an error, search open included, is the audit's check (tests/builder/test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from builder import fonts


def page_url(site_url: str, language: str, page: str) -> str:
    prefix = site_url if language == "ko" else site_url + "en/"
    return prefix if page == "index" else f"{prefix}{page}/"


def search(browser: object, url: str, query: str, then: Callable[[object], object] | None = None) -> list[str]:
    """The links of a search's results; `then(page)` may look at the open results before the page closes."""
    page = browser.new_page()
    try:
        page.goto(url, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.wait_for_function("document.activeElement?.classList.contains('md-search__input')")
        box.press_sequentially(query, delay=20)
        box.press("End")  # Material searches on keyup; Playwright inserts Hangul as text without one, an IME would not
        try:
            page.wait_for_selector(".md-search-result__item", timeout=30000)
        except Exception as error:
            meta = page.locator(".md-search-result__meta").inner_text()
            raise AssertionError(f"no results: box holds {box.input_value()!r}, search says {meta!r}") from error
        if then is not None:
            then(page)
        return page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
    finally:
        page.close()


@pytest.mark.parametrize(
    ("language", "query"),
    [("ko", "텐서"), ("ko", "미분"), ("ko", "requires_grad"), ("en", "requires_grad"), ("en", "broadcasting")],
)
def test_search_finds_pages(browser: object, site_url: str, language: str, query: str) -> None:
    results = search(browser, page_url(site_url, language, "index"), query)
    assert results, f"no results for {query!r}"
    in_language = [url for url in results if ("/en/" in url) == (language == "en")]
    assert in_language == results, "search mixed the languages"


def test_search_results_pass_axe(browser: object, site_url: str) -> None:
    # Results quote code blocks: a quote that scrolled would be a region no keyboard can reach (site.css wraps it).
    from axe_playwright_python.sync_playwright import Axe

    found: list[object] = []
    results = search(browser, site_url, "tensor", lambda page: found.append(Axe().run(page, context=".md-search")))
    assert results
    assert found[0].violations_count == 0, found[0].generate_report()


def test_headings_are_set_in_the_self_hosted_font_and_body_text_in_the_system_font(
    browser: object, site_url: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(page_url(site_url, "ko", "index"), wait_until="networkidle")
        family = "selector => getComputedStyle(document.querySelector(selector)).fontFamily"
        heading, title, body = (page.evaluate(family, s) for s in ("article h1", ".md-header__topic", "article p"))
        loaded = page.evaluate(
            "document.fonts.ready.then(() => [...document.fonts].some("
            f"f => f.family.includes('{fonts.FAMILY}') && f.status === 'loaded'))"
        )
    finally:
        page.close()
    assert heading.startswith(f'"{fonts.FAMILY}"')
    assert title.startswith(f'"{fonts.FAMILY}"')
    assert loaded, "the headings' font was not loaded for the Korean headings"
    assert fonts.FAMILY not in body
    assert body.startswith("-apple-system")
