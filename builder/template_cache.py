"""Compiled Jinja templates kept for the process: MkDocs makes a new template environment for every build, which
compiles the theme's templates again (about 60 of them, a sixth of a warm rebuild). Jinja's bytecode cache keys
each template by its name and a checksum of its source, so an edited template override is compiled anew."""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecodeCache()
