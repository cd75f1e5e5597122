"""The process-wide memo: what is put is got back, and past its limit everything earlier is forgotten at once."""

from __future__ import annotations

from builder.process_memo import ProcessMemo


def test_kept_until_the_limit_then_forgotten_at_once() -> None:
    memo: ProcessMemo[str, int] = ProcessMemo(limit=2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert (memo.get("a"), memo.get("b"), "b" in memo, memo.get("c")) == (1, 2, True, None)
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c")) == (None, None, 3)
