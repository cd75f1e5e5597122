"""The child side of the executor: runs one snippet file's cells in order, in one namespace.

The fork server imports this module once, so `import torch` is paid once per build; every snippet file then runs in
its own forked child, which can crash, loop or flood without harming the build.
Messages sent: ("start", cell name) before each cell, ("cell", result) after it, ("flood", cell name) when output
runs over the limit, and ("end", None) at the end.
"""

from __future__ import annotations

import os
import random
import resource
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy
import torch

from builder.figures.extract import extract_figures
from cell_runner import OutputLimitExceeded, Write, run_cell, show_warning

OUTPUT_LIMIT = 256 * 1024  # characters a whole file may print; more is a mistake, not a lesson


def _capped_writer(budget: list[int]) -> Write:
    """A writer that lets a whole file print `budget[0]` characters (the list is shared by its cells)."""

    def write(kind: str, text: str) -> None:
        budget[0] -= len(text)
        if budget[0] < 0:
            raise OutputLimitExceeded

    return write


def _make_deterministic() -> None:
    torch.set_num_threads(1)  # the fork server ran no torch op, so its children may start their own thread pool
    torch.manual_seed(0)
    random.seed(0)
    numpy.random.seed(0)
    warnings.showwarning = show_warning  # for the whole run, so a warning is shown once per place per file
    warnings.simplefilter("default")


def _shift_addresses() -> list[object]:
    """Allocations kept alive for a whole run, so that what the snippet allocates lands elsewhere than in a run
    without them: a snippet that prints id() or a memory address then prints something else."""
    sizes = random.Random(os.getpid())
    large = [bytearray(sizes.randrange(1, 1 << 16)) for _ in range(16)]
    return large + [[None] * sizes.randrange(8) for _ in range(sizes.randrange(100, 2000))]


def run_cells(
    filename: str, cells: list[dict[str, Any]], send: Callable[[tuple[str, Any]], None], shift: bool = False
) -> None:
    """Run cells ({"name", "code", "line", "expects_error"}) and report each through `send`; `shift` puts the
    snippet's objects at other addresses (the second run, which checks that outputs do not change from run to run)."""
    kept = _shift_addresses() if shift else []  # noqa: F841 - alive until the run ends
    _make_deterministic()
    captured_fd = tempfile.TemporaryFile()  # noqa: SIM115 - fds 1 and 2 point into it until the process ends
    for fd in (1, 2):  # output written below Python (C extensions) lands here instead of the build's terminal
        os.dup2(captured_fd.fileno(), fd)
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT * 4, OUTPUT_LIMIT * 4))
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": filename}
    write = _capped_writer([OUTPUT_LIMIT])
    for cell in cells:
        send(("start", cell["name"]))
        try:
            result = run_cell(cell["code"], namespace, write, filename=filename, first_line=cell["line"])
        except OutputLimitExceeded:
            send(("flood", cell["name"]))
            return
        captured_fd.seek(0)
        low_level = captured_fd.read().decode("utf-8", "replace")
        captured_fd.seek(0)
        captured_fd.truncate()
        result = replace(result, output=result.output + low_level)
        outcome = {"name": cell["name"], **result.to_json()}
        # Figures: the data a page's `{{ figure }}` lines ask of this cell, taken from its state now.
        if cell.get("figures"):
            outcome["figures"] = extract_figures(cell["figures"], namespace)
        send(("cell", outcome))
        if result.error is not None and not cell["expects_error"]:
            break  # later cells build on this one's state
    send(("end", None))
