"""Fixtures shared by every suite: the built site (both languages), a local server for it, and a browser."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from localweb import launch_chromium, serve_folder  # noqa: E402


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = tmp_path_factory.mktemp("site")
    with serve_folder(site) as url:
        yield site, url


@pytest.fixture(scope="session")
def built_site(_site_server: tuple[Path, str]) -> Path:
    """The real site, built once per test run in strict mode: Korean at the root, English under en/. It is built
    for the local server that serves it, as a deployment is for its host: absolute links (hreflang alternates,
    whose sitemap.xml Material's script reads) then stay on that server."""
    from build import build_site

    site, url = _site_server
    build_site(strict=True, site_dir=site, site_url=url)
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path, _site_server: tuple[Path, str]) -> str:
    return _site_server[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
