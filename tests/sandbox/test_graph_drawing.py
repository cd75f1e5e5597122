"""The sandbox's graph drawing in Chromium: x * x shows two separate edges, and no edge crosses a node's box
(measured along the drawn curves with getPointAtLength)."""

from __future__ import annotations

from pathlib import Path

from builder.localweb import serve_folder

ROOT = Path(__file__).resolve().parents[2]
PAGE = """<!doctype html><html lang="en"><body><div id="out"></div><script type="module">
import { drawGraph } from "./graph.js";
const graphs = {
  square: { nodes: [{ id: 0, kind: "output", label: "y", shape: [2] }, { id: 1, kind: "fn", label: "MulBackward0" },
    { id: 2, kind: "leaf", label: "x", shape: [2] }], edges: [[0, 1], [1, 2], [1, 2]] },
  skip: { nodes: [{ id: 0, kind: "output", label: "d", shape: [] }, { id: 1, kind: "fn", label: "AddBackward0" },
    { id: 2, kind: "fn", label: "MulBackward0" }, { id: 3, kind: "leaf", label: "a", shape: [] },
    { id: 4, kind: "leaf", label: "b", shape: [] }], edges: [[0, 1], [1, 2], [2, 3], [2, 4], [1, 3]] },
};
for (const [name, graph] of Object.entries(graphs)) {
  const svg = drawGraph(graph, name, name);
  svg.id = name;
  document.getElementById("out").append(svg);
}
window.ready = true;
</script></body></html>
"""
CHECK = """(name) => {
  const svg = document.getElementById(name);
  const boxes = [...svg.querySelectorAll("rect")].map((r) => r.getBBox());
  const problems = [];
  const paths = [...svg.querySelectorAll("path.sbx-graph-edge")];
  for (const path of paths) {
    const length = path.getTotalLength();
    for (let s = 1; s < 40; s++) {
      const p = path.getPointAtLength((length * s) / 40);
      boxes.forEach((b, i) => {
        if (p.x > b.x + 1 && p.x < b.x + b.width - 1 && p.y > b.y + 1 && p.y < b.y + b.height - 1)
          problems.push(`edge ${path.getAttribute("d")} crosses node ${i}`);
      });
    }
  }
  return { problems, paths: paths.map((p) => p.getAttribute("d")) };
}"""


def test_graph_drawing_keeps_edges_apart_and_off_nodes(browser: object, tmp_path: Path) -> None:
    (tmp_path / "graph.js").write_bytes((ROOT / "sandbox/web/src/graph.js").read_bytes())
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    with serve_folder(tmp_path) as url:
        page = browser.new_page()
        try:
            page.goto(url)
            page.wait_for_function("window.ready === true")
            square = page.evaluate(CHECK, "square")
            assert len(square["paths"]) == 3
            assert len(set(square["paths"])) == 3
            assert square["problems"] == []
            skip = page.evaluate(CHECK, "skip")
            assert len(skip["paths"]) == 5
            assert skip["problems"] == []
        finally:
            page.close()
