// Draws the autograd graph the runner extracted ({nodes, edges}) as an SVG, built node by node (no markup
// strings, so names from the reader's code can never become HTML). Same look and same layout as the build's
// graph figures (builder/figures/layout.py and draw_graph.py): the output on top, each node one row below the
// lowest node that uses it, edges that skip rows routed through reserved slots (never through a node), and every
// use of an input with its own end points, so x * x shows two edges side by side.

const SVG = "http://www.w3.org/2000/svg";
const FONT = 12;
const LINE = 16;
const PAD = 8;
const ROW_GAP = 36;
const NODE_GAP = 14;
const SLOT = 8;
const SWEEPS = 6;
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function textWidth(text) {
  let ems = 0;
  for (const c of text) ems += WIDE.test(c) ? 1 : 0.6;
  return ems * FONT;
}

function shapeText(shape) {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

function label(node) {
  return node.kind === "fn" ? node.label : `${node.label} ${shapeText(node.shape)}`;
}

function depths(count, edges) {
  const depth = new Array(count).fill(0);
  for (let pass = 0; pass < count; pass++) {
    let changed = false;
    for (const [a, b] of edges) {
      if (depth[a] + 1 > depth[b]) {
        depth[b] = depth[a] + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}

function crossings(rows, links) {
  const where = new Map();
  rows.forEach((row, r) => row.forEach((key, i) => where.set(key, [r, i])));
  const byRow = new Map();
  for (const [a, b] of links) {
    const [ra, ia] = where.get(a);
    const ib = where.get(b)[1];
    if (!byRow.has(ra)) byRow.set(ra, []);
    byRow.get(ra).push([ia, ib]);
  }
  let total = 0;
  for (const pairs of byRow.values()) {
    pairs.forEach(([a1, b1], k) => {
      for (const [a2, b2] of pairs.slice(k + 1)) if ((a1 - a2) * (b1 - b2) < 0) total++;
    });
  }
  return total;
}

function place(rows, width, up, down) {
  const x = new Map();
  for (const row of rows) {
    let left = 0;
    for (const key of row) {
      x.set(key, left);
      left += width.get(key) + NODE_GAP;
    }
  }
  for (let sweep = 0; sweep < 8; sweep++) {
    const order = rows.map((_, r) => r);
    if (sweep % 2 === 1) order.reverse();
    for (const r of order) {
      const row = rows[r];
      const wanted = row.map((key) => {
        const around = [...(up.get(key) || []), ...(down.get(key) || [])];
        if (!around.length) return x.get(key);
        const sum = around.reduce((s, n) => s + x.get(n) + width.get(n) / 2, 0);
        return sum / around.length - width.get(key) / 2;
      });
      const leftPass = [...wanted];
      const rightPass = [...wanted];
      for (let i = 1; i < row.length; i++) {
        leftPass[i] = Math.max(leftPass[i], leftPass[i - 1] + width.get(row[i - 1]) + NODE_GAP);
      }
      for (let i = row.length - 2; i >= 0; i--) {
        rightPass[i] = Math.min(rightPass[i], rightPass[i + 1] - width.get(row[i]) - NODE_GAP);
      }
      const merged = leftPass.map((a, i) => (a + rightPass[i]) / 2);
      for (let i = 1; i < row.length; i++) {
        merged[i] = Math.max(merged[i], merged[i - 1] + width.get(row[i - 1]) + NODE_GAP);
      }
      row.forEach((key, i) => x.set(key, merged[i]));
    }
  }
  const shift = Math.min(...x.values());
  for (const [key, value] of x) x.set(key, Math.round((value - shift) * 10) / 10);
  return x;
}

/** Layout of nodes 0..n-1 with sizes [w, h] and (consumer, input) edges, repeats allowed; see layout.py. */
export function layoutGraph(sizes, edges) {
  const depth = depths(sizes.length, edges);
  const unique = [...new Map(edges.map(([a, b]) => [`${a},${b}`, [a, b]])).values()];
  const rows = Array.from({ length: Math.max(...depth) + 1 }, () => []);
  const width = new Map(sizes.map(([w], i) => [String(i), w]));
  sizes.forEach((_, i) => rows[depth[i]].push(String(i)));
  const chains = new Map();
  const links = [];
  unique.forEach(([a, b], e) => {
    const chain = [String(a)];
    for (let r = depth[a] + 1; r < depth[b]; r++) {
      const slot = `e${e}.${r}`;
      rows[r].push(slot);
      width.set(slot, SLOT);
      chain.push(slot);
    }
    chain.push(String(b));
    chains.set(`${a},${b}`, chain);
    for (let i = 0; i + 1 < chain.length; i++) links.push([chain[i], chain[i + 1]]);
  });
  const up = new Map();
  const down = new Map();
  for (const [a, b] of links) {
    if (!down.has(a)) down.set(a, []);
    down.get(a).push(b);
    if (!up.has(b)) up.set(b, []);
    up.get(b).push(a);
  }
  let best = rows.map((r) => [...r]);
  let bestCount = crossings(rows, links);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const downward = sweep % 2 === 0;
    const order = rows.map((_, r) => r).filter((r) => (downward ? r >= 1 : r <= rows.length - 2));
    if (!downward) order.reverse();
    for (const r of order) {
      const near = new Map((downward ? rows[r - 1] : rows[r + 1]).map((key, i) => [key, i]));
      const neighbours = downward ? up : down;
      const here = new Map(rows[r].map((key, i) => [key, i]));
      const centre = (key) => {
        const found = (neighbours.get(key) || []).filter((n) => near.has(n)).map((n) => near.get(n));
        return found.length ? found.reduce((s, v) => s + v, 0) / found.length : here.get(key);
      };
      const keys = new Map(rows[r].map((key) => [key, centre(key)]));
      rows[r].sort((p, q) => keys.get(p) - keys.get(q));
    }
    const count = crossings(rows, links);
    if (count < bestCount) {
      best = rows.map((row) => [...row]);
      bestCount = count;
    }
  }
  const x = place(best, width, up, down);
  const laid = { x, y: new Map(), routes: [], width: 0, height: 0 };
  const bands = [];
  let top = 0;
  for (const row of best) {
    const band = Math.max(0, ...row.map((key) => (/^\d+$/.test(key) ? sizes[Number(key)][1] : 0)));
    for (const key of row) laid.y.set(key, top);
    bands.push([top, top + band]);
    top += band + ROW_GAP;
  }
  laid.height = top - ROW_GAP;
  laid.width = Math.max(...best.flat().map((key) => x.get(key) + width.get(key)));
  const centre = (key) => x.get(key) + width.get(key) / 2;
  const ends = { bottom: new Map(), top: new Map() };
  edges.forEach(([a, b], n) => {
    if (!ends.bottom.has(a)) ends.bottom.set(a, []);
    ends.bottom.get(a).push(n);
    if (!ends.top.has(b)) ends.top.set(b, []);
    ends.top.get(b).push(n);
  });
  const port = (node, uses, n, towards) => {
    const ordered = [...uses].sort((p, q) => centre(towards(p)) - centre(towards(q)) || p - q);
    return x.get(String(node)) + (sizes[node][0] * (ordered.indexOf(n) + 1)) / (uses.length + 1);
  };
  edges.forEach(([a, b], n) => {
    const chain = chains.get(`${a},${b}`);
    const lastHop = (m) => chains.get(edges[m].join(",")).at(-2);
    const firstHop = (m) => chains.get(edges[m].join(","))[1];
    const points = [[port(b, ends.top.get(b), n, lastHop), laid.y.get(String(b))]];
    for (const slot of chain.slice(1, -1).reverse()) {
      const r = Number(slot.split(".")[1]);
      points.push([centre(slot), bands[r][1]], [centre(slot), bands[r][0]]);
    }
    points.push([port(a, ends.bottom.get(a), n, firstHop), laid.y.get(String(a)) + sizes[a][1]]);
    laid.routes.push([a, b, points]);
  });
  return laid;
}

function num(v) {
  const text = v.toFixed(1);
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}

function path(points) {
  let [x0, y0] = points[0];
  let d = `M${num(x0)} ${num(y0)}`;
  points.slice(1).forEach(([x1, y1], k) => {
    if (k % 2 === 1) d += `L${num(x1)} ${num(y1)}`;
    else {
      const mid = (y0 + y1) / 2;
      d += `C${num(x0)} ${num(mid)} ${num(x1)} ${num(mid)} ${num(x1)} ${num(y1)}`;
    }
    [x0, y0] = [x1, y1];
  });
  return d;
}

export function nodeSize(node) {
  return [textWidth(label(node)) + 2 * PAD, LINE + 12];
}

export function drawGraph(graph, title, caption) {
  const sizes = graph.nodes.map(nodeSize);
  const laid = layoutGraph(sizes, graph.edges);
  const svg = el("svg", {
    viewBox: `-2 -2 ${num(laid.width + 4)} ${num(laid.height + 4)}`,
    width: num(laid.width + 4),
    height: num(laid.height + 4),
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
  // Edges are drawn the forward way, input -> result, like the build's figures.
  for (const [, , points] of laid.routes) {
    svg.append(el("path", { d: path(points), class: "sbx-graph-edge", fill: "none", "marker-end": "url(#sbx-arrow)" }));
  }
  graph.nodes.forEach((node, i) => {
    const [w, h] = sizes[i];
    const x = laid.x.get(String(i));
    const y = laid.y.get(String(i));
    const g = el("g", { class: `sbx-graph-node sbx-graph-${node.kind}` });
    const round = node.kind === "fn" ? 2 : 12;
    g.append(el("rect", { x: num(x), y: num(y), width: num(w), height: num(h), rx: round, ry: round }));
    g.append(el("text", { x: num(x + w / 2), y: num(y + 6 + FONT), "text-anchor": "middle" }, label(node)));
    svg.append(g);
  });
  return svg;
}
