"""Figures from real tensors: each kind is run through the worker (the same single run as the outputs), drawn, and
its numbers (shape, strides, offset, which elements, graph nodes, gradients) are read back from the SVG."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.cache import OutputCache
from builder.executor import Executor
from builder.figures.layout import layout
from builder.figures.references import FigureReference, find_figures
from builder.figures.render import figure_svg
from builder.snippet_file import SnippetError, parse_snippet

SVG = "{http://www.w3.org/2000/svg}"
SOURCE = '''"""Tensors for the figure tests."""

# %% make
import torch

x = torch.arange(6).view(2, 3)
y = x.t()
s = x[:, 1:]
c = y.contiguous()
col = torch.zeros(3, 1)
vec = torch.zeros(4)
m = torch.zeros(2, 3)
mask = x > 2
a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a**3 - b**2
sq = a * a
d = a * b + a

# %% backward
Q.backward(gradient=torch.tensor([1.0, 1.0]))
'''
FIGURES = {
    ("make", "storage"): ["x", "y", "s", "c"],
    ("make", "broadcast"): ["col", "vec"],
    ("make", "broadcast-fails"): ["(2, 3)", "(4,)"],
    ("make", "index"): ["x[:, 0]", "x[:, [0]]", "x[0:1]", "x[mask]"],
    ("make", "shape"): ["m", "m.unsqueeze(0)", "m.unsqueeze(1)", "m.unsqueeze(0).squeeze()"],
    ("make", "matmul"): ["m @ vec[:3]", "m @ m", "torch.ones(5, 2, 3) @ m.t()"],
    ("make", "graph"): ["sq", "d"],
    ("backward", "graph"): ["Q"],
}


def _references() -> list[FigureReference]:
    return [
        FigureReference(kind.split("-")[0], "figs.py", cell, tuple(items), "docs/en/x.md", 1, "")
        for (cell, kind), items in FIGURES.items()
    ]


def _run(folder: Path) -> dict[str, dict]:
    snippet = parse_snippet("figs.py", SOURCE)
    requests: dict[str, list] = {}
    for reference in _references():
        requests.setdefault(reference.cell, []).append(reference.request)
    executor = Executor(OutputCache(folder), default_timeout=30)
    try:
        result = executor.execute(snippet, requests)
    finally:
        executor.close()
    assert result.failure is None
    return {cell: outcome.figures for cell, outcome in result.cells.items()}


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return _run(tmp_path_factory.mktemp("cache"))


def drawn(figures: dict[str, dict], cell: str, kind: str, language: str = "en") -> str:
    reference = next(r for r in _references() if r.cell == cell and (r.kind == kind or kind.startswith(r.kind + "-")))
    if kind == "broadcast-fails":
        reference = [r for r in _references() if r.kind == "broadcast"][1]
    data = figures[reference.cell][reference.key]
    assert "failed" not in data, data
    return figure_svg(reference.kind, reference.items, data, language, "f1")


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def desc(svg: str) -> str:
    return ET.fromstring(svg).find(f"{SVG}desc").text


def shaded(svg: str) -> list[tuple[float, float]]:
    return [
        (float(r.get("x")), float(r.get("y")))
        for r in ET.fromstring(svg).iter(f"{SVG}rect")
        if "tfig-on" in r.get("class", "")
    ]


def test_storage_shows_real_strides_offsets_and_storages(figures: dict) -> None:
    svg = drawn(figures, "make", "storage")
    shown = texts(svg)
    assert "shape (2, 3) · stride (3, 1) · offset 0" in shown
    assert "shape (3, 2) · stride (1, 3) · offset 0" in shown  # the transpose swaps the strides
    assert "shape (2, 2) · stride (3, 1) · offset 1" in shown  # the slice starts one cell in
    assert "shape (3, 2) · stride (2, 1) · offset 0" in shown  # contiguous() made a copy...
    assert shown.count("storage A · contiguous") == 1
    assert shown.count("storage A · not contiguous") == 2
    assert "storage B · contiguous" in shown  # ...in a new storage
    text = desc(svg)
    assert "y: shape (3, 2), stride (1, 3), offset 0, not contiguous, cells 0, 3, 1, 4, 2, 5 of storage A." in text
    assert "s: shape (2, 2), stride (3, 1), offset 1, not contiguous, cells 1, 2, 4, 5 of storage A." in text


def test_storage_shades_only_the_cells_a_slice_uses(figures: dict) -> None:
    svg = drawn(figures, "make", "storage")
    root = ET.fromstring(svg)
    storage_rows = [r for r in root.iter(f"{SVG}rect") if "tfig-off" in r.get("class", "")]
    assert len(storage_rows) == 2  # storage cells 0 and 3 are not part of s = x[:, 1:]


def test_broadcast_stretches_size_one_and_marks_missing(figures: dict) -> None:
    svg = drawn(figures, "make", "broadcast")
    assert "1→4" in texts(svg)  # col's last dimension stretched to vec's size
    assert "The shapes (3, 1), (4,), aligned from the right, broadcast to (3, 4)." in desc(svg)
    assert 'class="tfig-cell tfig-missing"' in svg  # vec has no first dimension
    assert "tfig-clash" not in svg


def test_broadcast_failure_highlights_the_clashing_dimension(figures: dict) -> None:
    svg = drawn(figures, "make", "broadcast-fails")
    root = ET.fromstring(svg)
    clashing = [r for r in root.iter(f"{SVG}rect") if "tfig-clash" in r.get("class", "")]
    assert len(clashing) == 3  # 3 and 4 in dimension -1, and the result's ✗ under them
    assert len({r.get("x") for r in clashing}) == 1  # all in one column
    assert "cannot broadcast" in texts(svg)
    assert "in dimension -1 the sizes 3, 4 differ" in desc(svg)


def test_index_marks_selected_elements_and_view_or_copy(figures: dict) -> None:
    text = desc(drawn(figures, "make", "index"))
    assert "x[:, 0] selects elements 0, 3 of x, giving shape (2,), a view: shares storage." in text
    assert "x[:, [0]] selects elements 0, 3 of x, giving shape (2, 1), a copy: new storage." in text
    assert "x[0:1] selects elements 0, 1, 2 of x, giving shape (1, 3), a view: shares storage." in text
    assert "x[mask] selects elements 3, 4, 5 of x, giving shape (3,), a copy: new storage." in text
    assert len(shaded(drawn(figures, "make", "index"))) == 2 + 2 + 3 + 3


def test_shape_marks_where_the_new_dimension_goes(figures: dict) -> None:
    svg = drawn(figures, "make", "shape")
    text = desc(svg)
    assert "m.unsqueeze(0): shape (1, 2, 3), a new dimension of size 1 at 0." in text
    assert "m.unsqueeze(1): shape (2, 1, 3), a new dimension of size 1 at 1." in text
    assert "m.unsqueeze(0).squeeze(): shape (2, 3)." in text
    assert len(shaded(svg)) == 2


def test_matmul_shapes_and_mismatch(figures: dict) -> None:
    svg = drawn(figures, "make", "matmul")
    text = desc(svg)
    assert "m @ vec[:3]: (2, 3) @ (3,) → (2,)." in text
    assert "m @ m: (2, 3) @ (2, 3) → error: sizes do not match." in text
    assert "torch.ones(5, 2, 3) @ m.t(): (5, 2, 3) @ (3, 2) → (5, 2, 2)." in text


def test_graph_has_torch_node_names_leaf_shapes_and_grads(figures: dict) -> None:
    svg = drawn(figures, "backward", "graph")
    shown = texts(svg)
    assert shown.count("PowBackward0") == 2
    assert "SubBackward0" in shown
    assert "MulBackward0" in shown
    assert "a (2,)" in shown
    assert "b (2,)" in shown
    assert "grad [36., 81.]" in shown
    assert "grad [-12., -8.]" in shown
    assert "0x" not in svg  # no addresses


def test_graph_before_backward_has_no_grads_and_keeps_repeated_edges_apart(figures: dict) -> None:
    svg = drawn(figures, "make", "graph")
    assert "grad" not in " ".join(texts(svg))
    data = figures["make"]["graph sq; d"]["graphs"][0]
    assert data["edges"].count([1, 2]) == 2  # x * x: MulBackward0 uses the leaf twice
    paths = [p.get("d") for p in ET.fromstring(svg).iter(f"{SVG}path") if p.get("class") == "tfig-edge"]
    assert len(paths) == len(set(paths)), "two edges drawn on top of each other"


def _curve_points(points: list[tuple[float, float]]) -> Iterator[tuple[float, float]]:
    for k, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(points)):
        for step in range(1, 20):
            t = step / 20
            if k % 2 == 1:
                yield x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            else:  # the cubic of layout.path: vertical tangents at both ends
                mid = (y0 + y1) / 2
                x = (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * x0 + 3 * (1 - t) * t**2 * x1 + t**3 * x1
                y = (1 - t) ** 3 * y0 + 3 * (1 - t) ** 2 * t * mid + 3 * (1 - t) * t**2 * mid + t**3 * y1
                yield x, y


@pytest.mark.parametrize(
    "edges",
    [
        [(0, 1), (1, 2), (1, 3), (2, 4), (4, 5), (3, 5)],  # an edge that skips two rows past a chain
        [(0, 1), (1, 2), (1, 3), (2, 3), (3, 4), (2, 4)],  # d = a * b + a, twice over
        [(0, 1), (1, 2), (1, 2), (2, 3), (2, 3)],  # x * x, twice
    ],
)
def test_layout_routes_no_edge_through_a_node(edges: list[tuple[int, int]]) -> None:
    count = 1 + max(max(e) for e in edges)
    sizes = [(90.0, 28.0)] * count
    laid = layout(sizes, edges)
    boxes = {i: (laid.x[str(i)], laid.y[str(i)], *sizes[i]) for i in range(count)}
    for a, b, points in laid.routes:
        for px, py in _curve_points(points):
            for node, (x, y, w, h) in boxes.items():
                inside = x + 1 < px < x + w - 1 and y + 1 < py < y + h - 1
                assert not inside, f"edge {a}->{b} passes through node {node}"
    ends = [(tuple(points[0]), tuple(points[-1])) for _, _, points in laid.routes]
    assert len(ends) == len(set(ends)), "repeated edges share both end points"


def test_labels_are_in_the_page_language(figures: dict) -> None:
    korean = drawn(figures, "make", "storage", "ko")
    english = drawn(figures, "make", "storage", "en")
    assert "저장소 A · 연속" in texts(korean)
    assert "storage A · contiguous" in texts(english)
    assert "모양 (2, 3) · 스트라이드 (3, 1) · 오프셋 0" in texts(korean)
    assert ET.fromstring(korean).find(f"{SVG}title").text.startswith("저장소와 스트라이드")


def test_two_runs_draw_identical_svg(figures: dict, tmp_path: Path) -> None:
    again = _run(tmp_path / "other-cache")  # a second run of the file, not the cache
    assert again == figures
    for cell, kind in FIGURES:
        assert drawn(again, cell, kind) == drawn(figures, cell, kind)


def test_names_the_cell_does_not_define_are_reported(tmp_path: Path) -> None:
    reference = FigureReference("storage", "figs.py", "make", ("nothing_here",), "docs/en/x.md", 1, "")
    snippet = parse_snippet("figs.py", SOURCE)
    executor = Executor(OutputCache(tmp_path), default_timeout=30)
    try:
        result = executor.execute(snippet, {"make": [reference.request]})
    finally:
        executor.close()
    failed = result.cells["make"].figures[reference.key]["failed"]
    assert failed["problem"] == "name"
    assert failed["name"] == "nothing_here"
    assert "x" in failed["defined"]
    assert "nothing_here" not in failed["defined"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ figure stride f.py#c x }}", "docs/en/p.md:3: unknown figure kind 'stride'"),
        ("{{ figure index f.py#c x.t() }}", "is not an indexing expression"),
        ("{{ figure matmul f.py#c a * b }}", "is not a matrix product"),
        ("{{ figure storage f.py#c x[ }}", "is not a Python expression"),
        ("{{ figure broadcast f.py#c a }}", "needs at least two items"),
        ("{{ figure storage f.py c }}", "cannot read the figure reference"),
    ],
)
def test_malformed_references_name_page_and_line(line: str, message: str) -> None:
    with pytest.raises(SnippetError, match=re.escape(message)) as caught:
        find_figures(f"# Page\n\n{line}\n", "docs/en/p.md")
    assert str(caught.value).startswith("docs/en/p.md:3:")


def test_references_in_code_blocks_are_text() -> None:
    page = "```text\n{{ figure storage f.py#c x }}\n```\n{{ figure graph f.py#c y; z }}\n"
    (only,) = find_figures(page, "docs/en/p.md")
    assert (only.kind, only.items, only.line) == ("graph", ("y", "z"), 4)
