"""Run every CUDA snippet file on this machine's NVIDIA GPU and write its capture beside it.

Usage: .venv/bin/python scripts/capture_cuda.py [--stale-only] [--status] [snippets/gpu/devices.py ...]

Files run through the build's own executor (a fresh cache, so everything really runs here). A capture is written only
when every cell of its file ran as declared; a failed run leaves the committed capture as it was. Without a usable
GPU nothing runs and the command exits with status 2. `--status` needs no GPU: it lists each file's capture state.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.capture_command import capture_cuda

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="snippet files to capture (default: every CUDA snippet)")
    parser.add_argument("--stale-only", action="store_true", help="capture only stale or missing captures")
    parser.add_argument("--status", action="store_true", help="list each file's capture state; runs nothing")
    parser.add_argument("--snippets", type=Path, default=SNIPPETS, help=argparse.SUPPRESS)  # for the tests
    args = parser.parse_args(argv)
    return capture_cuda(args.snippets, args.files, args.stale_only, args.status)


if __name__ == "__main__":
    sys.exit(main())
