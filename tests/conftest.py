"""Fixtures shared by every suite: the built site (both languages), a local server for it, and a browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.localweb import launch_chromium
from builder.site import build_site
from builder.static_host import serve_static
from builder.torch_env import pin_torch_math

pin_torch_math()  # before any test module imports torch: the tests compare npgrad with torch's digits


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    # Served as a static host serves it (compressed, with cache headers), so the audit's page-speed measurements
    # (tests/builder/test_audit.py) see what a reader's browser gets.
    site = tmp_path_factory.mktemp("site")
    with serve_static(site) as url:
        yield site, url


@pytest.fixture(scope="session")
def built_site(_site_server: tuple[Path, str]) -> Path:
    """The real site, built once per test run in strict mode: Korean at the root, English under en/. It is built
    for the local server that serves it, as a deployment is for its host: absolute links (hreflang alternates,
    whose sitemap.xml Material's script reads) then stay on that server."""
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


# ---------------------------------------------------------------------------------------------------------------------
# Markers, given here from what a test uses, so the inner loop (`-m "not browser and not pyodide and not slow"`,
# the contributor guide's "Run the tests") needs no marker kept by hand in each file.
# ---------------------------------------------------------------------------------------------------------------------
PYODIDE_FILES = {  # start Pyodide under Node
    "test_npgrad_pyodide.py",
    "test_npgrad_pyodide_matmul.py",
    "test_npgrad_random_pyodide.py",
    "test_sandbox_boot.py",
    "test_sandbox_kernel.py",
}  # (test_sandbox_npgrad_matches_torch.py marks its Pyodide half itself: its CPython half is in the inner loop)
SLOW_FIXTURES = {"built_site", "site_url"}  # build the whole site, both languages
SLOW_FILES = {  # build copies of the project, or start torch in fork servers and subprocesses test by test
    "test_rebuild.py",
    "test_figure_rebuild.py",
    "test_serve.py",
    "test_executor.py",
    "test_captures.py",
    "test_exercises.py",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs in Chromium")
    config.addinivalue_line("markers", "pyodide: runs npgrad in Pyodide under Node")
    config.addinivalue_line("markers", "slow: builds the whole site, or runs the build's own tools")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook, which reads the groups given here
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if item.path.name in PYODIDE_FILES:
            item.add_marker(pytest.mark.pyodide)
        if fixtures & SLOW_FIXTURES or item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
        # pytest-xdist (`-n 2 --dist loadgroup`, scripts/test) runs each group in one worker: every test of the built
        # site together, so the site is built once per run, and the rest by file, so a file's shared fixtures (a
        # Pyodide under Node, a fork server, a notebook run) start once, not once per worker.
        group = "built_site" if fixtures & SLOW_FIXTURES else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))
