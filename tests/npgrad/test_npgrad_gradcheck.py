"""npgrad's backward rules agree with finite differences (float64)."""

from gradcheck_cases import CASES, check_all

import npgrad


def test_every_case_matches_finite_differences() -> None:
    assert not check_all(npgrad)


def test_the_check_can_fail() -> None:
    """A wrong backward rule must be caught: break one and run the check."""
    from npgrad.ops import pointwise

    original = pointwise.SinBackward0.apply
    pointwise.SinBackward0.apply = lambda self, g: (g * 0.5,)
    try:
        failures = check_all(npgrad)
    finally:
        pointwise.SinBackward0.apply = original
    assert any(f.startswith("trig") for f in failures)


def test_cases_cover_the_ops() -> None:
    assert len(CASES) >= 25
