"""Chromium for browser tests: Debian's /usr/bin/chromium (CI installs it), else Playwright's own download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright: Any, **options: Any) -> Any:
    executable = str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None
    return playwright.chromium.launch(executable_path=executable, args=FLAGS, headless=True, **options)
