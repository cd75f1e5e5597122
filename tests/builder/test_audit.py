"""The audit's own parts: the compressing server answers like a static host, targets are enforced, Lighthouse's
median over runs, every rule the HTML check switches off is still needed; and its gates on the built site: valid
HTML, no broken link, and every page's accessibility (axe, both schemes: the dark one switched on the light page,
which gives every element a fresh dark load's colours), console, third-party requests and layout shift. Lighthouse
on a sample of pages: `scripts/audit.py --sample`, which scripts/test runs after the tests."""

from __future__ import annotations

import gzip
import sys
import time
import urllib.request
from pathlib import Path

from builder import audit
from builder.static_host import serve_static


def _get(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return dict(response.headers), response.read()


def test_static_host_compresses_text_for_browsers_that_ask(tmp_path: Path) -> None:
    page = "<!doctype html><title>t</title>" + "<p>텐서</p>" * 500
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(b"\0" * 4000)
    with serve_static(tmp_path) as url:
        headers, body = _get(url, "gzip, deflate, br")
        assert headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in headers["Vary"]
        assert gzip.decompress(body).decode() == page
        assert len(body) < len(page.encode()) / 10
        headers, body = _get(url, None)
        assert "Content-Encoding" not in headers
        assert body.decode() == page
        headers, body = _get(url + "font.woff2", "gzip")  # compressed formats go out as they are
        assert "Content-Encoding" not in headers
        assert len(body) == 4000


def test_each_target_fails_the_page() -> None:
    assert audit.PageResult("p").failures() == []
    misses = [
        audit.PageResult("p", axe={"dark": {"color-contrast": 2}}),
        audit.PageResult("p", console=["boom"]),
        audit.PageResult("p", foreign=["https://fonts.example/x"]),
        audit.PageResult("p", cls=audit.MAX_CLS),
        audit.PageResult("p", html=["rule: message"]),
        audit.PageResult("p", links=["404 x/"]),
        audit.PageResult("p", lighthouse={"performance": 89, "failed": {}}),
        audit.PageResult("p", lighthouse={"seo": 99, "failed": {}}),
        audit.PageResult("p", lighthouse={"cls": 0.06, "failed": {}}),
    ]
    assert all(result.failures() for result in misses)


def _run(performance: int, cls: float = 0.0) -> dict[str, object]:
    return {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 100, "cls": cls}


def test_lighthouse_median_is_decided_by_a_majority_of_the_planned_runs() -> None:
    assert audit.decided([_run(95), _run(91)], 3)  # two of three meet the target: the third cannot change it
    assert audit.decided([_run(80), _run(85)], 3)
    assert not audit.decided([_run(95), _run(85)], 3)
    assert not audit.decided([_run(95)], 3)
    assert not audit.decided([_run(95), _run(95, cls=0.2)], 3)  # the layout shift is not decided yet
    assert audit.median_scores([_run(95), _run(85), _run(91)])["performance"] == 91
    assert audit.median_scores([_run(85), _run(95)])["performance"] == 85  # an even count takes the lower middle
    assert audit.median_scores([_run(95, 0.01), _run(95, 0.2)])["cls"] == 0.2
    median = audit.median_scores([_run(95), _run(85), _run(91)])
    assert audit.PageResult("p", lighthouse={**median, "failed": {}}).failures() == []
    missed = audit.median_scores([_run(95), _run(85), _run(89)])
    assert audit.PageResult("p", lighthouse={**missed, "failed": {}}).failures()


def test_every_html_rule_switched_off_is_still_needed(built_site: Path) -> None:
    strict = {**audit.html_config(), "rules": {}}
    errors = audit.html_errors(built_site, strict).values()
    found = {message.split(":")[0] for messages in errors for message in messages}
    assert set(audit.HTML_RULES_OFF) <= found, "drop the rules the site now meets from HTML_RULES_OFF"
    assert audit.html_errors(built_site) == {}


def test_no_broken_link_or_anchor_on_any_page(site_url: str) -> None:
    # linkinator crawls both languages from their homes: pages, notebooks, switcher targets, hreflang alternates
    assert audit.broken_links(site_url, site_url) == {}


def test_every_page_meets_the_accessibility_targets(built_site: Path, site_url: str, browser: object) -> None:
    # Lighthouse's speed targets are measured by scripts/test after the tests, alone on the machine: its scores
    # depend on the CPU time it gets, which tests running beside it take.
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:4.0f} s] {message}", file=sys.stderr)

    results = {path: audit.PageResult(path) for path in audit.site_pages(built_site)}
    audit.browser_checks(site_url, results, log, browser)
    failures = {f"/{path}": found for path, result in results.items() if (found := result.failures())}
    assert not failures, audit.table(results.values())


COLOURS = """() => [...document.querySelectorAll("body *")].map((element) => {
  const style = getComputedStyle(element);
  return [element.tagName, style.color, style.backgroundColor, style.borderTopColor, style.borderBottomColor,
          style.outlineColor, style.textDecorationColor, style.fill, style.stroke, style.boxShadow].join(" ");
})"""


def _colours(browser: object, url: str, scheme: str, switch_to: str | None = None) -> list[list[str]]:
    """Every element's colours as loaded in `scheme`, then (with `switch_to`) after audit.switch_scheme."""
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(audit.SETTLE_MS)
        found = [page.evaluate(COLOURS)]
        if switch_to:
            audit.switch_scheme(page, switch_to)
            found.append(page.evaluate(COLOURS))
        return found
    finally:
        context.close()


def test_switching_to_dark_gives_every_element_a_fresh_dark_loads_colours(site_url: str, browser: object) -> None:
    # what lets the audit check the dark scheme on its light visit (audit.SCHEMES): the home page, a lesson with
    # figures and sandbox cells, a notebook page
    for path in ("", "en/tensors/", "notebooks/autograd/"):
        light, switched = _colours(browser, site_url + path, "light", switch_to="dark")
        (fresh,) = _colours(browser, site_url + path, "dark")
        assert len(fresh) > 200
        assert switched == fresh, path
        assert switched != light  # the switch did change colours


def test_another_host_a_console_error_and_faint_text_fail_the_page(tmp_path: Path, browser: object) -> None:
    # another host as the audit sees one: another port; from the page and from a worker, as the search's runs
    worker = "fetch('http://localhost:1/from-worker').catch(() => {})"
    (tmp_path / "worker.js").write_text(worker)
    palette = "".join(  # what audit.switch_scheme reads, as Material writes it
        f'<input type=radio hidden data-md-color-media="(prefers-color-scheme: {media})" '
        f'data-md-color-scheme="{scheme}" data-md-color-primary="custom" data-md-color-accent="custom">'
        for media, scheme in (("light", "default"), ("dark", "slate"))
    )
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang=en><title>t</title><main><h1>t</h1>"
        f'<img src="http://localhost:1/from-page.png" alt="x"><p style="color: #ddd">faint</p></main>{palette}'
        "<script>document.documentElement.dataset.scrollRegions = 'done'; new Worker('worker.js');"
        "console.error('boom')</script>"
    )
    with serve_static(tmp_path) as url:
        results = {"": audit.PageResult("")}
        audit.browser_checks(url, results, lambda message: None, browser)
    found = results[""]
    assert sorted(u.rsplit("/", 1)[1] for u in found.foreign) == ["from-page.png", "from-worker"]
    assert any("boom" in message for message in found.console)
    assert found.axe["light"].get("color-contrast") == found.axe["dark"].get("color-contrast") == 1
    assert found.failures()
