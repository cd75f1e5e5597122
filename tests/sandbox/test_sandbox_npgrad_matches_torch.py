"""Every snippet cell marked as sandbox-compatible prints, under npgrad in Pyodide (the browser's engine, run here
in Node), the same text that real torch printed for the build. Cells marked sandbox="no", and files that need CUDA,
are listed with their reasons."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from sandbox_helpers import ROOT

from builder import sandbox_assets
from builder.cache import cache_folder
from builder.pages import shared_executor
from builder.render import shown_output
from builder.snippet_file import load_snippet

SNIPPETS = ROOT / "snippets"


def test_sandbox_cells_print_what_torch_printed(tmp_path: Path) -> None:
    files = [load_snippet(SNIPPETS, p.relative_to(SNIPPETS).as_posix()) for p in sorted(SNIPPETS.rglob("*.py"))]
    incompatible = [
        (f"{f.path}#{c.name}", "needs CUDA" if f.needs_cuda else c.sandbox_reason)
        for f in files
        for c in f.cells
        if f.needs_cuda or not c.sandbox
    ]
    checked = [f for f in files if not f.needs_cuda]
    torch_results = shared_executor(cache_folder(ROOT)).run(checked)  # the build's outputs, from its cache

    engine = tmp_path / "npgrad.zip"
    sandbox_assets.engine_zip(ROOT / sandbox_assets.ENGINE_PACKAGE, engine)
    request = {
        "engineZip": str(engine),
        "files": {f.path: [{"name": c.name, "code": c.code, "sandbox": c.sandbox} for c in f.cells] for f in checked},
    }
    done = subprocess.run(
        ["node", str(Path(__file__).with_name("run_cells.mjs"))],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    npgrad_results = json.loads(done.stdout)

    print(f"\nsandbox-incompatible cells ({len(incompatible)}):")
    for name, reason in incompatible:
        print(f"  {name}: {reason}")
    mismatches = []
    compared = 0
    for snippet in checked:
        torch_cells = torch_results[snippet.path].cells
        for cell in snippet.cells:
            if not cell.sandbox or cell.name not in torch_cells:
                continue
            expected = shown_output(torch_cells[cell.name])
            got = npgrad_results[snippet.path][cell.name]
            # the error's last line as the build shows torch's: stripped (torch's own messages may end in a space)
            text = got["output"] + (got["error"].rstrip().splitlines()[-1].strip() + "\n" if got["error"] else "")
            compared += 1
            if text != expected:
                mismatches.append(f"snippets/{snippet.path}#{cell.name}\n--- torch\n{expected}--- npgrad\n{text}")
    assert compared > 0
    assert not mismatches, (
        f"{len(mismatches)} of {compared} sandbox cells print differently under npgrad (fix npgrad, or mark the "
        f'cell sandbox="no: reason"):\n\n' + "\n".join(mismatches)
    )
