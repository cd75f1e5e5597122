// Draws the autograd graph the runner extracted ({nodes, edges}) as an SVG, built node by node (no markup
// strings, so names from the reader's code can never become HTML).

const SVG = "http://www.w3.org/2000/svg";
const ROW = 64;
const GAP = 16;
const HEIGHT = 30;
const CHAR = 7.4;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function label(node) {
  if (node.kind === "fn") return node.label;
  return `${node.label} (${node.shape.join(", ")})`;
}

/** Longest-path layering from the output, so every edge points one or more rows down. */
function layers(graph) {
  const depth = new Map([[0, 0]]);
  // Node ids follow a depth-first order from the output, so relaxing edges a few times settles the depths.
  for (let pass = 0; pass < graph.nodes.length; pass++) {
    let changed = false;
    for (const [from, to] of graph.edges) {
      const d = (depth.get(from) ?? 0) + 1;
      if (d > (depth.get(to) ?? -1)) {
        depth.set(to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = [];
  for (const node of graph.nodes) {
    const d = depth.get(node.id) ?? 0;
    (rows[d] ||= []).push(node);
  }
  return rows;
}

export function drawGraph(graph, title, caption) {
  const rows = layers(graph);
  const boxes = new Map();
  const rowWidths = rows.map((row) => row.reduce((sum, n) => sum + label(n).length * CHAR + 20 + GAP, -GAP));
  const width = Math.max(0, ...rowWidths);
  rows.forEach((row, r) => {
    let x = (width - rowWidths[r]) / 2;
    for (const node of row) {
      const w = label(node).length * CHAR + 20;
      boxes.set(node.id, { x, y: r * ROW, w, node });
      x += w + GAP;
    }
  });
  const height = rows.length * ROW - (ROW - HEIGHT);
  const svg = el("svg", {
    viewBox: `-2 -2 ${width + 4} ${height + 4}`,
    width: width + 4,
    height: height + 4,
    role: "img",
    class: "sbx-graph",
  });
  svg.append(el("title", {}, title));
  svg.append(el("desc", {}, caption));
  const defs = el("defs");
  const marker = el("marker", {
    id: "sbx-arrow",
    viewBox: "0 0 10 10",
    refX: 9,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: "auto-start-reverse",
  });
  marker.append(el("path", { d: "M0,0 L10,5 L0,10 z", class: "sbx-graph-arrow" }));
  defs.append(marker);
  svg.append(defs);
  // Edges go from a node to the inputs it was computed from; drawn the forward way, input -> result.
  for (const [from, to] of graph.edges) {
    const a = boxes.get(to);
    const b = boxes.get(from);
    if (!a || !b) continue;
    svg.append(
      el("line", {
        x1: a.x + a.w / 2,
        y1: a.y,
        x2: b.x + b.w / 2,
        y2: b.y + HEIGHT,
        class: "sbx-graph-edge",
        "marker-end": "url(#sbx-arrow)",
      }),
    );
  }
  for (const { x, y, w, node } of boxes.values()) {
    const g = el("g", { class: `sbx-graph-node sbx-graph-${node.kind}` });
    const round = node.kind === "fn" ? 2 : 12;
    g.append(el("rect", { x, y, width: w, height: HEIGHT, rx: round, ry: round }));
    g.append(el("text", { x: x + w / 2, y: y + HEIGHT / 2 + 4, "text-anchor": "middle" }, label(node)));
    svg.append(g);
  }
  return svg;
}
