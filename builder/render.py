"""Turn an executed cell into the Markdown a page shows: its code, then what it printed."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from builder.snippet_file import Cell, SnippetFile

LABELS = {
    "ko": {"output": "출력", "error": "출력 (의도된 오류)", "failed": "스니펫 오류"},
    "en": {"output": "Output", "error": "Output (expected error)", "failed": "Snippet error"},
}


def labels(language: str) -> dict[str, str]:
    if language not in LABELS:
        raise ValueError(f"no snippet labels for language {language!r}; add them to builder/render.py LABELS")
    return LABELS[language]


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _indent(text: str, indent: str) -> str:
    return "\n".join(indent + line if line else line for line in text.split("\n"))


def shown_output(outcome: dict[str, Any]) -> str:
    """What a reader sees under the code: the printed text, then the error's last line if it raised."""
    text = outcome["output"]
    if outcome["error"] is not None:
        text += outcome["error"]["last_line"] + "\n"
    return text


def render_cell(snippet: SnippetFile, cell: Cell, outcome: dict[str, Any], language: str, indent: str = "") -> str:
    words = labels(language)
    attributes = f'class="snippet" data-snippet="{snippet.path}#{cell.name}"'
    if cell.sandbox:
        attributes += ' data-sandbox="yes"'
    else:
        attributes += f' data-sandbox="no" data-sandbox-reason="{html.escape(cell.sandbox_reason or "")}"'
    parts = [f"<div {attributes} markdown>", "", f"{_fence(cell.code)}python", cell.code, _fence(cell.code), ""]
    output = shown_output(outcome).rstrip("\n")
    if output:
        failed = outcome["error"] is not None
        title = words["error"] if failed else words["output"]
        kind = "snippet-output snippet-error" if failed else "snippet-output"
        fence = _fence(output)
        parts += [f'{fence}{{ .text .{kind.replace(" ", " .")} title="{title}" }}', output, fence, ""]
    parts.append("</div>")
    return _indent("\n".join(parts), indent)


def render_failure(message: str, language: str, indent: str = "") -> str:
    """Shown in place of a cell that could not be rendered; the build also logs it as an error."""
    body = "\n".join("    " + line for line in html.escape(message, quote=False).splitlines())
    return _indent(f'!!! failure "{labels(language)["failed"]}"\n\n    <pre>\n{body}\n    </pre>\n', indent)


def sources_script(files: dict[str, tuple[SnippetFile, dict[str, dict[str, Any]]]]) -> str:
    """Every cell of every snippet file a page uses, so the browser sandbox can rebuild a cell's state."""
    data = {
        path: [
            {
                "name": cell.name,
                "code": cell.code,
                "sandbox": cell.sandbox,
                "output": shown_output(outcomes[cell.name]) if cell.name in outcomes else None,
            }
            for cell in snippet.cells
        ]
        for path, (snippet, outcomes) in files.items()
    }
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="snippet-sources">{payload}</script>'
