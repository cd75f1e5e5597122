"""MkDocs hook: copy the self-hosted Pretendard font (npm package `pretendard`) into the site, so no page asks a
font service for anything. Fails the build if `npm ci` has not been run."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

SOURCE = Path("node_modules/pretendard/dist/web/variable")
FILES = ("pretendardvariable-dynamic-subset.css", "woff2-dynamic-subset")
TARGET = Path("assets/fonts/pretendard")


def on_post_build(config: MkDocsConfig) -> None:
    source = Path(config.config_file_path).resolve().parent / SOURCE
    if not (source / FILES[0]).is_file():
        raise PluginError(f"the Pretendard font is missing at {source}; run scripts/setup (it runs `npm ci`)")
    target = Path(config.site_dir) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / FILES[0], target / FILES[0])
    shutil.copytree(source / FILES[1], target / FILES[1], dirs_exist_ok=True)
