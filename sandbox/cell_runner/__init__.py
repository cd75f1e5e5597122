"""Runs one cell of Python the way the site shows it: both streams in order, then the repr of a trailing
expression, and an error cut down to the cell's own code.

Standard library only, and engine-agnostic: the build runs cells with real torch in its worker (builder/worker.py),
the browser with npgrad in Pyodide (sandbox/web/src/runner.py), and the tests under both; so what a reader sees can
be compared with what torch printed at build time. Results cross processes as JSON (CellResult.to_json).
"""

from cell_runner.result import CellError, CellResult, SyntaxPlace
from cell_runner.run import OutputLimitExceeded, Write, compile_cell, run_cell, show_warning, warnings_as_shown

__all__ = [
    "CellError",
    "CellResult",
    "OutputLimitExceeded",
    "SyntaxPlace",
    "Write",
    "compile_cell",
    "run_cell",
    "show_warning",
    "warnings_as_shown",
]
