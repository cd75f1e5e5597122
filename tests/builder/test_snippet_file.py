"""Mistakes in a snippet file's cell markers are reported with the file, the line and the fix."""

from __future__ import annotations

import pytest

from builder.snippet_file import SnippetError, parse_snippet


def error_of(source: str) -> str:
    with pytest.raises(SnippetError) as raised:
        parse_snippet("lesson/x.py", source)
    return str(raised.value)


def test_cells_options_and_lines() -> None:
    snippet = parse_snippet(
        "lesson/x.py",
        '"""Doc."""\n# snippet: timeout="5"\n# %% one\na = 1\n\n# %% two raises="ValueError: bad" '
        'sandbox="no: uses the RNG"\nraise ValueError("bad")\n',
    )
    one, two = snippet.cells
    assert (one.name, one.code, one.line, one.sandbox) == ("one", "a = 1", 4, True)
    assert two.raises.type_name == "ValueError"
    assert two.raises.message_start == "bad"
    assert two.sandbox_reason == "uses the RNG"
    assert snippet.timeout == 5.0
    assert not snippet.needs_cuda


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a = 1\n", "snippets/lesson/x.py:1: no cells found\n  -> start each cell with a line '# %% name'"),
        ("import torch\n# %% a\n", "snippets/lesson/x.py:1: code before the first cell would run without being shown"),
        ("# %% Bad Name\n", "snippets/lesson/x.py:1: cell name 'Bad' is missing or invalid"),
        ("# %% a\n# %% a\n", "snippets/lesson/x.py:2: cell name 'a' is used twice in this file"),
        ("# %% a colour=red\n", "x.py:1: unknown option 'colour=red'\n  -> allowed here: raises, sandbox"),
        ('# %% a raises="bad things"\n', 'raises="bad things" does not start with an exception type'),
        ('# %% a sandbox="maybe"\n', 'sandbox="maybe" is not understood\n  -> write sandbox="no: reason"'),
        ('# %% a raises="Value\n', "cannot read the options"),
        ('# %% a\n# snippet: timeout="1"\n', "'# snippet:' options must come before the first cell"),
        ('# snippet: requires="tpu"\n# %% a\n', "unknown requirement(s) ['tpu']"),
    ],
)
def test_mistakes_name_file_and_line(source: str, expected: str) -> None:
    assert expected in error_of(source)
