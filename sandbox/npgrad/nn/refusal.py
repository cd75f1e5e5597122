"""What a name outside npgrad's torch.nn says when a program asks for it."""

from __future__ import annotations

from typing import NoReturn


def refuse(module: str, name: str) -> NoReturn:
    if name.startswith("__"):  # Python's own lookups (__path__, __wrapped__ ...) expect AttributeError
        raise AttributeError(name)
    raise NotImplementedError(f"npgrad (the in-browser stand-in for torch) does not support {module}.{name}")
