"""Turn an executed cell into the Markdown a page shows: its code, then what it printed."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from builder.captures import refresh_command
from builder.outcome import CellOutcome
from builder.snippet_file import Cell, SnippetFile

LABELS = {
    "ko": {"output": "출력", "error": "출력 (의도된 오류)", "failed": "스니펫 오류", "mismatch": "언어 간 불일치"},
    "en": {
        "output": "Output",
        "error": "Output (expected error)",
        "failed": "Snippet error",
        "mismatch": "Languages differ",
    },
}
# Texts around an output captured on a GPU (builder/captures.py); {placeholders} are filled in by capture_notes().
CAPTURE_LABELS = {
    "ko": {
        "captured": "{gpu}에서 캡처 · torch {torch} · {date}",
        "details": "드라이버 {driver} · CUDA {cuda} · Python {python} · {captured_at}",
        "date": "{year}년 {month}월 {day}일",
        "stale": "오래된 캡처",
        "stale_body": "이 출력은 코드가 바뀌기 전에 캡처한 것이라 위 코드의 결과와 다를 수 있습니다. "
        "GPU가 있는 컴퓨터에서 `{command}`로 다시 캡처하세요.",
        "missing": "아직 GPU에서 캡처하지 않았습니다",
        "missing_body": "이 코드는 CUDA GPU가 있어야 실행됩니다. 이 사이트를 만드는 컴퓨터에는 GPU가 없어 "
        "여기서 실행하지 않았고, GPU에서 캡처한 출력도 아직 없습니다. 출력을 지어낼 수는 없으니 비워 둡니다.",
    },
    "en": {
        "captured": "Captured on {gpu} · torch {torch} · {date}",
        "details": "driver {driver} · CUDA {cuda} · Python {python} · {captured_at}",
        "date": "{month_name} {day}, {year}",
        "stale": "Stale capture",
        "stale_body": "This output was captured before the code last changed, so it may not match the code above. "
        "Refresh it on a machine with an NVIDIA GPU: `{command}`.",
        "missing": "Not yet captured on a GPU",
        "missing_body": "This code needs a CUDA GPU. The machine that builds this site has none, so the code "
        "did not run here, and no output captured on a GPU has been committed yet. The output is left empty "
        "rather than made up.",
    },
}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def labels(language: str) -> dict[str, str]:
    if language not in LABELS:
        raise ValueError(f"no snippet labels for language {language!r}; add them to builder/render.py LABELS")
    return LABELS[language]


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _indent(text: str, indent: str) -> str:
    return "\n".join(indent + line if line else line for line in text.split("\n"))


def render_cell(snippet: SnippetFile, cell: Cell, outcome: CellOutcome, language: str, indent: str = "") -> str:
    words = labels(language)
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
        title = words["error"] if failed else words["output"]
        kind = "snippet-output snippet-error" if failed else "snippet-output"
        fence = _fence(output)
        parts += [f'{fence}{{ .text .{kind.replace(" ", " .")} title="{title}" }}', output, fence, ""]
    if capture is not None:
        parts += capture_notes(snippet, capture, language)
    parts.append("</div>")
    return _indent("\n".join(parts), indent)


def capture_notes(snippet: SnippetFile, capture: dict[str, Any], language: str) -> list[str]:
    """Lines under a CUDA cell: the provenance badge of its capture, a warning if stale, a notice if missing."""
    words = CAPTURE_LABELS[language]
    if capture["state"] == "missing":
        return [f'??? info "{words["missing"]}"', "", "    " + words["missing_body"], ""]
    provenance = capture["provenance"]
    year, month, day = (int(part) for part in provenance.date.split("-"))
    date = words["date"].format(year=year, month=month, day=day, month_name=MONTHS[month - 1])
    text = words["captured"].format(gpu=provenance.gpu, torch=provenance.torch, date=date)
    details = words["details"].format(**vars(provenance))
    kind = "snippet-capture snippet-capture-stale" if capture["state"] == "stale" else "snippet-capture"
    lines = [
        f'<p class="{kind}"><span class="md-tag" title="{html.escape(details)}">{html.escape(text)}</span></p>',
        "",
    ]
    if capture["state"] == "stale":
        body = words["stale_body"].format(command=refresh_command(snippet.path))
        lines += [f'!!! warning "{words["stale"]}"', "", "    " + body, ""]
    return lines


def render_failure(message: str, language: str, indent: str = "", title: str = "failed") -> str:
    """Shown in place of a cell that could not be rendered (or, titled "mismatch", atop a page that differs from
    its other language); the build also logs it as an error."""
    body = "\n".join("    " + line for line in html.escape(message, quote=False).splitlines())
    return _indent(f'!!! failure "{labels(language)[title]}"\n\n    <pre>\n{body}\n    </pre>\n', indent)


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
