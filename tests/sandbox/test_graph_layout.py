"""The sandbox's graph drawing (sandbox/web/src/graph.js) lays graphs out exactly like the build's figures
(builder/figures/layout.py): same rows, order, positions and edge routes, so both look alike."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from builder.figures.layout import layout

ROOT = Path(__file__).resolve().parents[2]
GRAPHS = [
    [(0, 1), (1, 2), (1, 2)],  # x * x
    [(0, 1), (1, 2), (1, 3), (2, 3), (3, 4), (2, 4)],  # an input used on two levels
    [(0, 1), (1, 2), (2, 3), (3, 4), (1, 5), (5, 6), (4, 6), (2, 6)],  # a loop and a long skip
]


def test_graph_js_layout_equals_the_build_layout() -> None:
    sizes = [[90 + 10 * (i % 3), 28 + 16 * (i % 2)] for i in range(7)]
    script = (
        "const m = await import(process.argv[1]); const graphs = JSON.parse(process.argv[2]);"
        "const sizes = JSON.parse(process.argv[3]);"
        "console.log(JSON.stringify(graphs.map((edges) => {"
        "  const n = 1 + Math.max(...edges.flat()); const l = m.layoutGraph(sizes.slice(0, n), edges);"
        "  return { x: Object.fromEntries(l.x), y: Object.fromEntries(l.y), routes: l.routes };"
        "})));"
    )
    module = (ROOT / "sandbox/web/src/graph.js").as_uri()
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script, module, json.dumps(GRAPHS), json.dumps(sizes)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    for edges, js in zip(GRAPHS, json.loads(out), strict=True):
        count = 1 + max(max(e) for e in edges)
        laid = layout([tuple(s) for s in sizes[:count]], edges)
        assert js["x"] == pytest.approx(laid.x, abs=0.11)
        assert js["y"] == pytest.approx(laid.y)
        assert [(a, b) for a, b, _ in js["routes"]] == [(a, b) for a, b, _ in laid.routes]
        for (_, _, theirs), (_, _, ours) in zip(js["routes"], laid.routes, strict=True):
            flat = [v for point in ours for v in point]
            assert [v for point in theirs for v in point] == pytest.approx(flat, abs=0.11)
