"""Figures in the built site: every chapter has them in both languages with translated texts, the graph chapters
show graphs, and in Chromium they pass axe and keep their contrast in light and dark mode on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHAPTERS = ["define-by-run", "tensors", "operations", "autograd", "mistakes"]
FIGURE = re.compile(r'<figure class="tfig tfig-(?P<kind>\w+)".*?</figure>', re.S)


def built(site: Path, language: str, page: str) -> str:
    base = site if language == "ko" else site / "en"
    return (base / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", CHAPTERS)
def test_every_chapter_has_figures_in_both_languages(built_site: Path, page: str) -> None:
    korean = [m for m in FIGURE.finditer(built(built_site, "ko", page))]
    english = [m for m in FIGURE.finditer(built(built_site, "en", page))]
    assert len(korean) >= 2
    assert len(korean) == len(english)
    assert [m["kind"] for m in korean] == [m["kind"] for m in english]
    if page in ("define-by-run", "autograd"):
        assert "graph" in {m["kind"] for m in korean}
    for ko, en in zip(korean, english, strict=True):
        for figure in (ko[0], en[0]):
            assert re.search(
                r"<title id=\"tfig-\d+-title\">[^<]+</title><desc id=\"tfig-\d+-desc\">[^<]+</desc>", figure
            )
            assert "<figcaption>" in figure
        ko_caption = re.search(r"<figcaption>(.*?)</figcaption>", ko[0])[1]
        en_caption = re.search(r"<figcaption>(.*?)</figcaption>", en[0])[1]
        assert re.search("[가-힣]", ko_caption)
        assert not re.search("[가-힣]", en_caption)


def test_figure_ids_are_unique_on_each_page(built_site: Path) -> None:
    for language in ("ko", "en"):
        for page in CHAPTERS:
            ids = re.findall(r' id="(tfig-[^"]+)"', built(built_site, language, page))
            assert len(ids) == len(set(ids)), page


CONTRAST = """
() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m[3] ?? 1]; };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const page = parse(getComputedStyle(document.body).backgroundColor);
  const worst = { text: [99, ""], stroke: [99, ""] };
  for (const text of document.querySelectorAll(".tfig-svg text")) {
    text.scrollIntoView();
    const box = text.getBoundingClientRect();
    const under = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
      .find((e) => e.tagName === "rect");
    let back = page;
    const fill = under ? getComputedStyle(under).fill : "";
    if (fill.startsWith("rgb")) back = over(parse(fill), page);
    const r = ratio(over(parse(getComputedStyle(text).fill), back), back);
    if (r < worst.text[0]) worst.text = [r, text.textContent + " " + text.getAttribute("class")];
  }
  for (const shape of document.querySelectorAll(".tfig-on, .tfig-clash, .tfig-edge, .tfig-node")) {
    const r = ratio(over(parse(getComputedStyle(shape).stroke), page), page);
    if (r < worst.stroke[0]) worst.stroke = [r, shape.getAttribute("class")];
  }
  return worst;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", ["operations", "en/autograd", "en/tensors"])
def test_figures_pass_axe_and_keep_contrast(browser: object, site_url: str, page: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}{page}/", wait_until="networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        results = Axe().run(tab, context={"include": [[".tfig"]]})
        assert results.violations_count == 0, results.generate_report()
        assert "svg-img-alt" in [rule["id"] for rule in results.response["passes"]]  # axe did look at the figures
        worst = tab.evaluate(CONTRAST)
        assert worst["text"][0] >= 4.5, worst  # WCAG AA for text
        assert worst["stroke"][0] >= 3, worst  # WCAG non-text contrast for the lines that carry meaning
        # readable on a phone: a figure fits the column, so its text is drawn at least at 10 px of 12
        widths = tab.evaluate(
            "[...document.querySelectorAll('.tfig-svg')]"
            ".map(s => s.getBoundingClientRect().width / s.viewBox.baseVal.width)"
        )
        assert min(widths) >= 0.8, widths
    finally:
        context.close()
