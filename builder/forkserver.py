"""A fork server: one process that imports torch once, then forks a fresh child for every snippet file.

Run as `python -m builder.forkserver`. It reads jobs as JSON lines on stdin ({"id", "filename", "cells",
"timeout"}) and writes every message of every job as a JSON line `[id, kind, payload]` on stdout. It enforces each
job's time limit itself and reports a child that dies without finishing as ("exit", status), so a crash, a hang or
`os._exit` in a snippet costs only that snippet. A single-threaded select loop: forking a threaded process is unsafe.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
from dataclasses import dataclass, field

import builder.worker


@dataclass
class Job:
    id: str
    pid: int
    fd: int
    deadline: float
    buffer: bytearray = field(default_factory=bytearray)
    ended: bool = False


def _emit(job_id: str, kind: str, payload: object) -> None:
    sys.stdout.write(json.dumps([job_id, kind, payload]) + "\n")
    sys.stdout.flush()


def _start(request: dict) -> Job:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the file, report through the pipe, never return into the server loop
        os.close(read_end)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        status = 0
        try:

            def send(message: tuple) -> None:
                data = (json.dumps(message) + "\n").encode()
                while data:
                    data = data[os.write(write_end, data) :]

            builder.worker.run_cells(request["filename"], request["cells"], send, request.get("shift", False))
        except BaseException:  # noqa: BLE001 - anything escaping the worker is reported as a bad exit
            status = 70
        os._exit(status)
    os.close(write_end)
    return Job(request["id"], pid, read_end, time.monotonic() + float(request["timeout"]))


def _finish(job: Job, jobs: dict[int, Job]) -> None:
    del jobs[job.fd]
    os.close(job.fd)
    _, status = os.waitpid(job.pid, 0)
    if not job.ended:
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        _emit(job.id, "exit", code)
    _emit(job.id, "closed", None)


def _forward(job: Job, data: bytes) -> None:
    job.buffer += data
    *lines, rest = job.buffer.split(b"\n")
    job.buffer = bytearray(rest)
    for line in lines:
        kind, payload = json.loads(line)
        job.ended = job.ended or kind in ("end", "flood")
        _emit(job.id, kind, payload)


def serve() -> None:
    jobs: dict[int, Job] = {}
    stdin = sys.stdin.fileno()  # read with os.read only: select() must see every byte that is not yet taken
    pending = b""
    while True:
        now = time.monotonic()
        for job in [j for j in jobs.values() if j.deadline <= now]:
            os.kill(job.pid, signal.SIGKILL)
            _emit(job.id, "timeout", None)
            job.ended = True
            _finish(job, jobs)
        wait = max(0.0, min((j.deadline for j in jobs.values()), default=now + 3600) - now)
        readable, _, _ = select.select([stdin, *jobs], [], [], wait)
        for fd in readable:
            if fd == stdin:
                data = os.read(stdin, 1 << 16)
                if not data:  # the build went away: take every child with us
                    for job in jobs.values():
                        os.kill(job.pid, signal.SIGKILL)
                    return
                *lines, pending = (pending + data).split(b"\n")
                for line in lines:
                    job = _start(json.loads(line))
                    jobs[job.fd] = job
            else:
                job = jobs[fd]
                data = os.read(fd, 1 << 16)
                if data:
                    _forward(job, data)
                else:
                    _finish(job, jobs)


if __name__ == "__main__":
    serve()
