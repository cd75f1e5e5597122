"""What `npm run build` prepares for a fast start (sandbox/web/prepare.mjs): the numpy bundle and the memory
snapshot listed in boot.json, and the worker's zip reader, checked against Python's zipfile."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from sandbox_helpers import ROOT

from builder import sandbox_assets

BOOT = ROOT / "build" / "web" / "boot"


def read_with_worker_unzip(path: Path) -> dict[str, str]:
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "sandbox" / "unzip_cli.mjs"), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def digests(archive: zipfile.ZipFile) -> dict[str, str]:
    return {i.filename: hashlib.sha256(archive.read(i)).hexdigest() for i in archive.infolist() if not i.is_dir()}


@pytest.fixture(scope="module")
def manifest() -> dict:
    assert (BOOT / "boot.json").is_file(), "run `npm run build` first"
    return json.loads((BOOT / "boot.json").read_text())


def test_files_match_their_listed_checksums_and_sizes(manifest: dict) -> None:
    for key in ("bundle", "snapshot"):
        packed = (BOOT / manifest[key]["file"]).read_bytes()
        assert hashlib.sha256(packed).hexdigest() == manifest[key]["sha256"]
        assert len(packed) == manifest[key]["bytes"]
        assert len(gzip.decompress(packed)) == manifest[key]["size"]


def test_bundle_holds_bytecode_not_sources_or_tests(manifest: dict) -> None:
    bundle = zipfile.ZipFile(io.BytesIO(gzip.decompress((BOOT / manifest["bundle"]["file"]).read_bytes())))
    names = bundle.namelist()
    assert "numpy/__init__.pyc" in names
    assert "numpy/_core/multiarray.pyc" in names
    assert not [n for n in names if n.endswith((".py", ".pyi", ".h")) or "/tests/" in n]
    assert {i.compress_type for i in bundle.infolist()} == {zipfile.ZIP_STORED}
    # The extension modules compiled early are ones the bundle has, the core of numpy among them.
    assert set(manifest["bundle"]["preload"]) <= set(names)
    assert "numpy/_core/_multiarray_umath.cpython-312-wasm32-emscripten.so" in manifest["bundle"]["preload"]


def test_snapshot_is_for_this_pyodide(manifest: dict) -> None:
    lock = json.loads((ROOT / "build" / "pyodide" / "pyodide-lock.json").read_text())
    assert manifest["python"] == lock["info"]["python"]
    assert manifest["numpy"] == lock["packages"]["numpy"]["version"]
    assert manifest["snapshotModules"] > 0


def test_worker_unzip_reads_the_bundle_and_the_engine_zip(manifest: dict, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(gzip.decompress((BOOT / manifest["bundle"]["file"]).read_bytes()))
    assert read_with_worker_unzip(bundle) == digests(zipfile.ZipFile(bundle))
    engine = tmp_path / "npgrad.zip"  # deflated entries
    sandbox_assets.engine_zip(ROOT / "sandbox" / "npgrad", engine)
    assert read_with_worker_unzip(engine) == digests(zipfile.ZipFile(engine))


def test_worker_unzip_rejects_what_is_not_a_zip(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all" * 10)
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "sandbox" / "unzip_cli.mjs"), str(junk)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "not a zip archive" in result.stderr
