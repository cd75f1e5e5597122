"""What scripts/capture_cuda.py does: run CUDA snippet files on this machine's NVIDIA GPU, through the build's own
executor (a fresh cache, so everything really runs here), and write each file's capture beside it. A capture is
written only when every cell of its file ran as declared; a failed run leaves the committed capture as it was."""

from __future__ import annotations

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


def capture_cuda(snippets: Path, wanted: list[str], stale_only: bool = False, status: bool = False) -> int:
    """Capture the files named in `wanted` (else every CUDA file of the `snippets` folder; with `stale_only`, those
    whose capture is stale or missing), reporting on stdout and stderr; with `status`, only list each file's capture
    state. Returns the command's exit status: 0 done (or every capture fresh), 1 a file failed (or a capture is not
    fresh), 2 no usable GPU here, so nothing ran."""
    try:
        files = cuda_snippets(snippets, wanted)
        states = {f.path: state_of(read_capture(snippets, f.path), f) for f in files}
    except (SnippetError, ValueError) as error:
        print(f"capture_cuda: {error}", file=sys.stderr)
        return 1
    if status:
        for path, state in states.items():
            print(f"{state:8} snippets/{path}")
        return 1 if any(state != "fresh" for state in states.values()) else 0
    if stale_only:
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
            outcomes = capture_files(files, snippets, provenance, executor)
        finally:
            executor.close()
    failed = 0
    for outcome in outcomes:
        if outcome.written is not None:
            print(f"  wrote {outcome.written.relative_to(snippets.parent).as_posix()}")
        else:
            failed += 1
            print(f"  FAILED snippets/{outcome.path} (its committed capture is unchanged):", file=sys.stderr)
            for problem in outcome.problems:
                print("    " + problem.replace("\n", "\n    "), file=sys.stderr)
    return 1 if failed else 0
