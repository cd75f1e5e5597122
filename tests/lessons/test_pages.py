"""The lesson chapters: every code block is an executed snippet cell whose real output is on the page, in both
languages, and each chapter's companion notebook is a rendered page and a valid `.ipynb` carrying those outputs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import nbformat
import pytest

from builder.references import fenced, find_references
from builder.snippet_file import SnippetFile, load_snippet
from builder.translations import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"
CHAPTERS = ("define-by-run", "tensors", "operations", "autograd", "mistakes")
LESSON_FOLDERS = ("define_by_run", "tensors", "operations", "autograd", "mistakes")
NOT_RUNNABLE = re.compile(r"^<!-- not-runnable: (?P<reason>.+?) -->$")

# The only code blocks on the chapter pages that do not run, by page, with the reason each one gives.
EXPECTED_NOT_RUNNABLE = {
    "define-by-run": ["TensorFlow 1.x pseudocode; TensorFlow is not part of this site"],
}

# Facts the chapters exist to teach (several correct common misreadings); each must appear in a real output.
TAUGHT_OUTPUTS = {
    "tensors": [
        "TypeError: expected np.ndarray (got list)",  # from_numpy refuses a list
        "tensor([1, 4, 7]) torch.Size([3])",  # [:, 0] drops the dimension: (3,), not (3, 1)
        "torch.from_numpy: tensor([100.,   2.,   3.], dtype=torch.float64)",
    ],
    "operations": [
        "RuntimeError: view size is not compatible with input tensor's size and stride",
        "tensor([100,   1,   2,   3,   4,  -1])",  # reshape of a contiguous tensor shares memory
        "RuntimeError: 1D tensors expected, but got 2D and 2D tensors",
        "RuntimeError: self must be a matrix",
        "tensor([[ 60.,  70.],\n        [160., 195.]])",
    ],
    "autograd": [
        "tensor([36., 81.])\ntensor([-12.,  -8.])",  # the gradients of Q = 3a³ - b², by torch
        "RuntimeError: grad can be implicitly created only for scalar outputs",
        "step   0  loss 4.400e+00  w 0.000000  b 0.000000",  # loss, w and b of one moment, before the update
        "step 200  loss 2.584e-14  w 2.000000  b 1.000000",
    ],
}


# Each rule the pages state once stated too broadly, or a gap they once left, and the cell that now shows it, by page:
# the text its real output must contain (None for a CUDA cell, whose output is captured on a GPU, not in a test).
RULE_CELLS: dict[str, dict[str, str | None]] = {
    "define-by-run": {
        "define_by_run/compile.py#compile": "  placeholder L_x_\n  call_function mul\n  call_function add",
    },
    "tensors": {
        "tensors/dtype_shape.py#promotion": "tensor([2, 2, 4])",  # bool + int64 stays an integer
        # a 0-d float64 does not widen float32; int64 + float16 is float16
        "tensors/dtype_shape.py#promotion-within-category": (
            "torch.float32\ntorch.float64\ntorch.float64\ntorch.float16"
        ),
        "tensors/dtype_shape.py#promotion-numpy": "torch.float32\nfloat64",
        "tensors/dtype_shape.py#floor-division": "-2\ntensor([-2,  1])\ntensor([-1,  1])",
        "tensors/indexing.py#index-copies": "tensor([[ 1, -2,  3],\n        [ 4,  5,  6]])",
        "tensors/creation.py#linspace": "tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])",
        "tensors/creation.py#empty": "torch.Size([2, 3]) torch.float32",
        "tensors/creation.py#like": "tensor([[1., 1., 1.],",
        "tensors/creation.py#new": "tensor([0, 0])\ntensor([7, 8])",
        "tensors/creation.py#tensor-class-from-tensor": "torch.int64 True",
        "tensors/creation.py#randn": "mean -0.003, std 0.998",
    },
    "operations": {
        "operations/view_reshape.py#view-basic": "True",
        "operations/view_reshape.py#offset-view": "False 16 2\nTrue\nTrue None",  # shared storage, other data_ptr
        "operations/squeeze.py#unsqueeze": "-3 torch.Size([1, 2, 2])",
        "operations/squeeze.py#unsqueeze-out-of-range": "expected to be in range of [-3, 2], but got 3",
        "operations/transpose.py#transpose-contiguous": "(1, 3) True\nTrue",
        "operations/join.py#stack": "torch.Size([2, 3]) torch.Size([3, 2]) torch.Size([6])",
        "operations/join.py#cat-mismatch": "Sizes of tensors must match except in dimension 1",
        "operations/join.py#cat-empty": "torch.Size([2, 2])",
        "operations/reduce.py#sum-dim": "tensor([5., 7., 9.])\ntensor([ 6., 15.])\ntensor([[2.],\n        [5.]])",
        "operations/reduce.py#keepdim-mistake": "tensor([-2.5000,  2.5000])",
        "operations/reduce.py#keepdim-fix": "torch.Size([2, 1])",
        "operations/inplace.py#in-place": "tensor([12., 13., 14.]) True\ntensor([13., 14., 15.]) False",
        "operations/inplace.py#in-place-alias": "tensor([1., 1., 1.]) tensor([2., 2., 2.])",
        "operations/matmul.py#matrices": "tensor([[ 60.,  70.],\n        [160., 195.]])",  # no legacy FloatTensor
    },
    "autograd": {
        "autograd/leaves.py#not-recorded": "False False\nFalse",
        "autograd/leaves.py#scaled-not-leaf": "False MulBackward0\nTrue None",
        "autograd/backward.py#chain-rule": "tensor([ 6., 12., 18.])\ntensor([3., 3., 3.])\ntensor([ 6., 12., 18.])",
        "autograd/graph.py#add-twice": "tensor(2.) tensor(2.)",  # an addition saved nothing: backward twice works
        "autograd/graph.py#retain": "tensor(6.) tensor(2.)\ntensor(12.) tensor(4.)",
        "autograd/no_grad.py#no-grad-then-graph": "True\ntensor([2., 4.])",
        "autograd/no_grad.py#inference-mode": "False True\nInference tensors do not track version counter.",
        "autograd/no_grad.py#inference-graph": "RuntimeError: Inference tensors cannot be saved for backward",
        "autograd/in_place.py#version-error": "is at version 1; expected version 0 instead",
        "autograd/in_place.py#version-counter": "0\n1",
        "autograd/in_place.py#detach-alias": "which is output 0 of Exp, is at version 1",
        "autograd/line_fit.py#fit": "step   0  loss 4.400e+00  w 0.000000  b 0.000000",
        "autograd/training.py#fit": "step   0  loss 4.400e+00  w 0.000000  b 0.000000",
        "autograd/training.py#eval-still-records": "True AddmmBackward0\nFalse",
    },
    "mistakes": {
        "mistakes/tensors.py#negative-strides": "ValueError: At least one stride in the given numpy array is negative",
        "mistakes/tensors.py#negative-strides-copy": "ValueError: At least one stride",
        "mistakes/operations.py#float64-meets-float32": "but got: double != float",
        "mistakes/operations.py#reduced-without-keepdim": "tensor([0.6250, 1.2500])",  # rows should sum to 1
        "mistakes/operations.py#reduced-without-keepdim-fix": "tensor([1., 1.])",
        "mistakes/autograd.py#nonleaf-grad": "False None\nThe .grad attribute of a Tensor that is not a leaf Tensor",
        "mistakes/autograd.py#inplace-saved": "modified by an inplace operation",
        "mistakes/autograd.py#twice-fix": "tensor([4., 8.])",  # the doubled gradient the page explains
    },
    "gpu": {
        "gpu/where.py#accelerator": "False None\nFalse\ndevice(type='cpu')",
        "gpu/devices.py#accelerator": None,
        "gpu/devices.py#mix-matmul": None,
        "gpu/devices.py#mix-fix": None,
        "gpu/devices.py#mix-zero-dim": None,
        "gpu/devices.py#item-waits": None,
    },
}


def page_source(language: str, chapter: str) -> str:
    return (ROOT / "docs" / language / f"{chapter}.md").read_text(encoding="utf-8")


def snippet_files(markdown: str, page: str) -> dict[str, SnippetFile]:
    return {ref.path: load_snippet(SNIPPETS, ref.path) for ref in find_references(markdown, page)}


def fenced_blocks(markdown: str) -> list[str | None]:
    """For each fenced code block of a page, the not-runnable reason on the line above it, or None if unmarked."""
    blocks: list[str | None] = []
    previous = ""
    for _, line, kind in fenced(markdown):
        if kind == "open":
            marker = NOT_RUNNABLE.match(previous.strip())
            blocks.append(marker["reason"] if marker else None)
        previous = line
    return blocks


# ---------------------------------------------------------------------------------------------------------------------
# The sources
# ---------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_page_is_a_notebook_chapter_with_only_marked_code_blocks(language: str, chapter: str) -> None:
    markdown = page_source(language, chapter)
    assert re.match(r"^---\n(?:.*\n)*?notebook: true\n(?:.*\n)*?---\n", markdown), "front matter lacks notebook: true"
    assert fenced_blocks(markdown) == EXPECTED_NOT_RUNNABLE.get(chapter, []), (
        "a fenced code block that is not a snippet must follow a line '<!-- not-runnable: reason -->' "
        "and be listed in EXPECTED_NOT_RUNNABLE"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_page_embeds_every_cell_of_its_snippet_files_in_order(language: str, chapter: str) -> None:
    # The companion notebook is the page's cells in page order; it re-runs top to bottom only if none is skipped.
    page = f"docs/{language}/{chapter}.md"
    markdown = page_source(language, chapter)
    references = find_references(markdown, page)
    assert references, "a chapter page must embed snippet cells"
    embedded = [f"{ref.path}#{ref.cell}" for ref in references]
    expected = [f"{path}#{cell.name}" for path, file in snippet_files(markdown, page).items() for cell in file.cells]
    assert embedded == expected


def test_every_lesson_snippet_file_is_used_by_a_chapter() -> None:
    used = {ref.path for chapter in CHAPTERS for ref in find_references(page_source("ko", chapter), chapter)}
    present = {
        p.relative_to(SNIPPETS).as_posix() for folder in LESSON_FOLDERS for p in (SNIPPETS / folder).glob("*.py")
    }
    assert present
    assert present - used == set()


# ---------------------------------------------------------------------------------------------------------------------
# The built pages
# ---------------------------------------------------------------------------------------------------------------------
class _Article(HTMLParser):
    """The snippet blocks of a page's article (code, output, error flag) and the code blocks outside them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.snippets: list[dict[str, str | bool]] = []
        self.loose_blocks = 0  # <pre> blocks in the article that belong to no snippet and no exercise
        self.exercise_blocks = 0  # starters and solutions, which the build runs with torch (builder/exercises)
        self._exercise_depth = 0  # open <div>s inside the current exercise
        self.comments: list[str] = []
        self._in_article = False
        self._depth = 0  # open <div>s inside the current snippet block
        self._part: str | None = None
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "article":
            self._in_article = True
        if not self._in_article:
            return
        if tag == "div" and (self._exercise_depth or "exercise" in classes):
            self._exercise_depth += 1
        if tag == "div":
            if self._depth:
                self._depth += 1
                if "snippet-output" in classes:
                    self._part = "output"
                    self.snippets[-1]["error"] = "snippet-error" in classes
            elif "snippet" in classes:
                self._depth = 1
                self._part = "code"
                self.snippets.append({"ref": attributes.get("data-snippet") or "", "code": "", "output": ""})
        elif tag == "pre":
            self._pre_depth += 1
            if self._exercise_depth:
                self.exercise_blocks += 1
            elif not self._depth:
                self.loose_blocks += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        elif tag == "pre":
            self._pre_depth -= 1
        elif tag == "div" and self._exercise_depth:
            self._exercise_depth -= 1
        elif tag == "div" and self._depth:
            self._depth -= 1
            if self._depth == 1:
                self._part = "code"

    def handle_data(self, data: str) -> None:
        if self._depth and self._pre_depth and self._part:
            self.snippets[-1][self._part] += data

    def handle_comment(self, data: str) -> None:
        if self._in_article:
            self.comments.append(data.strip())


def built_page(site: Path, language: str, chapter: str) -> Path:
    return (site if language == "ko" else site / "en") / chapter / "index.html"


def parse_article(path: Path) -> _Article:
    article = _Article()
    article.feed(path.read_text(encoding="utf-8"))
    return article


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_page_renders_every_snippet_with_its_real_output(built_site: Path, language: str, chapter: str) -> None:
    page = f"docs/{language}/{chapter}.md"
    markdown = page_source(language, chapter)
    files = snippet_files(markdown, page)
    article = parse_article(built_page(built_site, language, chapter))
    assert [s["ref"] for s in article.snippets] == [f"{r.path}#{r.cell}" for r in find_references(markdown, page)]
    for shown in article.snippets:
        path, name = str(shown["ref"]).split("#")
        cell = files[path].cell(name)
        assert str(shown["code"]).strip() == cell.code.strip(), f"{shown['ref']}: the code shown is not the snippet's"
        if name == "setup":
            continue  # imports and helpers print nothing
        assert str(shown["output"]).strip(), f"{shown['ref']}: no output on the page"
        if cell.raises is None:
            assert not shown.get("error"), f"{shown['ref']} raised unexpectedly"
        else:
            assert shown.get("error"), f"{shown['ref']} should show its error"
            last_line = str(shown["output"]).strip().splitlines()[-1]
            assert last_line.startswith(f"{cell.raises.type_name}: {cell.raises.message_start}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_code_block_on_the_page_is_unexecuted(built_site: Path, language: str, chapter: str) -> None:
    article = parse_article(built_page(built_site, language, chapter))
    marked = [c.removeprefix("not-runnable:").strip() for c in article.comments if c.startswith("not-runnable:")]
    assert marked == EXPECTED_NOT_RUNNABLE.get(chapter, [])
    assert article.loose_blocks == len(marked), "a code block on the page is neither a snippet nor marked not runnable"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("chapter", sorted(TAUGHT_OUTPUTS))
def test_page_shows_what_it_teaches(built_site: Path, language: str, chapter: str) -> None:
    outputs = "\n".join(str(s["output"]) for s in parse_article(built_page(built_site, language, chapter)).snippets)
    missing = [text for text in TAUGHT_OUTPUTS[chapter] if text not in outputs]
    assert missing == []


# ---------------------------------------------------------------------------------------------------------------------
# The companion notebooks
# ---------------------------------------------------------------------------------------------------------------------
class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.downloads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and "download" in attributes and (attributes.get("href") or "").endswith(".ipynb"):
            self.downloads.append(attributes["href"] or "")


def downloaded_notebook(site: Path, language: str, chapter: str) -> Path:
    page = built_page(site, language, chapter)
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    assert len(links.downloads) == 1, "the chapter page needs one .ipynb download link"
    url = urljoin(page.relative_to(site).as_posix(), links.downloads[0])
    return site / url


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_companion_notebook_downloads_with_the_page_outputs(built_site: Path, language: str, chapter: str) -> None:
    path = downloaded_notebook(built_site, language, chapter)
    assert path.is_file(), f"the download link points at {path}, which was not built"
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    shown = parse_article(built_page(built_site, language, chapter)).snippets
    assert [cell.source.strip() for cell in code] == [str(s["code"]).strip() for s in shown]
    for cell, snippet in zip(code, shown, strict=True):
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        errors = [o for o in cell.outputs if o.output_type == "error"]
        text += "".join(line + "\n" for o in errors for line in o.traceback)
        assert text.strip() == str(snippet["output"]).strip(), f"{snippet['ref']}: notebook output differs"
        assert bool(errors) == bool(snippet.get("error"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_companion_notebook_page_is_a_rendered_notebook(built_site: Path, language: str, chapter: str) -> None:
    page = (built_site if language == "ko" else built_site / "en") / "notebooks" / chapter / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "jp-Notebook" in html, "the notebook page is not a rendered notebook"
    assert '"cells":' not in html, "the notebook page is raw JSON, not a rendered page"
    outputs = len(re.findall(r'class="[^"]*\bjp-OutputArea-output\b', html))
    shown = parse_article(built_page(built_site, language, chapter)).snippets
    assert outputs >= sum(1 for s in shown if str(s["output"]).strip()), "the notebook page lost outputs"


# ---------------------------------------------------------------------------------------------------------------------
# The corrected rules
# ---------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", sorted(RULE_CELLS))
def test_page_embeds_the_cells_that_show_its_rules(language: str, page: str) -> None:
    embedded = {f"{ref.path}#{ref.cell}" for ref in find_references(page_source(language, page), page)}
    assert sorted(set(RULE_CELLS[page]) - embedded) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", sorted(RULE_CELLS))
def test_rule_cells_show_their_rule_in_real_output(built_site: Path, language: str, page: str) -> None:
    shown = {str(s["ref"]): str(s["output"]) for s in parse_article(built_page(built_site, language, page)).snippets}
    wrong = {ref: shown.get(ref) for ref, text in RULE_CELLS[page].items() if text and text not in shown.get(ref, "")}
    assert wrong == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_nn_fit_prints_what_the_hand_written_fit_printed(built_site: Path, language: str) -> None:
    # The page says the torch.nn/torch.optim loop is the same computation, digit for digit.
    shown = {
        str(s["ref"]): str(s["output"]) for s in parse_article(built_page(built_site, language, "autograd")).snippets
    }
    hand, library = shown["autograd/line_fit.py#fit"], shown["autograd/training.py#fit"]
    assert hand.count("step") == 6
    assert hand == library
