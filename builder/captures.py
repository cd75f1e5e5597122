"""GPU captures: the outputs of a CUDA snippet file, recorded on a machine with an NVIDIA GPU and committed beside it.

`snippets/gpu/devices.py` is captured to `snippets/gpu/devices.capture.json`, which holds every cell's outcome, the
sha256 of the source that ran and where it ran (GPU, driver, CUDA, torch, Python, date). CPU builds never run a CUDA
file: they show its capture, and a capture whose hash no longer matches the source is stale.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from builder.cache import write_atomically
from builder.executor import Executor, FileResult, check
from builder.outcome import NOT_RUN, CellOutcome
from builder.snippet_file import SnippetError, SnippetFile

FORMAT = 1
SUFFIX = ".capture.json"
COMMAND = ".venv/bin/python scripts/capture_cuda.py"

State = Literal["fresh", "stale", "missing"]


class CaptureError(Exception):
    """A capture file that cannot be used (unreadable, wrong format)."""

    def __init__(self, location: str, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")


class GpuUnavailableError(Exception):
    """No usable NVIDIA GPU on this machine; the message says what is wrong."""


@dataclass(frozen=True)
class Provenance:
    gpu: str  # e.g. "NVIDIA H100 80GB HBM3"
    driver: str  # the NVIDIA driver, e.g. "580.82.07"
    cuda: str  # the CUDA version torch was built with, e.g. "13.0"
    torch: str  # e.g. "2.13.0+cu130"
    python: str
    captured_at: str  # UTC, ISO 8601 to the second

    @property
    def date(self) -> str:
        return self.captured_at[:10]


@dataclass(frozen=True)
class Capture:
    snippet: str  # relative to the snippets folder, e.g. "gpu/devices.py"
    source_sha256: str
    provenance: Provenance
    cells: dict[str, CellOutcome]  # by cell name

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "snippet": self.snippet,
            "source_sha256": self.source_sha256,
            "provenance": asdict(self.provenance),
            "cells": {name: outcome.to_json() for name, outcome in self.cells.items()},
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def capture_path(snippets: Path, path: str) -> Path:
    return snippets / (path.removesuffix(".py") + SUFFIX)


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def refresh_command(path: str) -> str:
    return f"{COMMAND} snippets/{path}"


def read_capture(snippets: Path, path: str) -> Capture | None:
    """The committed capture of a snippet file, None when there is none; CaptureError when it cannot be used."""
    file = capture_path(snippets, path)
    where = f"snippets/{file.relative_to(snippets).as_posix()}"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise CaptureError(where, f"cannot read this capture ({error})") from None
    try:
        if data["format"] != FORMAT:
            raise CaptureError(where, f"capture format {data['format']!r}, this build reads format {FORMAT}")
        if data["snippet"] != path:
            raise CaptureError(where, f"records snippet {data['snippet']!r}, not {path!r}")
        cells = data["cells"]
        if not all(isinstance(c, dict) and isinstance(c["output"], str) and "error" in c for c in cells.values()):
            raise TypeError("a cell is not {output, error}")
        outcomes = {name: CellOutcome.from_dict(cell) for name, cell in cells.items()}
        return Capture(data["snippet"], data["source_sha256"], Provenance(**data["provenance"]), outcomes)
    except (KeyError, TypeError, AttributeError) as error:
        raise CaptureError(where, f"not a capture this build can read ({error!r})") from None


def state_of(capture: Capture | None, snippet: SnippetFile) -> State:
    if capture is None:
        return "missing"
    return "fresh" if capture.source_sha256 == source_hash(snippet.source) else "stale"


def shown_cells(snippet: SnippetFile, capture: Capture | None) -> dict[str, CellOutcome]:
    """Each cell's outcome for a page, with its capture's {"state", "provenance"} as its capture note."""
    state = state_of(capture, snippet)
    captured = capture.cells if capture is not None else {}
    shown = {"state": state, "provenance": capture.provenance if capture is not None else None}
    missing = replace(NOT_RUN, capture={"state": "missing", "provenance": None})
    # A cell added since the capture shows as missing: never another cell's output in its place.
    return {c.name: replace(captured[c.name], capture=shown) if c.name in captured else missing for c in snippet.cells}


def stale_message(snippet: SnippetFile, capture: Capture) -> str:
    return (
        f"snippets/{snippet.path}: its GPU capture is stale: it was captured from source sha256 "
        f"{capture.source_sha256[:12]}… on {capture.provenance.date}, the file now hashes to "
        f"{source_hash(snippet.source)[:12]}…\n  -> refresh it on a machine with an NVIDIA GPU: "
        f"{refresh_command(snippet.path)}"
    )


def write_capture(snippets: Path, capture: Capture) -> Path:
    """Write atomically: a reader, or a run killed halfway, sees the old capture or the new one, never a mix."""
    file = capture_path(snippets, capture.snippet)
    write_atomically(file, capture.to_json())
    return file


def _nvidia_smi() -> str:
    try:
        done = subprocess.run(
            ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GpuUnavailableError(f"cannot run nvidia-smi to read the driver version ({error})") from None
    if done.returncode != 0 or not done.stdout.strip():
        detail = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise GpuUnavailableError(f"nvidia-smi failed, so the NVIDIA driver looks broken: {detail}")
    return done.stdout.strip().splitlines()[0].strip()


def collect_provenance(
    torch_module: Any = None, driver: Callable[[], str] = _nvidia_smi, now: datetime | None = None
) -> Provenance:
    """Where a capture runs; GpuUnavailableError unless a CUDA device really computes here."""
    if torch_module is None:
        import torch as torch_module
    if not torch_module.cuda.is_available():
        built = torch_module.version.cuda
        why = (
            f"this torch ({torch_module.__version__}) is a CPU-only build"
            if built is None
            else (
                f"torch {torch_module.__version__} (CUDA {built}) finds no usable GPU: no NVIDIA GPU, or its driver is "
                "missing or broken"
            )
        )
        raise GpuUnavailableError(f"torch.cuda.is_available() is False: {why}")
    try:  # a device that is listed can still fail on first use, e.g. a driver older than torch's CUDA
        probe = torch_module.ones(2, device="cuda")
        if float((probe + probe).sum().item()) != 4.0:
            raise RuntimeError("a test computation on the GPU gave a wrong result")
        name = torch_module.cuda.get_device_name(0)
    except RuntimeError as error:
        raise GpuUnavailableError(f"CUDA is listed but does not work: {error}") from None
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return Provenance(
        gpu=name,
        driver=driver(),
        cuda=str(torch_module.version.cuda),
        torch=str(torch_module.__version__),
        python=sys.version.split()[0],
        captured_at=moment.isoformat().replace("+00:00", "Z"),
    )


@dataclass
class Outcome:
    path: str
    written: Path | None  # None: nothing written, the previous capture (if any) is untouched
    problems: list[str]


def capture_files(
    files: list[SnippetFile], snippets: Path, provenance: Provenance, executor: Executor
) -> list[Outcome]:
    """Run each CUDA file through the executor; write a capture only for a file whose every cell ran as declared."""
    outcomes = []
    for snippet in files:
        if not snippet.needs_cuda:
            problem = f'snippets/{snippet.path} does not declare requires="cuda"'
            outcomes.append(Outcome(snippet.path, None, [problem]))
            continue
        result = executor.execute(snippet)  # never from a cache: a capture records a real run on this GPU
        problems = [str(error) for error in check(snippet, result)] + _unreached(snippet, result)
        if problems:
            outcomes.append(Outcome(snippet.path, None, problems))
            continue
        capture = Capture(snippet.path, source_hash(snippet.source), provenance, result.cells)
        outcomes.append(Outcome(snippet.path, write_capture(snippets, capture), []))
    return outcomes


def _unreached(snippet: SnippetFile, result: FileResult) -> list[str]:
    missing = [cell.name for cell in snippet.cells if cell.name not in result.cells]
    if missing and not result.failure:  # check() already reports why a file stopped early
        return [str(SnippetError(f"snippets/{snippet.path}", f"cells did not run: {', '.join(missing)}"))]
    return []
