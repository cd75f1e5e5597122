"""Runs snippet files with real torch, each in its own child of one fork server, and caches their outputs.

A file whose outputs are not cached yet runs twice at once, the second time with every address shifted: a cell that
prints something else the second time (a time, an id(), an address) is reported instead of being cached. A file
that fails is remembered for the life of the process, so the second language and later rebuilds do not run it again
until its source changes.
"""

from __future__ import annotations

import ast
import itertools
import json
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any

from builder.cache import OutputCache, cache_key
from builder.outcome import CellOutcome
from builder.snippet_file import SnippetError, SnippetFile
from builder.torch_env import torch_environment
from cell_runner import CellError, SyntaxPlace

DEFAULT_TIMEOUT = 60.0
FigureRequests = dict[str, dict[str, list[dict[str, Any]]]]  # file -> cell -> [{"key", "kind", "items"}]


@dataclass
class FileResult:
    path: str
    cells: dict[str, CellOutcome]  # by cell name; a cell that did not run is absent
    failure: str | None = None  # the file stopped abnormally: crash, time limit, output flood
    hint: str | None = None  # what to do about the failure, where it is more than "fix the snippet"
    from_cache: bool = False
    seconds: float = 0.0
    unstable: dict[str, tuple[str, str]] = field(default_factory=dict)  # cell -> (first run, second run) shown
    # what check() found, computed once when the file ran (a cached result had none, or it would not be cached)
    faults: list[SnippetError] = field(default_factory=list)


@dataclass
class Executor:
    cache: OutputCache
    jobs: int = 2
    default_timeout: float = DEFAULT_TIMEOUT
    executed: list[str] = field(default_factory=list)  # paths actually run, for tests and benchmarks
    _server: ForkServerClient | None = None

    _failures: dict[str, FileResult] = field(default_factory=dict)  # cache key -> result of a run that failed

    def run(self, files: list[SnippetFile], figures: FigureRequests | None = None) -> dict[str, FileResult]:
        """Results for every file: from the cache where its key matches, from this process's memory of failed runs,
        else by running it (twice, to catch outputs that change from run to run). `figures` says, per file and
        cell, which figures' data to take from the cell's state (cached with the outputs)."""
        figures = figures or {}
        results: dict[str, FileResult] = {}
        to_run: list[tuple[SnippetFile, str]] = []
        for snippet in files:
            key = cache_key(snippet.path, snippet.source, figures.get(snippet.path))
            entry = self.cache.get(key)
            if entry is not None:
                cells = {name: CellOutcome.from_dict(cell) for name, cell in entry["cells"].items()}
                results[snippet.path] = FileResult(snippet.path, cells, from_cache=True)
            elif key in self._failures:
                results[snippet.path] = self._failures[key]
            else:
                to_run.append((snippet, key))
        if to_run:
            with ThreadPoolExecutor(max_workers=self.jobs) as pool:
                outcomes = pool.map(lambda item: self.execute_twice(item[0], figures.get(item[0].path)), to_run)
                for (snippet, key), result in zip(to_run, outcomes, strict=True):
                    results[snippet.path] = result
                    result.faults = check(snippet, result)
                    if result.faults:
                        self._failures[key] = result
                    else:
                        stored = {name: outcome.to_json() for name, outcome in result.cells.items()}
                        self.cache.put(key, {"path": snippet.path, "cells": stored})
        return results

    def execute(self, snippet: SnippetFile, figures: dict[str, list[dict]] | None = None) -> FileResult:
        """Run one file now, once, bypassing the cache."""
        self.executed.append(snippet.path)
        return self._collect(snippet, self._submit(snippet, figures))

    def execute_twice(self, snippet: SnippetFile, figures: dict[str, list[dict]] | None = None) -> FileResult:
        """Run one file twice at once, the second time with shifted addresses; the first run's result, with the
        cells whose output differed."""
        self.executed.append(snippet.path)
        first, second = self._submit(snippet, figures), self._submit(snippet, figures, shift=True)
        result, again = self._collect(snippet, first), self._collect(snippet, second)
        if result.failure is None and again.failure is not None:
            result.failure = f"ran on a first run, but on a second run {again.failure}"
            result.hint = again.hint
        elif result.failure is None:
            for name, outcome in result.cells.items():
                other = again.cells.get(name)
                if other != outcome:
                    shown_again = "(did not run)" if other is None else other.shown()
                    result.unstable[name] = (outcome.shown(), shown_again)
        return result

    def _submit(
        self, snippet: SnippetFile, figures: dict[str, list[dict]] | None = None, shift: bool = False
    ) -> Iterator[tuple[str, Any]]:
        cells: list[dict[str, Any]] = [
            {"name": c.name, "code": c.code, "line": c.line, "expects_error": c.raises is not None}
            for c in snippet.cells
        ]
        for cell in cells:  # figures: what the worker extracts after the cell
            cell["figures"] = (figures or {}).get(cell["name"], [])
        timeout = snippet.timeout or self.default_timeout
        return self.server.submit(f"snippets/{snippet.path}", cells, timeout, shift)

    def _collect(self, snippet: SnippetFile, messages: Iterator[tuple[str, Any]]) -> FileResult:
        timeout = snippet.timeout or self.default_timeout
        result = FileResult(snippet.path, {})
        running = None
        started = time.perf_counter()
        for kind, payload in messages:
            if kind == "start":
                running = payload
            elif kind == "cell":
                result.cells[payload["name"]] = CellOutcome.from_dict(payload)
                running = None
            elif kind == "flood":
                result.failure = "printed more output than a page can show" + _while(payload)
            elif kind == "timeout":
                result.failure = f"did not finish within its time limit of {timeout:g} s" + _while(running)
                result.hint = (
                    "fix the endless loop; if the file really needs longer, raise its limit on a line before its "
                    f'first cell: # snippet: timeout="{2 * timeout:g}"'
                )
            elif kind == "exit":
                result.failure = _describe_exit(payload) + _while(running)
        result.seconds = time.perf_counter() - started
        return result

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    @property
    def server(self) -> ForkServerClient:
        if self._server is None:
            self._server = ForkServerClient()
        return self._server


class ForkServerClient:
    """Talks to `python -m builder.forkserver`, started on first use; safe to use from several threads."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "builder.forkserver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # a printed set of strings keeps its order from build to build
            env={**torch_environment(), "PYTHONHASHSEED": "0"},
        )
        requests, replies = self.process.stdin, self.process.stdout
        assert requests is not None, "stdin was asked for as a pipe"
        assert replies is not None, "stdout was asked for as a pipe"
        self._requests: IO[bytes] = requests
        self._replies: IO[bytes] = replies
        self._queues: dict[str, queue.SimpleQueue] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self._replies:
            job_id, kind, payload = json.loads(line)
            self._queues[job_id].put((kind, payload))
        for waiting in list(self._queues.values()):  # the server died: wake everyone up
            waiting.put(("exit", "the executor's fork server stopped"))
            waiting.put(("closed", None))

    def submit(
        self, filename: str, cells: list[dict[str, Any]], timeout: float, shift: bool = False
    ) -> Iterator[tuple[str, Any]]:
        """Start a job now; its messages, read as they come."""
        job_id = str(next(self._ids))
        messages: queue.SimpleQueue = queue.SimpleQueue()
        self._queues[job_id] = messages
        request = {"id": job_id, "filename": filename, "cells": cells, "timeout": timeout, "shift": shift}
        with self._lock:
            self._requests.write((json.dumps(request) + "\n").encode())
            self._requests.flush()
        return self._messages(job_id, messages)

    def _messages(self, job_id: str, messages: queue.SimpleQueue) -> Iterator[tuple[str, Any]]:
        try:
            while (message := messages.get()) != ("closed", None):
                yield message
        finally:
            del self._queues[job_id]

    def close(self) -> None:
        self._requests.close()  # the server sees end of input, ends its children and exits
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:  # still tearing down torch on a busy machine: nothing left to wait for
            self.process.kill()
            self.process.wait()
        self._reader.join(10)
        self._replies.close()


def _while(cell: str | None) -> str:
    return f" (while running cell '{cell}')" if cell else ""


def _describe_exit(code: int | str) -> str:
    if isinstance(code, str):
        return code
    if code < 0:
        return f"crashed with signal {signal.Signals(-code).name}"
    return f"exited with status {code} before finishing (os._exit or sys.exit at process level)"


def check(snippet: SnippetFile, result: FileResult) -> list[SnippetError]:
    """Everything wrong with a file's result, as messages that name the file, cell and line."""
    where = f"snippets/{snippet.path}"
    if result.failure:
        hint = result.hint or "fix the snippet; each file runs in isolation with a time limit"
        return [SnippetError(where, result.failure, hint)]
    problems = []
    for cell in snippet.cells:
        outcome = result.cells.get(cell.name)
        location = f"{where}:{cell.line} (cell '{cell.name}')"
        if outcome is None:
            continue  # not reached: an earlier cell failed, which is reported
        error = outcome.error
        if error is not None and error.syntax is not None:
            problems.append(_syntax_problem(where, cell.name, error, error.syntax))
        elif cell.raises is None and error is not None:
            problems.append(
                SnippetError(
                    f"{where}:{error.line or cell.line} (cell '{cell.name}')",
                    f"unexpected error: {error.last_line}",
                    f"fix the code, or if this error is the lesson, declare it: # %% {cell.name} "
                    f'raises="{error.type}: {error.message[:40]}"',
                    cell.name,
                )
            )
        elif cell.raises is not None and error is None:
            problems.append(
                SnippetError(
                    location,
                    f'declared raises="{cell.raises.describe()}" but the cell ran without error',
                    "make the last statement raise it, or remove the raises= option",
                    cell.name,
                )
            )
        elif cell.raises is not None and error is not None:
            type_ok = cell.raises.type_name in (error.type, error.qualified_type)
            last = _last_statement_line(cell.code, cell.line)
            if not type_ok or not error.message.startswith(cell.raises.message_start):
                problems.append(
                    SnippetError(
                        location,
                        f'declared raises="{cell.raises.describe()}" but got: {error.last_line}',
                        "update the declaration if the new error is right, or fix the code",
                        cell.name,
                    )
                )
            elif (raised_at := error.statement_line) is not None and last is not None and raised_at < last:
                problems.append(  # (captures made before this check have no statement_line)
                    SnippetError(
                        f"{where}:{raised_at} (cell '{cell.name}')",
                        f"the declared error is raised here, but the cell goes on to line {last}, which never runs",
                        "end the cell with the statement that raises; move what follows into a cell of its own",
                        cell.name,
                    )
                )
        if cell.name in result.unstable:
            first, second = result.unstable[cell.name]
            problems.append(
                SnippetError(
                    location,
                    "printed something else when run a second time:\n"
                    + _quoted("first run", first)
                    + "\n"
                    + _quoted("second run", second),
                    "print only what is the same on every run: no times, id() or memory addresses (the build already "
                    "seeds torch, random and numpy)",
                    cell.name,
                )
            )
    return problems


def _syntax_problem(where: str, cell: str, error: CellError, syntax: SyntaxPlace) -> SnippetError:
    column, text = syntax.column, syntax.text
    shown = f"\n    {text}\n    {' ' * ((column or 1) - 1)}^" if text else ""
    place = f"{error.line}:{column}" if column else f"{error.line}"
    return SnippetError(
        f"{where}:{place} (cell '{cell}')",
        f"syntax error: {error.message}{shown}",
        "fix the code at that line and column: a cell that does not parse runs none of its lines",
        cell,
    )


def _last_statement_line(code: str, first_line: int) -> int | None:
    """The file line where a cell's last top-level statement starts (None when the cell does not parse)."""
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return None
    return body[-1].lineno + first_line - 1 if body else None


def _quoted(label: str, text: str, limit: int = 12) -> str:
    lines = text.rstrip("\n").split("\n") or [""]
    if len(lines) > limit:
        lines = [*lines[:limit], f"... ({len(lines) - limit} more lines)"]
    return f"  {label}:\n" + "\n".join(f"    | {line}" for line in lines)
