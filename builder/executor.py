"""Runs snippet files with real torch, each in its own child of one fork server, and caches their outputs."""

from __future__ import annotations

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
from typing import Any

from builder.cache import OutputCache, cache_key
from builder.snippet_file import SnippetError, SnippetFile

DEFAULT_TIMEOUT = 60.0
FigureRequests = dict[str, dict[str, list[dict[str, Any]]]]  # file -> cell -> [{"key", "kind", "items"}]


@dataclass
class FileResult:
    path: str
    cells: dict[str, dict[str, Any]]  # name -> {"output": str, "error": dict | None}
    failure: str | None = None  # the file stopped abnormally: crash, time limit, output flood
    from_cache: bool = False
    seconds: float = 0.0


@dataclass
class Executor:
    cache: OutputCache
    jobs: int = 2
    default_timeout: float = DEFAULT_TIMEOUT
    executed: list[str] = field(default_factory=list)  # paths actually run, for tests and benchmarks
    _server: ForkServerClient | None = None

    def run(self, files: list[SnippetFile], figures: FigureRequests | None = None) -> dict[str, FileResult]:
        """Results for every file, from the cache where its key matches, else by running it. `figures` says, per
        file and cell, which figures' data to take from the cell's state (cached with the outputs)."""
        figures = figures or {}
        results: dict[str, FileResult] = {}
        to_run: list[tuple[SnippetFile, str]] = []
        for snippet in files:
            key = cache_key(snippet.path, snippet.source, figures.get(snippet.path))
            entry = self.cache.get(key)
            if entry is None:
                to_run.append((snippet, key))
            else:
                results[snippet.path] = FileResult(snippet.path, entry["cells"], from_cache=True)
        if to_run:
            with ThreadPoolExecutor(max_workers=self.jobs) as pool:
                outcomes = pool.map(lambda item: self.execute(item[0], figures.get(item[0].path)), to_run)
                for (snippet, key), result in zip(to_run, outcomes, strict=True):
                    results[snippet.path] = result
                    if not check(snippet, result):
                        self.cache.put(key, {"path": snippet.path, "cells": result.cells})
        return results

    def execute(self, snippet: SnippetFile, figures: dict[str, list[dict]] | None = None) -> FileResult:
        """Run one file now, bypassing the cache."""
        self.executed.append(snippet.path)
        cells = [
            {"name": c.name, "code": c.code, "line": c.line, "expects_error": c.raises is not None}
            for c in snippet.cells
        ]
        for cell in cells:  # figures: what the worker extracts after the cell
            cell["figures"] = (figures or {}).get(cell["name"], [])
        timeout = snippet.timeout or self.default_timeout
        result = FileResult(snippet.path, {})
        running = None
        started = time.perf_counter()
        for kind, payload in self.server.run(f"snippets/{snippet.path}", cells, timeout):
            if kind == "start":
                running = payload
            elif kind == "cell":
                result.cells[payload["name"]] = {"output": payload["output"], "error": payload["error"]}
                if "figures" in payload:
                    result.cells[payload["name"]]["figures"] = payload["figures"]
                running = None
            elif kind == "flood":
                result.failure = "printed more output than a page can show" + _while(payload)
            elif kind == "timeout":
                result.failure = f"did not finish within its time limit of {timeout:g} s" + _while(running)
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
            [sys.executable, "-m", "builder.forkserver"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self._queues: dict[str, queue.SimpleQueue] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            job_id, kind, payload = json.loads(line)
            self._queues[job_id].put((kind, payload))
        for waiting in list(self._queues.values()):  # the server died: wake everyone up
            waiting.put(("exit", "the executor's fork server stopped"))
            waiting.put(("closed", None))

    def run(self, filename: str, cells: list[dict[str, Any]], timeout: float) -> Iterator[tuple[str, Any]]:
        job_id = str(next(self._ids))
        messages: queue.SimpleQueue = queue.SimpleQueue()
        self._queues[job_id] = messages
        request = {"id": job_id, "filename": filename, "cells": cells, "timeout": timeout}
        with self._lock:
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        try:
            while (message := messages.get()) != ("closed", None):
                yield message
        finally:
            del self._queues[job_id]

    def close(self) -> None:
        self.process.stdin.close()  # the server sees end of input, ends its children and exits
        self.process.wait(10)
        self._reader.join(10)
        self.process.stdout.close()


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
        return [SnippetError(where, result.failure, "fix the snippet; each file runs in isolation with a time limit")]
    problems = []
    for cell in snippet.cells:
        outcome = result.cells.get(cell.name)
        location = f"{where}:{cell.line} (cell '{cell.name}')"
        if outcome is None:
            continue  # not reached: an earlier cell failed, which is reported
        error = outcome["error"]
        if cell.raises is None and error is not None:
            problems.append(
                SnippetError(
                    f"{where}:{error['line'] or cell.line} (cell '{cell.name}')",
                    f"unexpected error: {error['last_line']}",
                    f"fix the code, or if this error is the lesson, declare it: # %% {cell.name} "
                    f'raises="{error["type"]}: {error["message"][:40]}"',
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
            type_ok = cell.raises.type_name in (error["type"], error["qualified_type"])
            if not type_ok or not error["message"].startswith(cell.raises.message_start):
                problems.append(
                    SnippetError(
                        location,
                        f'declared raises="{cell.raises.describe()}" but got: {error["last_line"]}',
                        "update the declaration if the new error is right, or fix the code",
                        cell.name,
                    )
                )
    return problems
