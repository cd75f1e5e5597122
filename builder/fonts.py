"""The self-hosted Pretendard font (npm package `pretendard`) copied into the site, so no page asks a font service
for anything.

The package's CSS says `font-display: swap`: text first shows in a fallback font and reflows when Pretendard
arrives, which measured a layout shift of 0.18-0.28 on the Korean pages (Hangul fallbacks differ most in width).
`optional` keeps whichever font is there within the first ~100 ms, so nothing moves; a later page, with the font
cached, shows Pretendard."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

SOURCE = Path("node_modules/pretendard/dist/web/variable")
FILES = ("pretendardvariable-dynamic-subset.css", "woff2-dynamic-subset")
TARGET = Path("assets/fonts/pretendard")


def install_fonts(project: Path, site_dir: Path) -> None:
    """Copy the font from the project's node_modules into `site_dir`; fail if `npm ci` has not been run."""
    source = project / SOURCE
    if not (source / FILES[0]).is_file():
        raise PluginError(f"the Pretendard font is missing at {source}; run scripts/setup (it runs `npm ci`)")
    target = site_dir / TARGET
    target.mkdir(parents=True, exist_ok=True)
    css = (source / FILES[0]).read_text(encoding="utf-8")
    if "font-display: swap;" not in css:
        raise PluginError(f"{source / FILES[0]}: no `font-display: swap;` to replace; check the pretendard release")
    (target / FILES[0]).write_text(css.replace("font-display: swap;", "font-display: optional;"), encoding="utf-8")
    shutil.copytree(source / FILES[1], target / FILES[1], dirs_exist_ok=True)
