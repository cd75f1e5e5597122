"""The exercises' checker: runs a reader's code on an exercise's cases and says what is wrong, or that it is right.

Standard library only, and engine-agnostic: the build runs it with real torch (to prove each reference solution
passes and each declared wrong answer fails for its declared reason), the browser with npgrad standing in for
torch. Values cross between them as JSON (values.py), so both sides compare the same descriptions.
"""

from exercise_check.check import REASONS, browser_check, check
from exercise_check.values import decode, encode

__all__ = ["REASONS", "browser_check", "check", "decode", "encode"]
