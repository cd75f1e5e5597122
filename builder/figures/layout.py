"""A layered layout for autograd graphs (the Sugiyama method, small and deterministic).

The output sits in the top row and every node one row below the lowest node that uses it. An edge that skips rows
passes through a reserved slot in each row it crosses, so it never runs through a node; each use of an input
(x * x uses x twice) gets its own end points on both boxes, so repeated edges are drawn side by side instead of
on top of each other. Rows are ordered by barycentre sweeps, keeping the order with the fewest crossings.
sandbox/web/src/graph.js implements the same steps for the browser sandbox.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

ROW_GAP = 36
NODE_GAP = 14
SLOT = 8  # width reserved for an edge passing through a row
SWEEPS = 6


@dataclass
class Laid:
    x: dict[str, float] = field(default_factory=dict)  # left edges; dummy slots too
    y: dict[str, float] = field(default_factory=dict)  # tops
    routes: list[tuple[int, int, list[tuple[float, float]]]] = field(default_factory=list)  # (consumer, input, points)
    width: float = 0.0
    height: float = 0.0


def _depths(count: int, edges: list[tuple[int, int]]) -> list[int]:
    depth = [0] * count
    for _ in range(count):
        changed = False
        for a, b in edges:
            if depth[a] + 1 > depth[b]:
                depth[b] = depth[a] + 1
                changed = True
        if not changed:
            break
    return depth


def _crossings(rows: list[list[str]], links: list[tuple[str, str]]) -> int:
    where = {key: (r, i) for r, row in enumerate(rows) for i, key in enumerate(row)}
    total = 0
    by_row: dict[int, list[tuple[int, int]]] = {}
    for a, b in links:
        (ra, ia), (_, ib) = where[a], where[b]
        by_row.setdefault(ra, []).append((ia, ib))
    for pairs in by_row.values():
        for k, (a1, b1) in enumerate(pairs):
            total += sum(1 for a2, b2 in pairs[k + 1 :] if (a1 - a2) * (b1 - b2) < 0)
    return total


def layout(sizes: list[tuple[float, float]], edges: list[tuple[int, int]]) -> Laid:
    """`sizes[i]` is node i's (width, height); `edges` are (consumer, input) pairs, repeats allowed."""
    depth = _depths(len(sizes), edges)
    unique = list(dict.fromkeys(edges))
    rows: list[list[str]] = [[] for _ in range(max(depth) + 1)]
    width = {str(i): w for i, (w, _) in enumerate(sizes)}
    for i in range(len(sizes)):
        rows[depth[i]].append(str(i))
    chains: dict[tuple[int, int], list[str]] = {}
    links: list[tuple[str, str]] = []  # between adjacent rows, upper first
    for e, (a, b) in enumerate(unique):
        chain = [str(a)]
        for r in range(depth[a] + 1, depth[b]):
            slot = f"e{e}.{r}"
            rows[r].append(slot)
            width[slot] = SLOT
            chain.append(slot)
        chain.append(str(b))
        chains[(a, b)] = chain
        links += list(itertools.pairwise(chain))
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    for upper, lower in links:
        down.setdefault(upper, []).append(lower)
        up.setdefault(lower, []).append(upper)

    best, best_count = [list(r) for r in rows], _crossings(rows, links)
    for sweep in range(SWEEPS):
        order = range(1, len(rows)) if sweep % 2 == 0 else range(len(rows) - 2, -1, -1)
        for r in order:
            near = rows[r - 1] if sweep % 2 == 0 else rows[r + 1]
            index = {key: i for i, key in enumerate(near)}
            neighbours = up if sweep % 2 == 0 else down
            here = {key: i for i, key in enumerate(rows[r])}

            def centre(
                key: str, index: dict[str, int] = index, neighbours: dict = neighbours, here: dict = here
            ) -> float:
                found = [index[n] for n in neighbours.get(key, ()) if n in index]
                return sum(found) / len(found) if found else here[key]

            rows[r].sort(key=centre)  # stable: ties keep their order
        if (count := _crossings(rows, links)) < best_count:
            best, best_count = [list(r) for r in rows], count
    rows = best

    x = _place(rows, width, up, down)
    laid = Laid()
    top = 0.0
    heights = {str(i): h for i, (_, h) in enumerate(sizes)}
    bands = []
    for row in rows:
        band = max((heights.get(key, 0) for key in row), default=0)
        for key in row:
            laid.x[key] = x[key]
            laid.y[key] = top
        bands.append((top, top + band))
        top += band + ROW_GAP
    laid.height = top - ROW_GAP
    laid.width = max(x[key] + width[key] for row in rows for key in row)
    laid.routes = _routes(edges, chains, laid, sizes, depth, bands)
    return laid


def _place(rows: list[list[str]], width: dict[str, float], up: dict, down: dict) -> dict[str, float]:
    """Left edges: packed first, then pulled towards the neighbours' centres, keeping order and gaps."""
    x: dict[str, float] = {}
    for row in rows:
        left = 0.0
        for key in row:
            x[key] = left
            left += width[key] + NODE_GAP
    for sweep in range(8):
        order = range(len(rows)) if sweep % 2 == 0 else range(len(rows) - 1, -1, -1)
        for r in order:
            row = rows[r]
            wanted = []
            for key in row:
                around = up.get(key, []) + down.get(key, [])
                centres = [x[n] + width[n] / 2 for n in around]
                wanted.append(sum(centres) / len(centres) - width[key] / 2 if centres else x[key])
            # the closest positions that keep order and gaps: from the left, from the right, then their mean
            left_pass, right_pass = list(wanted), list(wanted)
            for i in range(1, len(row)):
                left_pass[i] = max(left_pass[i], left_pass[i - 1] + width[row[i - 1]] + NODE_GAP)
            for i in range(len(row) - 2, -1, -1):
                right_pass[i] = min(right_pass[i], right_pass[i + 1] - width[row[i]] - NODE_GAP)
            merged = [(a + b) / 2 for a, b in zip(left_pass, right_pass, strict=True)]
            for i in range(1, len(row)):
                merged[i] = max(merged[i], merged[i - 1] + width[row[i - 1]] + NODE_GAP)
            for key, value in zip(row, merged, strict=True):
                x[key] = value
    shift = min(x.values())
    return {key: round(value - shift, 1) for key, value in x.items()}


def _routes(edges, chains, laid: Laid, sizes, depth, bands) -> list[tuple[int, int, list[tuple[float, float]]]]:
    # every use of an input gets its own port: at the bottom of the consumer, at the top of the input
    first_hop = {k: chain[1] for k, chain in chains.items()}
    last_hop = {k: chain[-2] for k, chain in chains.items()}
    bottom: dict[int, list[int]] = {}
    top: dict[int, list[int]] = {}
    for n, (a, b) in enumerate(edges):
        bottom.setdefault(a, []).append(n)
        top.setdefault(b, []).append(n)

    def centre(key: str) -> float:
        w = sizes[int(key)][0] if key.isdigit() else SLOT
        return laid.x[key] + w / 2

    def port(node: int, uses: list[int], n: int, towards) -> float:
        ordered = sorted(uses, key=lambda m: (centre(towards(edges[m])), m))
        w = sizes[node][0]
        return laid.x[str(node)] + w * (ordered.index(n) + 1) / (len(uses) + 1)

    routes = []
    for n, (a, b) in enumerate(edges):
        chain = chains[(a, b)]
        start = (port(b, top[b], n, lambda e: last_hop[e]), laid.y[str(b)])  # the input's top
        end = (port(a, bottom[a], n, lambda e: first_hop[e]), laid.y[str(a)] + sizes[a][1])  # the consumer's bottom
        points = [start]
        for slot in reversed(chain[1:-1]):  # straight up through each row it crosses
            r = int(slot.split(".")[1])
            points += [(centre(slot), bands[r][1]), (centre(slot), bands[r][0])]
        points.append(end)
        routes.append((a, b, points))
    return routes


def path(points: list[tuple[float, float]]) -> str:
    """Smooth curves between rows (vertical at both ends), straight lines through reserved slots."""

    def n(v: float) -> str:
        text = f"{v:.1f}"
        return text[:-2] if text.endswith(".0") else text

    (x0, y0), rest = points[0], points[1:]
    d = f"M{n(x0)} {n(y0)}"
    for k, (x1, y1) in enumerate(rest):
        if k % 2 == 1:  # odd hops pass straight through a row's reserved slot
            d += f"L{n(x1)} {n(y1)}"
        else:
            mid = (y0 + y1) / 2
            d += f"C{n(x0)} {n(mid)} {n(x1)} {n(mid)} {n(x1)} {n(y1)}"
        x0, y0 = x1, y1
    return d
