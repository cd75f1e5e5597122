"""Build the whole site: Korean at build/site/, English at build/site/en/, in one process so that snippets run once.

Usage: .venv/bin/python scripts/build.py [--no-strict] [--no-execute]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from builder.site import build_site
from builder.translations import DEFAULT_LANGUAGE, LANGUAGES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-strict", action="store_true", help="report problems but still write the site")
    parser.add_argument("--no-execute", action="store_true", help="show snippet code without running it")
    parser.add_argument("--site-url", help="the URL the site will be served from (default: site_url in mkdocs.yml)")
    args = parser.parse_args()
    if args.no_execute:
        os.environ["SNIPPETS_EXECUTE"] = "0"
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    started = time.perf_counter()
    try:
        build_site(strict=not args.no_strict, site_url=args.site_url)
    except (Abort, ConfigurationError, PluginError) as error:
        print(f"\nBuild failed: {error}", file=sys.stderr)
        return 1
    folders = ", ".join(f"build/site/{'' if lang == DEFAULT_LANGUAGE else lang + '/'} ({lang})" for lang in LANGUAGES)
    print(f"Built {folders} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
