"""The live preview: both languages served, and an edited snippet rebuilt with that file alone run again."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from build import copy_project
from builder.cache import cache_folder

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_rebuilds_an_edited_snippet(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts/serve.py"), "--root", str(project), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SNIPPETS_CACHE_DIR": str(cache_folder(ROOT))},  # warm: edits miss it
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "tensor(20.)" in fetch(base + "en/"), 120), log.read_text()
        assert "파이토치 기초" in fetch(base)
        marker = f"edited-{uuid.uuid4().hex[:8]}"
        snippet = project / "snippets/home/taste.py"
        snippet.write_text(snippet.read_text().replace("x @ x + 1", f"print('{marker}')\nx @ x + 1"))
        assert wait_for(lambda: marker in fetch(base + "en/"), 60), log.read_text()
        runs = [line for line in log.read_text().splitlines() if "snippet file(s) with torch" in line]
        assert runs[-1].endswith("Ran 1 snippet file(s) with torch (the rest came from the cache): home/taste.py")
    finally:
        server.terminate()
        server.wait(20)
