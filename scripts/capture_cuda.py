"""Run every CUDA snippet file on this machine's NVIDIA GPU and write its capture beside it.

Usage: .venv/bin/python scripts/capture_cuda.py [--stale-only] [--status] [snippets/gpu/devices.py ...]

Files run through the build's own executor (a fresh cache, so everything really runs here). A capture is written only
when every cell of its file ran as declared; a failed run leaves the committed capture as it was. Without a usable
GPU nothing runs and the command exits with status 2. `--status` needs no GPU: it lists each file's capture state.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from builder.cache import OutputCache
from builder.captures import (
    GpuUnavailableError,
    capture_files,
    collect_provenance,
    read_capture,
    state_of,
)
from builder.executor import Executor
from builder.snippet_file import SnippetError, SnippetFile, load_snippet

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"


def cuda_snippets(snippets: Path, wanted: list[str]) -> list[SnippetFile]:
    """The named files (paths relative to the repository or to snippets/), else every file that requires CUDA."""
    if wanted:
        return [load_snippet(snippets, name.removeprefix("snippets/")) for name in wanted]
    found = []
    for file in sorted(snippets.rglob("*.py")):
        snippet = load_snippet(snippets, file.relative_to(snippets).as_posix())
        if snippet.needs_cuda:
            found.append(snippet)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="snippet files to capture (default: every CUDA snippet)")
    parser.add_argument("--stale-only", action="store_true", help="capture only stale or missing captures")
    parser.add_argument("--status", action="store_true", help="list each file's capture state; runs nothing")
    parser.add_argument("--snippets", type=Path, default=SNIPPETS, help=argparse.SUPPRESS)  # for the tests
    args = parser.parse_args(argv)
    try:
        files = cuda_snippets(args.snippets, args.files)
        states = {f.path: state_of(read_capture(args.snippets, f.path), f) for f in files}
    except (SnippetError, ValueError) as error:
        print(f"capture_cuda: {error}", file=sys.stderr)
        return 1
    if args.status:
        for path, state in states.items():
            print(f"{state:8} snippets/{path}")
        return 1 if any(state != "fresh" for state in states.values()) else 0
    if args.stale_only:
        files = [f for f in files if states[f.path] != "fresh"]
    if not files:
        print("capture_cuda: nothing to capture")
        return 0
    try:
        provenance = collect_provenance()
    except GpuUnavailableError as error:
        print(f"capture_cuda: no usable NVIDIA GPU here, nothing was run or written.\n  {error}", file=sys.stderr)
        return 2
    print(
        f"capture_cuda: {provenance.gpu} · driver {provenance.driver} · CUDA {provenance.cuda} · "
        f"torch {provenance.torch}"
    )
    with tempfile.TemporaryDirectory(prefix="capture-cache-") as cache:
        executor = Executor(OutputCache(Path(cache)), jobs=1)  # one at a time: timings must not share the GPU
        try:
            outcomes = capture_files(files, args.snippets, provenance, executor)
        finally:
            executor.close()
    failed = 0
    for outcome in outcomes:
        if outcome.written is not None:
            print(f"  wrote {outcome.written.relative_to(args.snippets.parent).as_posix()}")
        else:
            failed += 1
            print(f"  FAILED snippets/{outcome.path} (its committed capture is unchanged):", file=sys.stderr)
            for problem in outcome.problems:
                print("    " + problem.replace("\n", "\n    "), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
