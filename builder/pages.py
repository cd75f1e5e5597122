"""What one language build needs from the snippets: every reference checked, every file run (or read from the
cache), and a way to render each reference. Shared by the MkDocs hook and the tests."""

from __future__ import annotations

import atexit
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.cache import OutputCache
from builder.captures import (
    CaptureError,
    read_capture,
    refresh_command,
    shown_cells,
    stale_message,
    state_of,
)
from builder.executor import Executor, FileResult, check
from builder.figures import pages as figure_pages
from builder.figures.references import FigureReference, figures_in_folder
from builder.outcome import NOT_RUN, CellOutcome
from builder.parity import Mismatch, language_mismatches
from builder.references import Reference, find_references, references_in_folder
from builder.render import render_cell, render_failure, sources_script
from builder.snippet_file import SnippetError, SnippetFile, load_snippet
from builder.translations import LANGUAGES, languages_in

_executors: dict[Path, Executor] = {}
# The page metadata that says a page needs the browser sandbox's script: set by the hooks that render its snippet
# cells and exercises (from the page's source), read by builder.sandbox_assets.with_sandbox (the sandbox hook), so
# nothing reads it back from the HTML.
USES_SANDBOX = "uses_sandbox"
User = Reference | FigureReference  # a page line that needs a snippet file: an embedded cell, or a figure


def _figure_id(figure: FigureReference) -> tuple[str, str]:
    return figure.page, f"{figure.path}#{figure.cell} {figure.key}"


def shared_executor(cache_folder: Path) -> Executor:
    """One executor (one fork server, one torch import) per cache folder for the life of the process, so the second
    language and every live-reload rebuild reuse it."""
    if cache_folder not in _executors:
        executor = Executor(OutputCache(cache_folder))
        atexit.register(executor.close)
        _executors[cache_folder] = executor
    return _executors[cache_folder]


@dataclass
class SnippetPages:
    snippets: Path  # the snippets folder
    docs: Path  # this language's docs folder, e.g. docs/ko
    executor: Executor
    language: str
    execute: bool = True  # False: show code only (to measure what execution costs a build)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # stale GPU captures: shown, but a strict build fails
    uncaptured: list[str] = field(default_factory=list)  # CUDA files with no GPU capture yet
    files: dict[str, SnippetFile] = field(default_factory=dict)
    results: dict[str, FileResult] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)  # differences between the languages
    _failed: dict[tuple[str, str | None], str] = field(default_factory=dict)  # (file, cell|None) -> message
    figures: list[FigureReference] = field(default_factory=list)  # `{{ figure }}` lines of every language
    _figure_failed: dict[tuple[str, str], str] = field(default_factory=dict)  # (page, path#cell key) -> message

    def _check_cell_names(self, references: list[Reference]) -> None:
        """A reference to a cell its file lacks is an error, whether or not the files run."""
        for reference in references:
            used = self.files.get(reference.path)
            if used is not None and used.cell(reference.cell) is None:
                missing = SnippetError(
                    reference.where,
                    f"snippets/{reference.path} has no cell '{reference.cell}'",
                    f"cells there: {', '.join(c.name for c in used.cells)}",
                )
                self._fail(reference.path, reference.cell, missing, [])

    def prepare(self) -> None:
        """Find references in every language's pages (for 'used by' in messages), load and run what they use."""
        self.problems.clear()
        self.warnings.clear()
        self.uncaptured.clear()
        self._failed.clear()
        references = self._all_references()
        self.mismatches = language_mismatches(self.docs.parent, self._languages())
        self.problems += [str(m) for m in self.mismatches if str(m) not in self.problems]
        used_by: dict[str, list[User]] = {}
        for reference in references:
            used_by.setdefault(reference.path, []).append(reference)
        self.figures = self._all_figures()
        for figure in self.figures:  # a figure runs its file too, even where no page embeds a cell of it
            used_by.setdefault(figure.path, []).append(figure)
        self.files = {}
        for path in sorted(used_by):
            try:
                self.files[path] = load_snippet(self.snippets, path)
            except SnippetError as error:
                self._fail(path, None, error, used_by[path])
        self._check_cell_names(references)
        runnable = [f for f in self.files.values() if not f.needs_cuda]
        if not self.execute:
            self.results = {f.path: FileResult(f.path, {c.name: NOT_RUN for c in f.cells}) for f in runnable}
            self._use_captures(used_by)
            return
        self.results = self.executor.run(runnable, figure_pages.requests(self.figures))
        for snippet in runnable:
            for fault in self.results[snippet.path].faults:  # checked once, by the executor
                self._fail(snippet.path, fault.cell, fault, used_by[snippet.path])
        self._use_captures(used_by)
        self._check_figures()

    def _all_figures(self) -> list[FigureReference]:
        figures: list[FigureReference] = []
        self._figure_failed.clear()
        for folder in sorted(p for p in self.docs.parent.iterdir() if p.name in LANGUAGES):
            try:
                figures += figures_in_folder(folder, f"docs/{folder.name}")
            except SnippetError as error:
                self.problems.append(str(error))
        return figures

    def _check_figures(self) -> None:
        for figure in self.figures:
            snippet = self.files.get(figure.path)
            if snippet is None:
                continue  # the file itself is missing or broken: reported with its users
            error = figure_pages.problem(figure, snippet, self.results.get(figure.path))
            if error is not None:
                self.problems.append(str(error))
                self._figure_failed[_figure_id(figure)] = str(error)

    def figure_data(self, figure: FigureReference) -> dict[str, Any] | str:
        """A figure's data, or the message saying why it cannot be drawn."""
        # by page and content, not line: MkDocs hands pages over without their front matter
        if _figure_id(figure) in self._figure_failed:
            return self._figure_failed[_figure_id(figure)]
        if figure.path in self.files and figure.path in self.results:
            outcome = self.results[figure.path].cells.get(figure.cell)
            if outcome is not None and outcome.figures is not None and figure.key in outcome.figures:
                return outcome.figures[figure.key]
        failed = self._failed.get((figure.path, None)) or self._failed.get((figure.path, figure.cell))
        return failed or f"{figure.where}: snippets/{figure.path}#{figure.cell} did not run, so it has no figure"

    def _use_captures(self, used_by: dict[str, list[User]]) -> None:
        """CUDA files never run here: their outcomes come from the capture committed beside them."""
        for snippet in (f for f in self.files.values() if f.needs_cuda):
            users = f"\n  used by: {', '.join(r.where for r in used_by[snippet.path])}"
            try:
                capture = read_capture(self.snippets, snippet.path)
            except CaptureError as error:
                hint = f"capture it again on a machine with an NVIDIA GPU: {refresh_command(snippet.path)}"
                self._fail(snippet.path, None, SnippetError(error.location, error.message, hint), used_by[snippet.path])
                continue
            self.results[snippet.path] = FileResult(snippet.path, shown_cells(snippet, capture), from_cache=True)
            if capture is None:
                self.uncaptured.append(f"snippets/{snippet.path}: not yet captured on a GPU{users}")
            elif state_of(capture, snippet) == "stale":
                self.warnings.append(stale_message(snippet, capture) + users)
            else:  # a fresh capture is checked like a run: declared errors must be there, no others
                for fault in check(snippet, FileResult(snippet.path, capture.cells)):
                    self._fail(snippet.path, fault.cell, fault, used_by[snippet.path])

    def _languages(self) -> tuple[str, ...]:
        """The language folders beside this one, this site's default language first."""
        return languages_in(self.docs.parent)

    def _all_references(self) -> list[Reference]:
        references = []
        for folder in (self.docs.parent / language for language in self._languages()):
            try:
                references += references_in_folder(folder, f"docs/{folder.name}")
            except SnippetError as error:
                self.problems.append(str(error))
        return references

    def _fail(self, path: str, cell: str | None, error: SnippetError, used_by: list[User]) -> None:
        message = str(error)
        if cell is not None:  # a fault of one cell concerns the pages that show that cell, not the whole file
            used_by = [r for r in used_by if r.cell == cell]
        if used_by:
            message += f"\n  used by: {', '.join(r.where for r in used_by)}"
        self.problems.append(message)
        self._failed[(path, cell)] = message

    def outcome(self, reference: Reference) -> tuple[SnippetFile, CellOutcome] | str:
        """The snippet and the cell's outcome, or the message saying why it cannot be shown."""
        for key in ((reference.path, None), (reference.path, reference.cell)):
            if key in self._failed:
                return self._failed[key]
        snippet = self.files[reference.path]
        result = self.results[reference.path]
        if reference.cell not in result.cells:
            stopped = self._stopped_at(reference.path)
            return f"snippets/{reference.path}: cell '{reference.cell}' did not run, because cell '{stopped}' failed"
        return snippet, result.cells[reference.cell]

    def _stopped_at(self, path: str) -> str:
        """The cell whose unexpected error stopped a file's run."""
        cells = self.results[path].cells
        stopped = (
            c.name for c in self.files[path].cells if c.raises is None and c.name in cells and cells[c.name].error
        )
        return next(stopped, "?")

    def _did_not_run(self, reference: Reference) -> bool:
        result = self.results.get(reference.path)
        failed = (reference.path, None) in self._failed or (reference.path, reference.cell) in self._failed
        return not failed and result is not None and reference.cell not in result.cells

    def with_figures(self, markdown: str, page: str) -> str:
        """The page with only its figure lines replaced by their drawings (for the companion notebook)."""
        lines = markdown.split("\n")
        figure_pages.render_figures(lines, markdown, page, self.figure_data, self.language, self._failure_box)
        return "\n".join(lines)

    def _failure_box(self, message: str, indent: str) -> str:
        return render_failure(message, self.language, indent)

    def uses_sandbox(self, markdown: str, page: str) -> bool:
        """Whether the page shows snippet cells (runnable or not: one that cannot run says why in the browser)."""
        try:
            return bool(find_references(markdown, page))
        except SnippetError:
            return False

    def render_page(self, markdown: str, page: str) -> str:
        try:
            references = find_references(markdown, page)
        except SnippetError as error:
            return render_failure(str(error), self.language) + "\n\n" + markdown
        lines = markdown.split("\n")
        used: dict[str, SnippetFile] = {}
        not_run: dict[str, list[Reference]] = {}  # file -> this page's references to cells that did not run
        for reference in references:
            found = self.outcome(reference)
            if self._did_not_run(reference):
                not_run.setdefault(reference.path, []).append(reference)
                text = ""  # one box, at the first of them, names them all
            elif isinstance(found, str):
                text = render_failure(found, self.language, reference.indent)
            else:
                snippet, outcome = found
                cell = snippet.cell(reference.cell)
                assert cell is not None, "outcome() reports a reference to a missing cell as a failure"
                text = render_cell(snippet, cell, outcome, self.language, reference.indent)
                used[snippet.path] = snippet
            lines[reference.line - 1] = text
        for path, skipped in not_run.items():
            names = ", ".join(f"'{cell}'" for cell in dict.fromkeys(r.cell for r in skipped))
            message = f"snippets/{path}: cell(s) {names} did not run, because cell '{self._stopped_at(path)}' failed"
            lines[skipped[0].line - 1] = render_failure(message, self.language, skipped[0].indent)
        boxes = [render_failure(str(m), self.language, mismatch=True) for m in self.mismatches if page in m.pages]
        if self.execute:
            figure_pages.render_figures(lines, markdown, page, self.figure_data, self.language, self._failure_box)
        else:  # nothing ran, so there is nothing to draw
            figure_pages.render_figures(lines, markdown, page, lambda _: None, self.language, self._failure_box)
        if used:
            lines += ["", sources_script(used)]
        return "\n\n".join([*boxes, "\n".join(lines)])
