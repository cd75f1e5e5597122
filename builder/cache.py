"""Executed outputs cached on disk, keyed by everything that can change them.

Entries are written to a temporary file and renamed into place, so a reader sees a whole entry or none, and two
builds at once cannot interleave their writes. An entry that does not parse or does not match its key is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cell_runner

# Changing these files changes how outputs are produced, so it invalidates every entry: the executor's, and the cell
# runner's that its worker calls (shared with the browser).
EXECUTOR_FILES = ("torch_env.py", "worker.py", "forkserver.py", "executor.py", "snippet_file.py", "figures/extract.py")


def cache_folder(root: Path) -> Path:
    """Where a project's outputs are cached: SNIPPETS_CACHE_DIR if set (tests and benchmarks share or isolate
    caches with it), else build/cache/snippets."""
    return Path(os.environ.get("SNIPPETS_CACHE_DIR") or root / "build" / "cache" / "snippets")


@cache
def environment_fingerprint() -> str:
    here = Path(__file__).parent
    files = [here / name for name in EXECUTOR_FILES] + sorted(Path(cell_runner.__file__).parent.glob("*.py"))
    executor = hashlib.sha256(b"".join(file.read_bytes() for file in files)).hexdigest()
    return json.dumps(
        {
            "torch": version("torch"),
            "numpy": version("numpy"),
            "python": sys.version,
            "platform": f"{platform.system()}-{platform.machine()}",
            "executor": executor,
        },
        sort_keys=True,
    )


def cache_key(path: str, source: str, figures: Any = None) -> str:
    """`figures`: the figure data the pages ask of the file, which its run produces alongside the outputs."""
    payload = json.dumps([environment_fingerprint(), path, source] + ([figures] if figures else []), sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def write_atomically(file: Path, text: str) -> None:
    """Write ``text`` to ``file`` so that a reader, or a process killed halfway, sees the old content or the new,
    never a mix: into a temporary file beside it, then renamed over it."""
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=file.suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class OutputCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            entry = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing, unreadable, partial or corrupt: run the snippet again
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("cells"), dict):
            return None
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self._file(key), json.dumps({**entry, "key": key}, ensure_ascii=False, indent=1))
