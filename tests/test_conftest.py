"""The groups tests/conftest.py gives reach pytest-xdist: a file's tests, and every test of the built site, run in
one worker, so their shared fixtures start once per run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_files_tests_and_the_built_sites_run_in_one_worker(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "conftest.py").write_text(
        (ROOT / "tests" / "conftest.py").read_text()
        + "\n\n@pytest.fixture(scope='session')\ndef built_site():\n    return None\n"
    )
    notes = tmp_path / "workers.txt"
    record = (
        "import os\n\ndef _note(name):\n"
        f"    with open({str(notes)!r}, 'a') as notes:\n"
        "        notes.write(f\"{name} {os.environ['PYTEST_XDIST_WORKER']}\\n\")\n\n"
    )
    for file in ("a", "b"):
        body = record + "".join(f"def test_{file}{n}():\n    _note('{file}')\n\n" for n in range(6))
        body += "".join(f"def test_{file}_site{n}(built_site):\n    _note('site')\n\n" for n in range(3))
        (tests / f"test_{file}.py").write_text(body)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "", "PYTHONPATH": f"{ROOT}:{ROOT / 'sandbox'}"},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    workers: dict[str, set[str]] = {}
    for line in notes.read_text().splitlines():
        name, worker = line.split()
        workers.setdefault(name, set()).add(worker)
    assert sorted(workers) == ["a", "b", "site"]
    assert all(len(found) == 1 for found in workers.values()), workers
