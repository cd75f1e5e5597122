"""The live preview: both languages served, an edited snippet rebuilt with that file alone run again, edits saved
during the first build kept, a taken port said plainly, and no temporary folder left behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

from builder.cache import cache_folder
from builder.site import copy_project

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


def start_serve(project: Path, port: int, log: Path, temporary: Path) -> subprocess.Popen:
    temporary.mkdir(exist_ok=True)
    with log.open("w") as output:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "scripts/serve.py"), "--root", str(project), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            # the project's cache (warm; edits miss it), and a temporary folder of the test's own
            env={**os.environ, "SNIPPETS_CACHE_DIR": str(cache_folder(ROOT)), "TMPDIR": str(temporary)},
        )


def site_folders(temporary: Path) -> list[Path]:
    return list(temporary.glob("pytorch-basics-site-*"))


def test_serve_rebuilds_an_edited_snippet_and_cleans_up_on_sigterm(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    log, temporary = tmp_path / "serve.log", tmp_path / "tmp"
    server = start_serve(project, port, log, temporary)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "tensor(20.)" in fetch(base + "en/"), 120), log.read_text()
        assert "파이토치 기초" in fetch(base)
        assert len(site_folders(temporary)) == 1
        marker = f"edited-{uuid.uuid4().hex[:8]}"
        snippet = project / "snippets/home/taste.py"
        snippet.write_text(snippet.read_text().replace("x @ x + 1", f"print('{marker}')\nx @ x + 1"))
        assert wait_for(lambda: marker in fetch(base + "en/"), 60), log.read_text()
        runs = [line for line in log.read_text().splitlines() if "snippet file(s) with torch" in line]
        assert runs[-1].endswith("Ran 1 snippet file(s) with torch (the rest came from the cache): home/taste.py")
        # A Korean page's prose: only the Korean site is rebuilt, and the English one is still served beside it.
        builds = log.read_text().count("Documentation built in")
        prose = f"prose-{uuid.uuid4().hex[:8]}"
        page = project / "docs/ko/index.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{prose}\n", encoding="utf-8")
        assert wait_for(lambda: prose in fetch(base), 60), log.read_text()
        assert log.read_text().count("Documentation built in") == builds + 1
        assert marker in fetch(base + "en/")
        assert prose not in fetch(base + "en/")
        worker = fetch(base + "sandbox-sw.js")  # it lists the pages it caches for reading offline: both languages'
        assert r"\nen/tensors/\n" in worker  # a JavaScript string of lines
        assert r"\nnotebooks/tensors/\n" in worker
        assert "kept" not in worker
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)
    assert server.returncode == 0, log.read_text()
    assert site_folders(temporary) == []  # the built site (tens of MB) does not outlive the preview


def test_a_page_saved_during_the_first_build_is_served(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    log, temporary = tmp_path / "serve.log", tmp_path / "tmp"
    server = start_serve(project, port, log, temporary)
    base = f"http://127.0.0.1:{port}/"
    try:
        # The English build has started (so the Korean one has read its pages) and nothing is served yet.
        assert wait_for(lambda: log.read_text().count("Cleaning site directory") >= 2, 120), log.read_text()
        for language, title in (("ko", "새 쪽"), ("en", "New page")):
            (project / f"docs/{language}/new-page.md").write_text(f"# {title} {{ #new-page }}\n", encoding="utf-8")
        assert wait_for(
            lambda: "새 쪽" in fetch(base + "new-page/") and "New page" in fetch(base + "en/new-page/"), 180
        ), log.read_text()
    finally:
        server.terminate()
        server.wait(20)


def test_a_taken_port_is_reported_before_building(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, str(ROOT / "scripts/serve.py"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "TMPDIR": str(tmp_path)},
        )
    output = run.stdout + run.stderr
    assert run.returncode == 2, output
    assert f"127.0.0.1:{port} is already in use (is another preview running?)" in output
    assert f"-> stop that program, or preview on another port: scripts/serve --port {port + 1}" in output
    assert "Traceback" not in output
    assert "Cleaning site directory" not in output
    assert site_folders(tmp_path) == []


def test_a_folder_left_by_a_killed_preview_is_removed_at_the_next_start(tmp_path: Path) -> None:
    from builder.preview import SITE_PREFIX, remove_leftovers

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f"{SITE_PREFIX}{dead.pid}-abc"
    (leftover / "en").mkdir(parents=True)
    running = tmp_path / f"{SITE_PREFIX}{os.getpid()}-def"
    running.mkdir()
    remove_leftovers(tmp_path)
    assert not leftover.exists()
    assert running.exists()
