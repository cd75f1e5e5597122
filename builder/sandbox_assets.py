"""The in-browser sandbox's assets in a built site: the tags that load its script and CSS on pages that have
runnable snippet cells, and the files copied into the site: the bundled front end (`npm run build` -> build/web/,
with boot/: numpy precompiled from the verified wheel and a memory snapshot of a started interpreter), the vendored
Pyodide core (scripts/vendor_pyodide.py -> build/pyodide/), the npgrad engine as a zip, and the service worker.

The assets are large (about 22 MB), so both languages share one copy at the root site's assets/sandbox/: a build
of another language whose site_dir is `<root>/<language>` points its pages one level up.
A page whose front matter says `sandbox: playground` gets editable cells at once; other pages get "Run in
browser" buttons and load nothing heavy until the reader shows intent.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from builder.pages import USES_SANDBOX
from builder.translations import DEFAULT_LANGUAGE  # built at the site root; others in <root>/<language>/

ASSETS = Path("assets/sandbox")
SERVICE_WORKER = "sandbox-sw.js"  # at the site root, so its scope covers every page
BOOT_MANIFEST = Path("boot/boot.json")  # written by `npm run build`: the numpy bundle and the memory snapshot
ENGINE_PACKAGE = Path("sandbox/npgrad")
CHECKER_PACKAGE = Path("sandbox/exercise_check")  # the exercises' checker, run beside the engine
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so the zip is byte-identical between builds and stays cached


def shared_root(site_dir: Path, language: str) -> tuple[Path, int]:
    """The site folder that holds the sandbox assets, and how many levels above `site_dir` (the folder that the
    build of `language` writes) it is."""
    if language != DEFAULT_LANGUAGE and site_dir.name == language:
        return site_dir.parent, 1
    return site_dir, 0


def asset_prefix(page_url: str, levels_up: int) -> str:
    """Relative URL from a page to the sandbox assets (pages use relative URLs so the site works under any path)."""
    folder = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
    depth = len([part for part in folder.split("/") if part]) + levels_up
    return "../" * depth + ASSETS.as_posix() + "/"


def head_tags(prefix: str, playground: bool) -> str:
    tags = [f'<link rel="stylesheet" href="{prefix}sandbox.css">']
    if playground:
        tags.append('<meta name="sandbox-mode" content="playground">')
    tags.append(f'<script type="module" src="{prefix}sandbox.js"></script>')
    return "\n".join(tags) + "\n"


def with_sandbox(html: str, page_url: str, meta: Mapping[str, Any], levels_up: int) -> str:
    """The page's HTML with the sandbox's tags in its head, if its metadata says it has runnable cells or exercises
    (USES_SANDBOX) or is a playground; else unchanged, free of the sandbox's script."""
    playground = meta.get("sandbox") == "playground"
    if not playground and not meta.get(USES_SANDBOX):
        return html
    tags = head_tags(asset_prefix(page_url, levels_up), playground)
    return html.replace("</head>", tags + "</head>", 1)


def _copy_if_changed(source: Path, target: Path) -> None:
    same_size = target.is_file() and target.stat().st_size == source.stat().st_size
    if same_size and target.stat().st_mtime >= source.stat().st_mtime:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def engine_zip(package: Path, target: Path, also: tuple[Path, ...] = ()) -> None:
    """Zip the engine's Python sources (no caches, no tests), and the packages in `also` beside it, with fixed
    dates."""
    for folder in (package, *also):
        if not (folder / "__init__.py").is_file():
            raise PluginError(f"the sandbox engine is missing: {folder}/__init__.py not found")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for folder in (package, *also):
            for file in sorted(folder.rglob("*.py")):
                if "__pycache__" in file.parts:
                    continue
                info = zipfile.ZipInfo(f"{folder.name}/{file.relative_to(folder).as_posix()}", ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, file.read_bytes())


def install_assets(project: Path, root: Path, engine: Path | None = None) -> None:
    """Copy the sandbox's front end, Pyodide and engine (default: the project's npgrad) into the site folder `root`."""
    web, pyodide = project / "build" / "web", project / "build" / "pyodide"
    if not (web / "sandbox.js").is_file():
        raise PluginError(f"the sandbox front end is not bundled ({web}/sandbox.js missing); run `npm run build`")
    lock = pyodide / "pyodide-lock.json"
    if not lock.is_file():
        raise PluginError(f"Pyodide is not vendored ({lock} missing); run `.venv/bin/python scripts/vendor_pyodide.py`")
    target = root / ASSETS
    for file in web.rglob("*"):
        if file.is_file() and file.name != SERVICE_WORKER:
            _copy_if_changed(file, target / file.relative_to(web))
    if not (web / BOOT_MANIFEST).is_file():
        raise PluginError(f"{web / BOOT_MANIFEST} is missing (the numpy bundle and snapshot); run `npm run build`")
    # numpy reaches the browser as the bundle in boot/ (made from the verified wheel), so the wheel is not copied;
    # boot.json names Pyodide's files that a start needs (the worker counts their bytes).
    for entry in json.loads((web / BOOT_MANIFEST).read_text())["core"]:
        _copy_if_changed(pyodide / entry["file"], target / "pyodide" / entry["file"])
    engine_zip(engine or project / ENGINE_PACKAGE, target / "npgrad.zip", also=(project / CHECKER_PACKAGE,))


def write_service_worker(project: Path, root: Path) -> str:
    """Write the site's service worker at the root of `root`, stamped with this deployment: a hash of every file of
    the site (so any change makes a new worker and a new cache) and the list of its pages (cached at install, for
    reading offline). Call it once every page is written. Returns the deployment's hash."""
    digest = hashlib.sha256()
    pages, scripts = [], []
    for file in sorted(p for p in root.rglob("*") if p.is_file() and p.name != SERVICE_WORKER):
        relative = file.relative_to(root).as_posix()
        digest.update(relative.encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
        if relative.endswith(".html"):
            pages.append(relative.removesuffix("index.html") or "./")
        elif relative.endswith("search/search_index.json"):
            pages.append(relative)
        elif (
            relative.startswith(ASSETS.as_posix())
            and relative.endswith((".js", ".css"))
            and "/pyodide/" not in relative
        ):
            scripts.append(relative)
    deployment = digest.hexdigest()[:16]
    source = (project / "build" / "web" / SERVICE_WORKER).read_text(encoding="utf-8")
    stamps = (("__DEPLOYMENT__", deployment), ("__PAGES__", "\\n".join(pages)), ("__SANDBOX__", "\\n".join(scripts)))
    for placeholder, value in stamps:
        if placeholder not in source:
            raise PluginError(f"{SERVICE_WORKER} has no {placeholder}; run `npm run build`")
        source = source.replace(placeholder, value.replace('"', ""))
    (root / SERVICE_WORKER).write_text(source, encoding="utf-8")
    return deployment
