"""Make ``import npgrad`` find sandbox/npgrad (not this tests/npgrad folder) before the package is installed."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for path in (HERE.parents[1] / "sandbox", HERE.parents[1], HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
