"""Turn an executed cell into the Markdown a page shows: its code, then what it printed."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from builder.captures import refresh_command
from builder.outcome import CellOutcome
from builder.snippet_file import Cell, SnippetFile
from builder.translations import texts


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _indent(text: str, indent: str) -> str:
    return "\n".join(indent + line if line else line for line in text.split("\n"))


def render_cell(snippet: SnippetFile, cell: Cell, outcome: CellOutcome, language: str, indent: str = "") -> str:
    say = texts(language)
    attributes = f'class="snippet" data-snippet="{snippet.path}#{cell.name}"'
    if cell.sandbox:
        attributes += ' data-sandbox="yes"'
    else:
        attributes += f' data-sandbox="no" data-sandbox-reason="{html.escape(cell.sandbox_reason or "")}"'
    parts = [f"<div {attributes} markdown>", "", f"{_fence(cell.code)}python", cell.code, _fence(cell.code), ""]
    capture = outcome.capture
    output = outcome.shown().rstrip("\n")
    if output:
        failed = outcome.error is not None
        title = say("snippet.error") if failed else say("snippet.output")
        kind = "snippet-output snippet-error" if failed else "snippet-output"
        fence = _fence(output)
        parts += [f'{fence}{{ .text .{kind.replace(" ", " .")} title="{title}" }}', output, fence, ""]
    if capture is not None:
        parts += capture_notes(snippet, capture, language)
    parts.append("</div>")
    return _indent("\n".join(parts), indent)


def capture_notes(snippet: SnippetFile, capture: dict[str, Any], language: str) -> list[str]:
    """Lines under a CUDA cell: the provenance badge of its capture, a warning if stale, a notice if missing."""
    say = texts(language)
    if capture["state"] == "missing":
        return [f'??? info "{say("capture.missing")}"', "", "    " + say("capture.missing_body"), ""]
    provenance = capture["provenance"]
    year, month, day = (int(part) for part in provenance.date.split("-"))
    date = say("capture.date", year=year, day=day, month_name=say.sequence("capture.months")[month - 1])
    text = say("capture.captured", gpu=provenance.gpu, torch=provenance.torch, date=date)
    details = say("capture.details", **vars(provenance))
    kind = "snippet-capture snippet-capture-stale" if capture["state"] == "stale" else "snippet-capture"
    lines = [
        f'<p class="{kind}"><span class="md-tag" title="{html.escape(details)}">{html.escape(text)}</span></p>',
        "",
    ]
    if capture["state"] == "stale":
        body = say("capture.stale_body", command=refresh_command(snippet.path))
        lines += [f'!!! warning "{say("capture.stale")}"', "", "    " + body, ""]
    return lines


def render_failure(message: str, language: str, indent: str = "", mismatch: bool = False) -> str:
    """Shown in place of a cell that could not be rendered (or, with `mismatch`, atop a page that differs from its
    other language); the build also logs it as an error."""
    say = texts(language)
    title = say("snippet.mismatch") if mismatch else say("snippet.failed")
    body = "\n".join("    " + line for line in html.escape(message, quote=False).splitlines())
    return _indent(f'!!! failure "{title}"\n\n    <pre>\n{body}\n    </pre>\n', indent)


def sources_script(files: dict[str, SnippetFile]) -> str:
    """Every cell of every snippet file a page uses (its code, and whether it runs in the browser), so the browser
    sandbox can rebuild a cell's state. Not its output: the page shows that, and the sandbox reads it there."""
    data = {
        path: [
            {
                "name": cell.name,
                "code": cell.code,
                "sandbox": cell.sandbox,
            }
            for cell in snippet.cells
        ]
        for path, snippet in files.items()
    }
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="snippet-sources">{payload}</script>'
