"""The sandbox on the real built site: the playground in both languages runs the seed's autograd example and prints
what torch printed at build time, and a lesson page loads no Python until the reader shows intent."""

from __future__ import annotations

import pytest
from sandbox_helpers import PYODIDE_BYTES, Watched, reader_moves


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_playground_runs_the_seed_example(browser: object, site_url: str, prefix: str) -> None:
    context = browser.new_context()
    try:
        watched = Watched(context.new_page(), site_url)
        page = watched.page
        page.goto(f"{site_url}{prefix}playground/")
        reader_moves(page)
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


CONTRAST = """() => {
    const rgba = (text) => {
        const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number);
        return [r, g, b, a];
    };
    const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
    const background = (node) => {
        const layers = [];
        for (let n = node; n; n = n.parentElement) {
            const c = rgba(getComputedStyle(n).backgroundColor);
            if (c[3] > 0) layers.push(c);
            if (c[3] === 1) break;
        }
        return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
    };
    const luminance = (rgb) => {
        const [r, g, b] = rgb.map((v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const worst = {};
    const editor = document.querySelector('.sbx-cell .cm-editor');
    for (const node of editor.querySelectorAll('.cm-line, .cm-line *, .cm-gutterElement')) {
        if (![...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim())) continue;
        const bg = background(node);
        const fg = over(rgba(getComputedStyle(node).color), bg);
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
        const ratio = (hi + 0.05) / (lo + 0.05);
        const kind = node.className || 'text';
        worst[kind] = Math.min(worst[kind] ?? 99, Math.round(ratio * 100) / 100);
    }
    return worst;
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_editor_colours_meet_wcag_aa_in_both_schemes(browser: object, site_url: str, scheme: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site_url}en/playground/")
        reader_moves(page)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.locator(".sbx-cell .cm-editor .tok-keyword").first.wait_for()
        page.locator("h1").first.click()  # the editor unfocused, its first line still marked as active
        ratios = page.evaluate(CONTRAST)
        assert any("tok-" in kind for kind in ratios), ratios
        assert any("gutter" in kind for kind in ratios), ratios
        assert {kind: r for kind, r in ratios.items() if r < 4.5} == {}, ratios
    finally:
        context.close()


PANE_STYLE = """([a, b]) => {
  const keys = ['whiteSpace', 'wordBreak', 'overflowWrap', 'overflowY', 'maxHeight'];
  const style = (el) => Object.fromEntries(keys.map((k) => [k, getComputedStyle(el)[k]]));
  const text = (el) => getComputedStyle(el.querySelector('code') || el).fontSize;  // the text, not its box
  return [{ ...style(a), text: text(a) }, { ...style(b), text: text(b) }];
}"""


def test_the_browser_pane_reads_like_torchs_beside_it(browser: object, site_url: str) -> None:
    # A lesson cell whose lesson is its error: opened, run, and compared with what torch printed beside it.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}en/operations/")
        snippet = page.locator('.snippet[data-snippet="operations/join.py#cat-mismatch"]')
        snippet.locator(".sbx-open").click()
        snippet.locator(".sbx-run").click()
        page.wait_for_function(
            "el => ['done', 'error'].includes(el.dataset.state)",
            arg=snippet.locator(".sbx-cell").element_handle(),
            timeout=90_000,
        )
        torch_text = snippet.locator(".sbx-pane-torch pre").text_content().strip()
        browser_text = snippet.locator(".sbx-output").text_content().strip()
        assert browser_text == torch_text  # the error's last line, the same form and length
        # both panes wrap and scroll alike
        torch_style, browser_style = page.evaluate(
            PANE_STYLE,
            [snippet.locator(".sbx-pane-torch pre").element_handle(), snippet.locator(".sbx-output").element_handle()],
        )
        assert browser_style == torch_style
        # the whole traceback, one click away, marks the failing call under its own columns
        snippet.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text("joined = torch.cat([a, b], dim=1)")
        snippet.locator(".sbx-run").click()
        page.wait_for_function("el => el.querySelector('details.sbx-traceback')", arg=snippet.element_handle())
        details = snippet.locator("details.sbx-traceback")
        details.locator("summary").click()
        lines = details.locator(".sbx-traceback-text").text_content().splitlines()
        marks = [i for i, line in enumerate(lines) if line.strip() and set(line.strip()) <= {"^", "~"}]
        assert marks, lines
        code, caret = lines[marks[0] - 1], lines[marks[0]]
        start = len(caret) - len(caret.lstrip())
        assert code[start:].startswith("torch.cat"), (code, caret)
        assert code[start + len(caret.strip()) - 1] == ")", (code, caret)
        # the copy button sits beside the output's title, over none of its text
        copy = snippet.locator(".sbx-copy").bounding_box()
        output = snippet.locator(".sbx-output").bounding_box()
        assert copy["y"] + copy["height"] <= output["y"] or copy["x"] >= output["x"] + output["width"]
    finally:
        context.close()
