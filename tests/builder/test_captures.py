"""GPU captures, tested on a CPU: writing them through the real executor, staleness, missing captures, provenance
badges, strict builds, and refusing to run without a GPU. Every capture here is written into a temporary folder from
test data with made-up provenance; the last tests check the repository's own CUDA snippets."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import warnings
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from builder import capture_command
from builder.cache import OutputCache
from builder.captures import (
    Capture,
    CaptureError,
    GpuUnavailableError,
    Provenance,
    capture_files,
    capture_path,
    collect_provenance,
    read_capture,
    source_hash,
    state_of,
    write_capture,
)
from builder.executor import Executor
from builder.outcome import CellOutcome
from builder.pages import SnippetPages
from builder.snippet_file import load_snippet, parse_snippet
from cell_runner import CellResult

ROOT = Path(__file__).resolve().parents[2]
TEST_DATA = Path(__file__).parent / "fixtures" / "capture_test_data"
NAME = "fake/fake_gpu.py"
COMMAND = f".venv/bin/python scripts/capture_cuda.py snippets/{NAME}"
FAKE = Provenance(
    gpu="NVIDIA H100 80GB HBM3",
    driver="580.82.07",
    cuda="13.0",
    torch="2.13.0+cu130",
    python="3.11.7",
    captured_at="2026-05-01T09:30:00Z",
)


@pytest.fixture
def executor(tmp_path: Path) -> Executor:
    executor = Executor(OutputCache(tmp_path / "cache"), default_timeout=60)
    yield executor
    executor.close()


@pytest.fixture
def snippets(tmp_path: Path) -> Path:
    """A snippets folder holding the test data's CUDA file (which really runs on any CPU)."""
    folder = tmp_path / "snippets"
    (folder / "fake").mkdir(parents=True)
    shutil.copy(TEST_DATA / "fake_gpu.py", folder / NAME)
    return folder


def captured(snippets: Path, executor: Executor) -> Path:
    [outcome] = capture_files([load_snippet(snippets, NAME)], snippets, FAKE, executor)
    assert outcome.problems == []
    return outcome.written


def edit(snippets: Path, old: str, new: str) -> None:
    file = snippets / NAME
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


# --- writing captures ------------------------------------------------------------------------------------------------


def test_capture_records_outputs_hash_and_provenance(snippets: Path, executor: Executor) -> None:
    written = captured(snippets, executor)
    assert written == snippets / "fake" / "fake_gpu.capture.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["source_sha256"] == source_hash((snippets / NAME).read_text(encoding="utf-8"))
    assert data["provenance"] == vars(FAKE)
    assert data["cells"]["double"] == {"output": "tensor([2., 4.])\n", "error": None}
    assert data["cells"]["divide"]["error"]["last_line"] == "ZeroDivisionError: division by zero"
    assert executor.executed == [NAME]  # through the executor, not from any cache


def test_capture_file_is_pretty_and_deterministic(snippets: Path, executor: Executor) -> None:
    text = captured(snippets, executor).read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    capture = read_capture(snippets, NAME)
    assert capture.to_json() == text


def test_failed_run_never_overwrites_a_good_capture(snippets: Path, executor: Executor) -> None:
    good = captured(snippets, executor).read_bytes()
    edit(snippets, "torch.tensor([1.0, 2.0]) * 2", "torch.tensor([1.0, 2.0]) @ torch.ones(3)")
    [outcome] = capture_files([load_snippet(snippets, NAME)], snippets, FAKE, executor)
    assert outcome.written is None
    assert "unexpected error: RuntimeError" in outcome.problems[0]
    assert (snippets / "fake" / "fake_gpu.capture.json").read_bytes() == good


def test_crashed_run_never_overwrites_a_good_capture(snippets: Path, executor: Executor) -> None:
    good = captured(snippets, executor).read_bytes()
    edit(snippets, "torch.tensor([1.0, 2.0]) * 2", "import os\nos._exit(3)")
    [outcome] = capture_files([load_snippet(snippets, NAME)], snippets, FAKE, executor)
    assert outcome.written is None
    assert "exited with status 3" in outcome.problems[0]
    assert (snippets / "fake" / "fake_gpu.capture.json").read_bytes() == good
    assert [p.name for p in (snippets / "fake").iterdir() if p.name.startswith(".tmp")] == []


def test_a_file_without_requires_cuda_is_not_captured(snippets: Path, executor: Executor) -> None:
    edit(snippets, '# snippet: requires="cuda"\n', "")
    [outcome] = capture_files([load_snippet(snippets, NAME)], snippets, FAKE, executor)
    assert outcome.written is None
    assert 'does not declare requires="cuda"' in outcome.problems[0]
    assert executor.executed == []


def test_every_cell_of_a_cuda_file_stays_out_of_the_sandbox() -> None:
    snippet = parse_snippet("x.py", '# snippet: requires="cuda"\n# %% a\n1\n# %% b sandbox="no: own reason"\n2\n')
    reasons = [(c.sandbox, c.sandbox_reason) for c in snippet.cells]
    assert reasons == [(False, "needs a CUDA GPU"), (False, "own reason")]


# --- staleness and unreadable captures -------------------------------------------------------------------------------


def test_state_follows_the_source_hash(snippets: Path, executor: Executor) -> None:
    assert state_of(read_capture(snippets, NAME), load_snippet(snippets, NAME)) == "missing"
    captured(snippets, executor)
    assert state_of(read_capture(snippets, NAME), load_snippet(snippets, NAME)) == "fresh"
    edit(snippets, "* 2", "* 3")
    assert state_of(read_capture(snippets, NAME), load_snippet(snippets, NAME)) == "stale"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{ not json", "cannot read this capture"),
        ('{"format": 99}', "capture format 99, this build reads format 1"),
        ('{"format": 1, "snippet": "fake/fake_gpu.py"}', "not a capture this build can read"),
        ('{"format": 1, "snippet": "other.py"}', "records snippet 'other.py', not 'fake/fake_gpu.py'"),
    ],
)
def test_unreadable_capture_is_an_error_naming_the_file(snippets: Path, text: str, expected: str) -> None:
    capture_path(snippets, NAME).write_text(text, encoding="utf-8")
    with pytest.raises(CaptureError, match=r"snippets/fake/fake_gpu\.capture\.json") as error:
        read_capture(snippets, NAME)
    assert expected in str(error.value)


# --- pages -----------------------------------------------------------------------------------------------------------


def pages_for(tmp_path: Path, snippets: Path, executor: Executor, language: str) -> SnippetPages:
    for code in ("ko", "en"):
        page = tmp_path / "docs" / code / "gpu.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# GPU {{ #gpu }}\n\n{{{{ snippet {NAME}#double }}}}\n", encoding="utf-8")
    pages = SnippetPages(snippets, tmp_path / "docs" / language, executor, language)
    pages.prepare()
    return pages


def rendered(pages: SnippetPages) -> str:
    return pages.render_page((pages.docs / "gpu.md").read_text(encoding="utf-8"), f"docs/{pages.language}/gpu.md")


@pytest.mark.parametrize(
    ("language", "badge"),
    [
        (
            "ko",
            '"드라이버 580.82.07 · CUDA 13.0 · Python 3.11.7 · 2026-05-01T09:30:00Z">'
            "NVIDIA H100 80GB HBM3에서 캡처 · torch 2.13.0+cu130 · 2026년 5월 1일</span>",
        ),
        (
            "en",
            '"driver 580.82.07 · CUDA 13.0 · Python 3.11.7 · 2026-05-01T09:30:00Z">'
            "Captured on NVIDIA H100 80GB HBM3 · torch 2.13.0+cu130 · May 1, 2026</span>",
        ),
    ],
)
def test_fresh_capture_shows_its_output_and_provenance(
    tmp_path: Path, snippets: Path, executor: Executor, language: str, badge: str
) -> None:
    captured(snippets, executor)
    executor.executed.clear()
    pages = pages_for(tmp_path, snippets, executor, language)
    page = rendered(pages)
    assert (pages.problems, pages.warnings, pages.uncaptured) == ([], [], [])
    assert executor.executed == []  # a CPU build never runs a CUDA file
    assert "tensor([2., 4.])" in page
    assert f'<p class="snippet-capture"><span class="md-tag" title={badge}</p>' in page
    assert 'data-sandbox="no" data-sandbox-reason="needs a CUDA GPU"' in page
    assert "!!!" not in page
    assert "???" not in page


def test_stale_capture_warns_with_the_refresh_command_and_is_marked(
    tmp_path: Path, snippets: Path, executor: Executor
) -> None:
    captured(snippets, executor)
    edit(snippets, "* 2", "* 3")
    pages = pages_for(tmp_path, snippets, executor, "en")
    assert pages.problems == []
    assert pages.uncaptured == []
    [warning] = pages.warnings
    assert warning.startswith(f"snippets/{NAME}: its GPU capture is stale")
    assert f"-> refresh it on a machine with an NVIDIA GPU: {COMMAND}" in warning
    assert "used by: docs/ko/gpu.md:3, docs/en/gpu.md:3" in warning
    page = rendered(pages)
    assert "tensor([2., 4.])" in page  # still shown, so a preview stays readable
    assert 'class="snippet-capture snippet-capture-stale"' in page
    assert '!!! warning "Stale capture"' in page
    assert f"`{COMMAND}`" in page


@pytest.mark.parametrize(
    ("language", "notice"), [("ko", "아직 GPU에서 캡처하지 않았습니다"), ("en", "Not yet captured on a GPU")]
)
def test_missing_capture_shows_an_honest_notice_and_no_output(
    tmp_path: Path, snippets: Path, executor: Executor, language: str, notice: str
) -> None:
    pages = pages_for(tmp_path, snippets, executor, language)
    assert pages.problems == []
    assert pages.warnings == []
    used_by = "used by: docs/ko/gpu.md:3, docs/en/gpu.md:3"
    assert pages.uncaptured == [f"snippets/{NAME}: not yet captured on a GPU\n  {used_by}"]
    page = rendered(pages)
    assert f'??? info "{notice}"' in page
    assert "snippet-output" not in page
    assert "tensor([2., 4.])" not in page
    assert executor.executed == []


def test_a_cell_added_after_the_capture_is_missing_not_borrowed(
    tmp_path: Path, snippets: Path, executor: Executor
) -> None:
    captured(snippets, executor)
    edit(snippets, "# %% double", "# %% added\nprint('new')\n\n# %% double")
    pages = pages_for(tmp_path, snippets, executor, "en")
    assert pages.results[NAME].cells["added"].capture["state"] == "missing"
    assert pages.results[NAME].cells["double"].capture["state"] == "stale"


def test_unreadable_capture_fails_the_page(tmp_path: Path, snippets: Path, executor: Executor) -> None:
    capture_path(snippets, NAME).write_text("{ not json", encoding="utf-8")
    pages = pages_for(tmp_path, snippets, executor, "en")
    [problem] = pages.problems
    assert "snippets/fake/fake_gpu.capture.json: cannot read this capture" in problem
    assert COMMAND in problem
    assert "Snippet error" in rendered(pages)


def test_fresh_capture_whose_declared_error_vanished_fails(tmp_path: Path, snippets: Path, executor: Executor) -> None:
    captured(snippets, executor)
    capture = read_capture(snippets, NAME)
    cells = {**capture.cells, "divide": CellOutcome(CellResult("", None))}  # as if edited by hand
    write_capture(snippets, Capture(capture.snippet, capture.source_sha256, capture.provenance, cells))
    pages = pages_for(tmp_path, snippets, executor, "en")
    assert 'declared raises="ZeroDivisionError: division by zero" but the cell ran without error' in pages.problems[0]


# --- a whole MkDocs build with the snippets hook ---------------------------------------------------------------------


def build_project(tmp_path: Path, snippets: Path, strict: bool) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: capture test\ndocs_dir: docs/en\nsite_dir: site\n"
        "theme: {name: material, language: en}\n"
        f"hooks: [{ROOT / 'scripts' / 'hooks' / 'snippets.py'}]\n"
        "markdown_extensions: [admonition, attr_list, md_in_html, pymdownx.details, pymdownx.superfences]\n",
        encoding="utf-8",
    )
    build(load_config(str(tmp_path / "mkdocs.yml"), strict=strict))


def test_strict_build_fails_on_a_stale_capture_and_preview_only_warns(
    tmp_path: Path,
    snippets: Path,
    executor: Executor,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SNIPPETS_CACHE_DIR", str(tmp_path / "cache"))
    captured(snippets, executor)
    pages_for(tmp_path, snippets, executor, "en")  # writes the pages
    build_project(tmp_path, snippets, strict=True)  # fresh: passes

    edit(snippets, "* 2", "* 3")
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match="strict"):
        build_project(tmp_path, snippets, strict=True)
    assert any(COMMAND in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)

    build_project(tmp_path, snippets, strict=False)
    html = (tmp_path / "site" / "gpu" / "index.html").read_text(encoding="utf-8")
    assert "snippet-capture-stale" in html
    assert "tensor([2., 4.])" in html


def test_strict_build_passes_with_a_missing_capture(
    tmp_path: Path,
    snippets: Path,
    executor: Executor,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SNIPPETS_CACHE_DIR", str(tmp_path / "cache"))
    pages_for(tmp_path, snippets, executor, "en")
    with caplog.at_level(logging.INFO):
        build_project(tmp_path, snippets, strict=True)
    assert any(f"snippets/{NAME}: not yet captured on a GPU" in r.getMessage() for r in caplog.records)
    assert "Not yet captured on a GPU" in (tmp_path / "site" / "gpu" / "index.html").read_text(encoding="utf-8")


# --- refusing to capture without a usable GPU ------------------------------------------------------------------------


def fake_torch(available: bool, built_cuda: str | None = "13.0", fails: str | None = None) -> SimpleNamespace:
    def ones(size: int, device: str) -> torch.Tensor:
        if fails:
            raise RuntimeError(fails)
        return torch.ones(size)

    cuda = SimpleNamespace(is_available=lambda: available, get_device_name=lambda index: "NVIDIA H100 80GB HBM3")
    return SimpleNamespace(cuda=cuda, ones=ones, version=SimpleNamespace(cuda=built_cuda), __version__="2.13.0+cu130")


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        (fake_torch(False, None), "torch.cuda.is_available() is False: this torch (2.13.0+cu130) is a CPU-only build"),
        (fake_torch(False), "finds no usable GPU: no NVIDIA GPU, or its driver is missing or broken"),
        (fake_torch(True, fails="CUDA error: no kernel image"), "CUDA is listed but does not work: CUDA error"),
    ],
)
def test_no_usable_gpu_is_refused_clearly(module: SimpleNamespace, expected: str) -> None:
    with pytest.raises(GpuUnavailableError) as error:
        collect_provenance(module, driver=lambda: "580.82.07")
    assert expected in str(error.value)


def test_a_broken_driver_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    def smi(*args: object, **kwargs: object) -> subprocess.CompletedProcess:
        return subprocess.CompletedProcess([], 9, "", "NVIDIA-SMI has failed because it couldn't communicate")

    monkeypatch.setattr(subprocess, "run", smi)
    with pytest.raises(
        GpuUnavailableError, match="nvidia-smi failed, so the NVIDIA driver looks broken: NVIDIA-SMI has"
    ):
        collect_provenance(fake_torch(True))


def test_provenance_on_a_working_gpu() -> None:
    now = datetime(2026, 5, 1, 9, 30, 0, 123, tzinfo=UTC)
    found = collect_provenance(fake_torch(True), driver=lambda: "580.82.07", now=now)
    assert found == Provenance(
        "NVIDIA H100 80GB HBM3", "580.82.07", "13.0", "2.13.0+cu130", sys.version.split()[0], "2026-05-01T09:30:00Z"
    )


def test_capture_command_without_gpu_exits_2_and_writes_nothing(
    snippets: Path, executor: Executor, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    good = captured(snippets, executor)
    edit(snippets, "* 2", "* 3")  # stale, so a capture would rewrite it
    before = good.read_bytes()

    def no_gpu() -> Provenance:
        raise GpuUnavailableError("torch.cuda.is_available() is False: this torch (2.13.0+cpu) is a CPU-only build")

    monkeypatch.setattr(capture_command, "collect_provenance", no_gpu)
    assert capture_command.capture_cuda(snippets, []) == 2
    error = capsys.readouterr().err
    assert "no usable NVIDIA GPU here, nothing was run or written" in error
    assert "CPU-only build" in error
    assert good.read_bytes() == before


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU: the command would really capture")
def test_capture_command_refuses_on_this_cpu_machine(snippets: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "capture_cuda.py"), "--snippets", str(snippets)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "no usable NVIDIA GPU here" in done.stderr
    assert "torch.cuda.is_available() is False" in done.stderr
    assert not capture_path(snippets, NAME).exists()


def test_status_lists_states_without_a_gpu(snippets: Path, executor: Executor, capsys: pytest.CaptureFixture) -> None:
    assert capture_command.capture_cuda(snippets, [], status=True) == 1
    assert capsys.readouterr().out == f"missing  snippets/{NAME}\n"
    captured(snippets, executor)
    assert capture_command.capture_cuda(snippets, [], status=True) == 0
    assert capsys.readouterr().out == f"fresh    snippets/{NAME}\n"


def test_the_status_command_line(snippets: Path) -> None:
    """scripts/capture_cuda.py hands its options to builder.capture_command."""
    command = [sys.executable, str(ROOT / "scripts" / "capture_cuda.py"), "--status", "--snippets", str(snippets)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout) == (1, f"missing  snippets/{NAME}\n"), done.stderr


# --- the repository's own CUDA snippets ------------------------------------------------------------------------------


def repository_cuda_snippets() -> list:
    return capture_command.cuda_snippets(ROOT / "snippets", [])


def test_repository_has_cuda_snippets() -> None:
    assert {s.path for s in repository_cuda_snippets()} >= {"gpu/devices.py", "gpu/timing.py"}


def test_repository_captures_are_fresh_and_missing_ones_are_listed() -> None:
    stale, missing = [], []
    for snippet in repository_cuda_snippets():
        capture = read_capture(ROOT / "snippets", snippet.path)  # raises on an unreadable capture
        state = state_of(capture, snippet)
        if state == "stale":
            stale.append(f"snippets/{snippet.path}: refresh with {COMMAND.replace(NAME, snippet.path)}")
        elif state == "missing":
            missing.append(f"snippets/{snippet.path}")
    if missing:
        # Listed in pytest's warnings summary. A plain UserWarning: with pytest-xdist the warning travels to the
        # controller process, which cannot rebuild a warning class defined in a test module.
        warnings.warn(f"CUDA snippets not yet captured on a GPU: {', '.join(missing)}", UserWarning, stacklevel=1)
    assert stale == [], "stale GPU captures:\n" + "\n".join(stale)


def test_every_committed_capture_belongs_to_a_cuda_snippet() -> None:
    snippets = ROOT / "snippets"
    for file in snippets.rglob("*.capture.json"):
        source = file.with_name(file.name.removesuffix(".capture.json") + ".py")
        assert source.is_file(), f"{file} has no snippet file beside it"
        assert load_snippet(snippets, source.relative_to(snippets).as_posix()).needs_cuda, f"{source} is not CUDA"


# --- the workflows ---------------------------------------------------------------------------------------------------


def workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def test_gpu_capture_runs_only_on_trusted_triggers_and_a_gpu_runner() -> None:
    capture = workflow("capture-cuda.yml")
    assert set(capture["on"]) == {"workflow_dispatch", "push"}
    assert capture["on"]["push"]["branches"] == ["main"]
    [job] = capture["jobs"].values()
    assert {"self-hosted", "gpu"} <= set(job["runs-on"])
    assert any("scripts/capture_cuda.py" in step.get("run", "") for step in job["steps"])
    uses = {step["uses"].split("@")[0] for step in job["steps"] if "uses" in step}
    assert uses <= {"actions/checkout", "actions/setup-python"}


def test_deploy_builds_strictly_on_a_cpu_runner() -> None:
    deploy = workflow("deploy.yml")
    assert "pull_request" not in deploy["on"]
    assert "pull_request_target" not in deploy["on"]
    build_job = deploy["jobs"]["build"]
    assert build_job["runs-on"] == "ubuntu-latest"
    runs = [step.get("run", "") for step in build_job["steps"]]
    builds = [run for run in runs if run.startswith(".venv/bin/python scripts/build.py")]
    assert len(builds) == 1
    assert "--no-strict" not in builds[0]
    assert "download.pytorch.org/whl/cpu" in build_job["env"]["PIP_EXTRA_INDEX_URL"]
