"""Build the whole site: Korean at build/site/, English at build/site/en/, in one process so that snippets run once.

Usage: .venv/bin/python scripts/build.py [--no-strict] [--no-execute]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")  # Korean first: its build empties build/site/, English lands inside it


def build_site(strict: bool = True, site_dir: Path | None = None, root: Path = ROOT) -> None:
    """Build every language of the project at `root`; raise mkdocs' Abort (or PluginError) on the first failure."""
    os.chdir(root)  # plugin paths in the configs (caches) are relative to the project
    for name in CONFIGS:
        overrides = {}
        if site_dir is not None:
            overrides["site_dir"] = str(site_dir if name == CONFIGS[0] else site_dir / "en")
        config = load_config(str(root / name), strict=strict, **overrides)
        build(config)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-strict", action="store_true", help="report problems but still write the site")
    parser.add_argument("--no-execute", action="store_true", help="show snippet code without running it")
    args = parser.parse_args()
    if args.no_execute:
        os.environ["SNIPPETS_EXECUTE"] = "0"
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    started = time.perf_counter()
    try:
        build_site(strict=not args.no_strict)
    except (Abort, ConfigurationError, PluginError) as error:
        print(f"\nBuild failed: {error}", file=sys.stderr)
        return 1
    print(f"Built build/site/ (ko) and build/site/en/ (en) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
