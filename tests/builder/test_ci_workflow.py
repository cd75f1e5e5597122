"""CI for contributions: the test workflow runs the README's test command on pull requests and pushes, read-only."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_pull_requests_and_pushes_run_the_readmes_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [command] = re.findall(r"^(scripts/\S+)\s+# run every test", readme, re.M)
    data = yaml.safe_load((ROOT / ".github/workflows/test.yml").read_text(encoding="utf-8"))
    triggers = data.pop(True)  # YAML 1.1 reads the key `on` as true
    assert {"pull_request", "push"} <= set(triggers)
    assert not {"pull_request_target"} & set(triggers)  # never a fork's code with the repository's token
    assert data["permissions"] == {"contents": "read"}
    [job] = data["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    assert runs[-1] == command
    assert (ROOT / command).is_file()
    assert "PYTHON=python scripts/setup" in runs  # the Python that setup-python installed, not the runner's
    assert "download.pytorch.org/whl/cpu" in job["env"]["PIP_EXTRA_INDEX_URL"]
