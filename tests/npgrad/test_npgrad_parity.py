"""Every corpus program prints the same text under torch and under npgrad, cell by cell."""

from __future__ import annotations

import pytest
import torch
from corpus_runner import run_cells
from programs import compare, corpus_programs

import npgrad

torch.set_num_threads(1)

PROGRAMS = corpus_programs()


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_same_output_as_torch(program) -> None:
    reference = run_cells(program.cells, torch, program.name)
    results = run_cells(program.cells, npgrad, program.name)
    problems = compare(reference, results)
    assert not problems, "\n".join(problems)


def test_corpus_exists_without_snippets() -> None:
    names = [p.name for p in PROGRAMS if p.name.startswith("corpus/")]
    assert len(names) >= 5, names
