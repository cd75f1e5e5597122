"""Beginner-style code prints what torch prints, or npgrad says clearly what it leaves out: no silent
difference and no raw crash. ``python tests/npgrad/beginner_corpus.py`` prints the whole report."""

from __future__ import annotations

import torch
from beginner_corpus import Report, classify, run, segments

import npgrad

torch.set_num_threads(1)


def test_no_silent_difference_and_no_raw_crash() -> None:
    report = run(torch, npgrad)
    print(report.text())
    assert not report.silent, report.text()
    assert not report.crashed, report.text()


def test_the_corpus_is_large_enough() -> None:
    # with the parity corpus (tests/npgrad/corpus) this makes at least 150 segments
    assert len(segments()) >= 75


def test_the_classification_can_fail() -> None:
    report = Report()
    classify("a", {"output": "1\n", "error": None}, {"output": "2\n", "error": None}, report)
    classify("b", {"output": "", "error": None}, {"output": "", "error": "TypeError: 'NoneType'"}, report)
    classify("c", {"output": "", "error": None}, {"output": "", "error": "NotSupportedError: npgrad (...)"}, report)
    # a difference where the sandbox says the digits may differ (npgrad/fidelity.py) is not silent
    classify("d", {"output": "1\n", "error": None}, {"output": "2\n", "error": None, "inexact": ["x"]}, report)
    assert [len(report.silent), len(report.crashed), len(report.refused), len(report.noticed)] == [1, 1, 1, 1]
