"""Results kept for the life of a process, as the live preview's rebuilds and the builds of both languages reuse
them (search sections of a page, highlighted code blocks): up to a limit, past which all are forgotten at once, so
that a long preview session does not keep the pages of every earlier edit."""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ProcessMemo(Generic[K, V]):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._kept: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self._kept.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._kept

    def put(self, key: K, value: V) -> None:
        if len(self._kept) >= self.limit:
            self._kept.clear()
        self._kept[key] = value
