"""The quality audit of a built site (scripts/audit.py is its command line), measured by independent tools behind a
compressing local server:

- axe-core (WCAG 2.2 AA) on every page in the light and the dark scheme, plus the search dialog open and sandbox
  cells open with run output; in the same visits: console errors, requests to other hosts, layout shift. Each page
  is visited once: every rule in the light scheme, then the rules that depend on colour in the dark one;
- html-validate (the HTML standard's rules) on every page;
- linkinator: every internal link and fragment, both languages, notebook pages and hreflang alternates included;
- Lighthouse (mobile preset) on a sample: home, each lesson, the playground, one notebook page; each page's scores
  are the median of up to five runs, since a 2-core machine's load moves them by several points (a lesson scored
  88-95 in four runs of one build).

The test suite runs the same checks on its own build (tests/builder/test_audit.py), and scripts/test Lighthouse on a
smaller sample after it, alone on the machine (`scripts/audit.py --sample`).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from builder.localweb import chromium_executable, launch_chromium

ROOT = Path(__file__).resolve().parent.parent  # the project, whose library builder/ is
BIN = ROOT / "node_modules" / ".bin"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The dark scheme is checked in the same visit as the light one, switched as Material's palette script switches it:
# every colour of the site and of Material keys off the body's data-md-color-* attributes (no stylesheet asks
# prefers-color-scheme; the script reads it once and sets them), so the switched page has the colours of a fresh
# dark load (tests/builder/test_audit.py compares every element's). Only the rules that depend on colour run again.
SCHEMES = {"light": "(prefers-color-scheme: light)", "dark": "(prefers-color-scheme: dark)"}  # -> palette media
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_CLS = 0.05
# The pages Lighthouse measures (URL paths within the Korean site; English equivalents under en/): each kind of
# page once, and every lesson, since each has its own weight of code, outputs and figures.
LIGHTHOUSE_PAGES = (
    "",
    "define-by-run/",
    "tensors/",
    "gpu/",
    "operations/",
    "autograd/",
    "mistakes/",
    "playground/",
    "notebooks/tensors/",
    "en/",
)
# What the test command measures with Lighthouse (scripts/test: scripts/audit.py --sample): each kind of page once,
# the lesson with the most code blocks and figures standing for the others.
LIGHTHOUSE_SAMPLE = ("", "operations/", "playground/", "notebooks/tensors/")
# Each page's Lighthouse scores are the median of this many runs (fewer when the first ones already decide it).
LIGHTHOUSE_RUNS = 5
# html-validate: the HTML standard's rules ("standard" preset: validity, not style). Rules that the theme's own
# markup cannot meet are listed here one by one with the reason; tests/builder/test_audit.py checks that each one
# is still needed (switching it back on finds errors in the built site).
HTML_RULES_OFF: dict[str, str] = {
    # Material puts autocomplete="off" on its checkbox toggles (drawer, search, table of contents) so that Firefox
    # does not restore them checked on back/forward navigation; the standard allows the attribute on text inputs
    # only. Overriding Material's base template to drop it would reintroduce the bug it works around.
    "valid-autocomplete": "Material's drawer and search toggles",
}
# What a layout shift or an axe run waits for after the load event: the fonts and Material's own scripts settle.
SETTLE_MS = 600
LAYOUT_SHIFT = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


@dataclass
class PageResult:
    path: str
    axe: dict[str, dict[str, int]] = field(default_factory=dict)  # state -> {rule id: nodes}
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    cls: float = 0.0
    html: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    lighthouse: dict[str, Any] = field(default_factory=dict)

    def failures(self) -> list[str]:
        found = [f"axe {state}: {', '.join(rules)}" for state, rules in self.axe.items() if rules]
        if self.console:
            found.append(f"console errors: {self.console[:3]}")
        if self.foreign:
            found.append(f"third-party requests: {self.foreign[:3]}")
        if self.cls >= MAX_CLS:
            found.append(f"layout shift {self.cls:.3f}")
        found += [f"html: {message}" for message in self.html]
        found += [f"link: {message}" for message in self.links]
        for category, target in TARGETS.items():
            score = self.lighthouse.get(category)
            if score is not None and score < target:
                failed = ", ".join(self.lighthouse.get("failed", {}).get(category, []))
                found.append(f"lighthouse {category} {score} < {target} ({failed})")
        if self.lighthouse.get("cls", 0) >= MAX_CLS:
            found.append(f"lighthouse layout shift {self.lighthouse['cls']:.3f}")
        return found


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path relative to its root ('' is the home page)."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


# ---------------------------------------------------------------------------------------------------------------------
# Browser: axe, console errors, third-party requests, layout shift
# ---------------------------------------------------------------------------------------------------------------------
def axe_violations(page: Any, rules: list[str] | None = None) -> dict[str, int]:
    """{rule id: nodes} of what axe finds on the page: every rule of AXE_TAGS, or only `rules`."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    # Only violations are read: axe then gives every violating node but skips building selectors for each node that
    # passed (thousands of code tokens on a lesson), which halves its time on a lesson page.
    result = page.evaluate("only => axe.run(document, { runOnly: only, resultTypes: ['violations'] })", only)
    return {violation["id"]: len(violation["nodes"]) for violation in result["violations"]}


# Transitions are switched off first, for good: a block that content-visibility skips (site.css) would otherwise
# keep the old scheme's colours until it is drawn, its transition paused, while a fresh load has no transition.
SWITCH_SCHEME = """media => {
  if (!document.getElementById("audit-no-transitions")) {
    const style = document.createElement("style");
    style.id = "audit-no-transitions";
    style.textContent = "*, *::before, *::after { transition: none !important; }";
    document.head.append(style);
  }
  const palette = document.querySelector(`[data-md-color-media='${media}']`);
  for (const key of ["media", "scheme", "primary", "accent"])
    document.body.setAttribute(`data-md-color-${key}`, palette.getAttribute(`data-md-color-${key}`));
}"""


def switch_scheme(page: Any, scheme: str) -> None:
    """Give the page the colours of `scheme` ("light" or "dark") as Material's palette script does on load."""
    page.evaluate(SWITCH_SCHEME, SCHEMES[scheme])


def axe_both_schemes(page: Any, result: PageResult, state: str = "") -> None:
    """axe on the page as it is now: every rule in the light scheme, the colour rules in the dark one; the page is
    left light."""
    prefix = f"{state} " if state else ""
    result.axe[f"{prefix}light"] = axe_violations(page)
    switch_scheme(page, "dark")
    result.axe[f"{prefix}dark"] = axe_violations(page, COLOUR_RULES)
    switch_scheme(page, "light")


def _open_search(page: Any) -> None:
    page.keyboard.press("/")
    page.wait_for_selector(".md-search__input:focus", timeout=5000)
    page.keyboard.type("tensor")
    page.wait_for_selector(".md-search-result__item", timeout=15000)


def _run_sandbox(page: Any) -> None:
    """Open the page's first sandbox cell (lessons show a button, the playground mounts them all at the reader's
    first move), run it and show its output and, where the cell offers it, the autograd graph."""
    page.keyboard.press("Shift")  # the reader's first move: the playground builds its editors then
    opener = page.locator(".sbx-open").first
    if opener.count():
        opener.click()
    page.wait_for_selector(".sbx-cell .sbx-run", timeout=15000)
    cell = page.locator(".sbx-cell").first
    cell.locator(".sbx-run").click()
    page.wait_for_function(
        "() => ['done', 'error'].includes(document.querySelector('.sbx-cell')?.dataset.state)",
        timeout=90000,
    )
    toggle = page.locator(".sbx-graph-toggle")
    if toggle.count():
        toggle.first.click()


# Extra states checked beyond each page as loaded: (page path pattern, state name, action).
STATES: list[tuple[str, str, Callable[[Any], None]]] = [
    (r"^(en/)?$", "search", _open_search),
    (r"^(en/)?playground/$", "sandbox", _run_sandbox),
    (r"^(en/)?tensors/$", "sandbox", _run_sandbox),
]


def browser_checks(base: str, results: dict[str, PageResult], log: Callable[[str], None], browser: Any = None) -> None:
    """axe, console errors, third-party requests and layout shift on every page of `results`, in `browser` (a
    Playwright Chromium; one of its own when None)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = launch_chromium(playwright)
            try:
                browser_checks(base, results, log, own)
            finally:
                own.close()
        return
    origin = base.rstrip("/")
    current: list[PageResult] = []  # the page being checked: console messages and requests are counted against it

    def request(req: Any) -> None:
        parts = urlsplit(req.url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" != origin:
            current[0].foreign.append(req.url)

    def console(message: Any) -> None:
        if message.type == "error":
            current[0].console.append(message.text)

    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    context.add_init_script(LAYOUT_SHIFT)
    context.on("request", request)
    page = context.new_page()
    page.on("console", console)
    page.on("pageerror", lambda e: current[0].console.append(str(e)))
    for path, result in results.items():
        current[:] = [result]
        page.goto(base + path, wait_until="load")
        # scroll-regions.js gives scrollable boxes their tab stops in idle time after the load event
        page.wait_for_function("document.documentElement.dataset.scrollRegions === 'done'", timeout=15000)
        page.wait_for_timeout(SETTLE_MS)
        page.wait_for_load_state("networkidle")  # what loads late (fonts, lazy scripts) is counted against the page
        result.cls = page.evaluate("window.__cls")
        axe_both_schemes(page, result)
        for pattern, state, action in STATES:
            if re.search(pattern, path):
                try:
                    action(page)
                    page.wait_for_timeout(300)
                    axe_both_schemes(page, result, state)
                except Exception as error:  # noqa: BLE001 - a state that cannot be reached is a failure too
                    result.axe[state] = {f"could not open: {error}"[:120]: 1}
    context.close()
    log(f"axe (light, and dark for colour): {len(results)} pages")


# ---------------------------------------------------------------------------------------------------------------------
# HTML validity and links
# ---------------------------------------------------------------------------------------------------------------------
def html_config() -> dict[str, Any]:
    return {"extends": ["html-validate:standard"], "rules": dict.fromkeys(HTML_RULES_OFF, "off")}


def html_errors(site: Path, config: dict[str, Any] | None = None) -> dict[str, list[str]]:
    """{page path: ["rule: message (line)"]} for every error html-validate finds."""
    with tempfile.TemporaryDirectory() as folder:
        config_file = Path(folder) / "htmlvalidate.json"
        config_file.write_text(json.dumps(config or html_config()))
        report_file = Path(folder) / "report.json"  # a file: node cuts a long JSON report written to a pipe
        files = sorted(str(p) for p in site.rglob("*.html"))
        done = subprocess.run(
            [str(BIN / "html-validate"), "-c", str(config_file), "-f", f"json={report_file}", *files],
            capture_output=True,
            text=True,
        )
        if done.returncode not in (0, 1) or not report_file.is_file():
            raise RuntimeError(f"html-validate failed: {done.stderr.strip()[:2000]}")
        reports = json.loads(report_file.read_text())
    found: dict[str, list[str]] = {}
    for report in reports:
        path = Path(report["filePath"]).relative_to(site).as_posix().removesuffix("index.html")
        for message in report["messages"]:
            if message["severity"] == 2:
                found.setdefault(path, []).append(f"{message['ruleId']}: {message['message']} (line {message['line']})")
    return found


def broken_links(base: str, site_url: str) -> dict[str, list[str]]:
    """{page path: ["status url"]} for every broken link or fragment linkinator finds, crawling from both homes.
    Absolute links to the published site (notebooks link back to it) are checked against the local copy."""
    local = re.escape(base)
    command = [
        str(BIN / "linkinator"),
        base,
        base + "en/",
        "--recurse",
        "--check-fragments",
        "--format",
        "json",
        "--concurrency",
        "8",
        "--skip",
        f"^(?!{local})",
        "--url-rewrite-search",
        f"^{re.escape(site_url.rstrip('/') + '/')}",
        "--url-rewrite-replace",
        base,
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if not done.stdout.strip().startswith("{"):
        raise RuntimeError(f"linkinator failed: {done.stderr.strip()[:2000]}")
    found: dict[str, list[str]] = {}
    for link in json.loads(done.stdout)["links"]:
        if link["state"] == "BROKEN":
            parent = (link.get("parent") or base).removeprefix(base)
            found.setdefault(parent, []).append(f"{link['status']} {link['url'].removeprefix(base)}")
    return found


# ---------------------------------------------------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------------------------------------------------
def lighthouse(url: str, folder: Path) -> dict[str, Any]:
    """Scores (0-100) of the mobile preset, the layout shift, and the ids of failed audits per category."""
    output = folder / "lighthouse.json"
    chrome = chromium_executable()
    env = {**os.environ, **({"CHROME_PATH": chrome} if chrome else {})}
    command = [
        str(BIN / "lighthouse"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
    ]
    for _attempt in range(3):
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode != 0 or not output.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-2000:]}")
        report = json.loads(output.read_text())
        # A run that measured nothing (NO_FCP: Chromium painted nothing before its timeout, which a heavily loaded
        # machine can cause) is made again rather than counted as a score of zero.
        if not report.get("runtimeError") and report["categories"]["performance"]["score"] is not None:
            break
    else:
        raise RuntimeError(f"lighthouse measured nothing on {url}: {report.get('runtimeError')}")
    scores: dict[str, Any] = {"failed": {}}
    for name, category in report["categories"].items():
        scores[name] = round((category["score"] or 0) * 100)
        failed = []
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                failed.append(ref["id"])
        scores["failed"][name] = failed
    scores["cls"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    for metric in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
        scores[metric] = report["audits"][metric]["numericValue"]
    return scores


def _meets(scores: dict[str, Any]) -> dict[str, bool]:
    """Each Lighthouse target of one run: met or not."""
    met = {category: scores[category] >= target for category, target in TARGETS.items()}
    return {**met, "cls": scores["cls"] < MAX_CLS}


def decided(runs: list[dict[str, Any]], planned: int) -> bool:
    """Whether the median of `planned` runs already meets or misses each target whatever the runs not yet made give:
    a majority of the planned runs on one side."""
    majority = planned // 2 + 1
    for target in _meets(runs[0]):
        met = sum(_meets(run)[target] for run in runs)
        if met < majority and len(runs) - met < majority:
            return False
    return True


def median_scores(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Per category the median score (the lower middle one for an even count, the higher layout shift): a page
    meets a target when most runs do. Failed audits and timings are those of the run with the median performance."""
    middle = sorted(runs, key=lambda run: run["performance"])[(len(runs) - 1) // 2]
    merged = {**middle, "runs": [run["performance"] for run in runs]}
    for category in LIGHTHOUSE_CATEGORIES:
        merged[category] = statistics.median_low(run[category] for run in runs)
    merged["cls"] = statistics.median_high(run["cls"] for run in runs)
    return merged


def lighthouse_median(url: str, folder: Path, runs: int = LIGHTHOUSE_RUNS) -> dict[str, Any]:
    """Lighthouse `runs` times on `url`, stopping once the median is decided; the median scores."""
    taken = [lighthouse(url, folder)]
    while len(taken) < runs and not decided(taken, runs):
        taken.append(lighthouse(url, folder))
    return median_scores(taken)


# ---------------------------------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------------------------------
COLUMNS = ("axe", "html", "links", "console", "3rd", "CLS", "perf", "a11y", "bp", "seo")


def row(result: PageResult) -> list[str]:
    lh = result.lighthouse
    return [
        str(sum(sum(rules.values()) for rules in result.axe.values())),
        str(len(result.html)),
        str(len(result.links)),
        str(len(result.console)),
        str(len(result.foreign)),
        f"{result.cls:.3f}",
        *(str(lh[c]) if c in lh else "-" for c in LIGHTHOUSE_CATEGORIES),
    ]


def table(results: Iterable[PageResult]) -> str:
    rows = [(r.path or "/", row(r)) for r in results]
    width = max(len(name) for name, _ in rows)
    lines = ["| " + "page".ljust(width) + " | " + " | ".join(COLUMNS) + " |"]
    lines.append("|" + "-" * (width + 2) + "|" + "|".join("-" * (len(c) + 2) for c in COLUMNS) + "|")
    for name, cells in rows:
        values = " | ".join(value.rjust(len(column)) for value, column in zip(cells, COLUMNS, strict=True))
        lines.append(f"| {name.ljust(width)} | {values} |")
    return "\n".join(lines)


def lighthouse_pages(
    base: str, paths: Iterable[str], results: dict[str, PageResult], runs: int, log: Callable[[str], None]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for path in paths:
            started = time.perf_counter()
            scores = lighthouse_median(urljoin(base, path), Path(folder), runs)
            results[path].lighthouse = scores
            log(f"lighthouse /{path}: performance {scores['runs']} in {time.perf_counter() - started:.0f} s")


def audit(
    site: Path, base: str, site_url: str, lighthouse_paths: Iterable[str], runs: int, log: Callable[[str], None]
) -> dict[str, PageResult]:
    """Every check on the site at `site`, served at `base`; `site_url` is the URL it was built for."""
    results = {path: PageResult(path) for path in site_pages(site)}
    for path, messages in html_errors(site).items():
        results[path].html = messages
    log("html-validate: done")
    for path, messages in broken_links(base, site_url).items():
        results.setdefault(path, PageResult(path)).links = messages
    log("linkinator: done")
    browser_checks(base, results, log)
    lighthouse_pages(base, lighthouse_paths, results, runs, log)
    return results
