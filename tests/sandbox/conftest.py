"""The sandbox's small test site (the real npgrad engine, pages shaped like the build's), built once per test run,
and a page opener that checks every page for console errors and requests to other hosts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_helpers import GRAPH, SEED, Watched, make_site, page_opener, reader_moves


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(
        tmp_path_factory.mktemp("sandbox") / "site",
        {
            "playground/index.html": {
                "playground": True,
                "lang": "en",
                "file": "playground/autograd.py",
                "cells": [
                    {"name": "seed", "code": SEED, "sandbox": True},
                    {"name": "graph", "code": GRAPH, "sandbox": True},
                ],
            },
            "lesson/index.html": {
                "lang": "ko",
                "file": "lesson/state.py",
                "cells": [
                    {"name": "setup", "code": "import torch\nt = torch.tensor([1., 2.])", "sandbox": True},
                    {"name": "gpu", "code": "t.device", "sandbox": False},
                    {"name": "use", "code": "print(t * 10)", "sandbox": True},
                ],
            },
        },
    )


@pytest.fixture
def open_page(browser: object, site: Path) -> Iterator:
    """open_page(path, isolate=True, root=None) -> Watched; checks console errors and origins at the end."""
    with page_opener(browser) as open_site:

        def opener(path: str, isolate: bool = True, root: Path | None = None) -> Watched:
            watched = open_site(root or site, isolate)
            watched.page.goto(watched.origin + path)
            reader_moves(watched.page)
            return watched

        yield opener
