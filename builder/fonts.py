"""The headings' font, self-hosted so no page asks a font service for anything: Pretendard (npm package
`pretendard`) cut to the characters the site's headings show.

Pretendard sets only the site's name and the h1/h2 headings (site.css). The package's own web files split it into
92 subsets by Unicode range: a lesson page's headings needed 4-13 of them (100-300 kB), a request each, and its CSS
(13.5 kB compressed) was read before the first paint. One file cut to the headings' characters holds them all: about
40 kB for the Korean pages, 12 kB for the English ones. Under Lighthouse's mobile throttling the font files counted
towards the first paint: the playground's first paint went from 2.4 s to 1.7-1.8 s (one run before, two after).

`font-display: optional` keeps whichever font is there within the first ~100 ms, so nothing moves; with `swap` the
headings reflowed when the font came (a layout shift of 0.18-0.28 on the Korean pages). A later page, with the font
cached, shows it.

The font's licence (SIL Open Font License 1.1) reserves the name Pretendard: a modified version, such as a subset,
goes by another name. The cut font is renamed in its own name table and in the CSS, and the licence travels with
it."""

from __future__ import annotations

import hashlib
import html
import io
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

PACKAGE = Path("node_modules/pretendard")
SOURCE = PACKAGE / "dist/public/variable/PretendardVariable.ttf"
LICENCE = PACKAGE / "dist/LICENSE.txt"
TARGET = Path("assets/fonts/headings")
CSS = "headings.css"  # mkdocs.yml's extra_css names it
FAMILY = "PyTorch Basics Headings"
# The elements site.css sets in that font, as a built page writes them.
_IN_FONT = re.compile(r'<(h1|h2)\b[^>]*>(.*?)</\1>|<div class="md-header__topic"[^>]*>(.*?)</div>', re.S)
_TAG = re.compile(r"<[^>]*>")
# name table records that state the copyright and the licence: kept word for word
_NOTICES = {0, 13, 14}


def heading_text(page_html: str) -> set[str]:
    """The characters of a built page that are set in the headings' font."""
    found: set[str] = set()
    for match in _IN_FONT.finditer(page_html):
        found.update(html.unescape(_TAG.sub("", match.group(2) or match.group(3))))
    return {c for c in found if not c.isspace()}


def cut_font(source: Path, text: set[str]) -> bytes:
    """`source` (a variable TrueType font) cut to the glyphs of `text`, renamed, as WOFF2."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # closed when done: a forked snippet worker would otherwise report the open file as a ResourceWarning
    with TTFont(source, lazy=True) as font:
        options = subset.Options()
        options.flavor = "woff2"
        cutter = subset.Subsetter(options)
        cutter.populate(text="".join(sorted(text)))
        cutter.subset(font)
        # PostScript names (the font's own, its instances') allow no spaces
        postscript = {6, 25} | {i.postscriptNameID for i in font["fvar"].instances} if "fvar" in font else {6, 25}
        for record in font["name"].names:
            if record.nameID not in _NOTICES:
                new = FAMILY.replace(" ", "") if record.nameID in postscript else FAMILY
                record.string = record.toUnicode().replace("Pretendard Variable", new).replace("Pretendard", new)
        font.flavor = "woff2"
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()


def cached_cut(project: Path, text: set[str]) -> bytes:
    """cut_font, remembered in build/cache/fonts by the font, the characters and fontTools' version (a cut takes
    about half a second)."""
    from fontTools import version as fonttools_version

    source = project / SOURCE
    if not source.is_file():
        raise PluginError(f"the Pretendard font is missing at {source}; run scripts/setup (it runs `npm ci`)")
    stat = source.stat()
    key = hashlib.sha256(f"{fonttools_version}\0{stat.st_size}\0{''.join(sorted(text))}".encode()).hexdigest()
    cached = project / "build" / "cache" / "fonts" / f"{key[:24]}.woff2"
    if cached.is_file():
        return cached.read_bytes()
    font = cut_font(source, text)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(font)
    return font


def font_css(font_file: str) -> str:
    return (
        "/* The headings' font: Pretendard, Copyright (c) 2021 Kil Hyung-jin, with Reserved Font Name Pretendard,\n"
        "   under the SIL Open Font License 1.1 (LICENSE.txt). Cut to the characters of this site's headings, and\n"
        "   renamed as the licence asks of a modified version (builder/fonts.py). */\n"
        "@font-face {\n"
        f'  font-family: "{FAMILY}";\n'
        "  font-style: normal;\n"
        "  font-weight: 45 920;\n"
        "  font-display: optional;\n"
        f'  src: url(./{font_file}) format("woff2-variations"), url(./{font_file}) format("woff2");\n'
        "}\n"
    )


def install_fonts(project: Path, site_dir: Path, text: set[str]) -> None:
    """Write the headings' font, cut to `text`, with its CSS and licence into `site_dir`. The file's name carries
    its hash: a browser that cached one cut never takes it for another."""
    font = cached_cut(project, text)
    target = site_dir / TARGET
    target.mkdir(parents=True, exist_ok=True)
    font_file = f"headings.{hashlib.sha256(font).hexdigest()[:12]}.woff2"
    for old in target.glob("headings.*.woff2"):
        if old.name != font_file:
            old.unlink()
    (target / font_file).write_bytes(font)
    (target / CSS).write_text(font_css(font_file), encoding="utf-8")
    (target / "LICENSE.txt").write_bytes((project / LICENCE).read_bytes())
