"""Put the pinned Pyodide core and its numpy wheel into build/pyodide/, ready to serve as `indexURL`
(builder/pyodide_vendor.py says how, and why the wheel comes from where it does).

Usage: .venv/bin/python scripts/vendor_pyodide.py [--dest build/pyodide] [--npm-dir node_modules/pyodide]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.pyodide_vendor import PYODIDE_VERSION, VendorError, vendor

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=ROOT / "build" / "pyodide")
    parser.add_argument("--npm-dir", type=Path, default=ROOT / "node_modules" / "pyodide")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "cache" / "pyodide-wheels")
    args = parser.parse_args(argv)
    try:
        wheels = vendor(args.dest, args.npm_dir, args.cache)
    except VendorError as err:
        print(f"vendor_pyodide: ERROR: {err}", file=sys.stderr)
        return 1
    print(f"vendor_pyodide: Pyodide {PYODIDE_VERSION} in {args.dest} ({', '.join(w.name for w in wheels)} verified)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
