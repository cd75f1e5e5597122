"""Quality gates for every built page, measured by independent tools behind a compressing local server (the checks
are listed in builder/audit.py).

Prints a table (page x check) and exits non-zero when any target is missed. The test suite runs the same checks
but Lighthouse on its own build (tests/builder/test_audit.py); scripts/test then runs `--sample`: Lighthouse alone,
on a smaller sample, when no test competes with it for the CPU (its scores depend on the CPU time it gets).

Usage: .venv/bin/python scripts/audit.py [--site build/site] [--no-lighthouse | --sample] [--runs 5] [--json F]
Without --site it builds the site first (strict) into build/audit/site.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from builder.audit import (
    LIGHTHOUSE_PAGES,
    LIGHTHOUSE_RUNS,
    LIGHTHOUSE_SAMPLE,
    ROOT,
    PageResult,
    audit,
    lighthouse_pages,
    table,
)
from builder.site import build_site, language_configs
from builder.static_host import serve_static


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="audit this built site (built for mkdocs.yml's site_url)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (the slowest check)")
    parser.add_argument("--sample", action="store_true", help="only Lighthouse, on the test command's sample of pages")
    parser.add_argument("--runs", type=int, default=LIGHTHOUSE_RUNS, help="Lighthouse runs per page (the median)")
    parser.add_argument("--json", type=Path, help="also write every finding to this file")
    args = parser.parse_args()
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:5.0f} s] {message}", file=sys.stderr, flush=True)

    site = (args.site or ROOT / "build" / "audit" / "site").resolve()
    site.mkdir(parents=True, exist_ok=True)
    with serve_static(site) as base:
        if args.site is None:
            # Built for the address it is served from, as a deployment is: absolute links (hreflang alternates,
            # the notebooks' links back to the site) then lead to the pages under test, not to the public site.
            build_site(strict=True, site_dir=site, site_url=base)
            site_url = base
            log(f"built {site} for {base}")
        else:
            configured = next(language_configs(ROOT, strict=True))[1].site_url
            if configured is None:
                parser.error("--site: mkdocs.yml has no site_url, so the site's absolute links cannot be checked")
            site_url = configured
        if args.sample:
            results = {path: PageResult(path) for path in LIGHTHOUSE_SAMPLE}
            lighthouse_pages(base, LIGHTHOUSE_SAMPLE, results, args.runs, log)
        else:
            pages = () if args.no_lighthouse else LIGHTHOUSE_PAGES
            results = audit(site, base, site_url, pages, args.runs, log)
    print(table(results.values()))
    failures = {path: found for path, result in results.items() if (found := result.failures())}
    for path, found in failures.items():
        print(f"\n/{path}:")
        for message in found:
            print(f"  {message}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({p: r.__dict__ for p, r in results.items()}, indent=1, ensure_ascii=False))
    print(f"\n{len(failures)} of {len(results)} pages miss a target ({time.perf_counter() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
