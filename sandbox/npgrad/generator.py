"""torch's CPU generator: a 32-bit Mersenne Twister seeded like C++'s ``std::mt19937(seed)``.

numpy's MT19937 with its legacy seeding runs the same recurrence from the same initial state, so its raw
stream is torch's, number for number. Besides the engine, torch's generator keeps one cached normal sample:
its Box-Muller draws give two values and the second waits for the next small ``normal_``.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from .tensor import device

_U64 = 2**64


class Generator:
    """torch.Generator for the CPU."""

    def __init__(self, device: Any = "cpu") -> None:
        if str(getattr(device, "type", device)).split(":")[0] != "cpu":
            raise RuntimeError("npgrad (the in-browser stand-in for torch) has CPU generators only")
        self._engine = np.random.MT19937(0)
        self.manual_seed(_nondeterministic_seed())

    @property
    def device(self) -> Any:
        return device("cpu")

    def manual_seed(self, seed: Any) -> Generator:
        seed = int(seed)
        if not -(2**63) <= seed < _U64:
            raise ValueError("Overflow when unpacking long long")
        self._seed = seed % _U64  # torch keeps a negative seed as its unsigned 64-bit pattern
        self._engine._legacy_seeding(self._seed & 0xFFFFFFFF)  # mt19937 takes the low 32 bits
        self.next_double_normal: float | None = None
        return self

    def initial_seed(self) -> int:
        return self._seed

    def seed(self) -> int:
        s = _nondeterministic_seed()
        self.manual_seed(s)
        return s

    def get_state(self) -> Any:
        raise NotImplementedError(
            "npgrad (the in-browser stand-in for torch) does not support torch.Generator.get_state / "
            "torch.get_rng_state; re-seed with torch.manual_seed instead"
        )

    set_state = get_state

    def random32(self, n: int) -> np.ndarray:
        """``n`` raw 32-bit outputs (as uint64), torch's ``random()``."""
        return self._engine.random_raw(n)

    def random64(self, n: int) -> np.ndarray:
        """``n`` 64-bit numbers, torch's ``random64()``: two outputs, the first one high."""
        r = self._engine.random_raw(2 * n)
        return (r[0::2] << np.uint64(32)) | r[1::2]

    def __repr__(self) -> str:
        return f"<torch._C.Generator object at {hex(id(self))}>"


def _nondeterministic_seed() -> int:
    # an unseeded torch starts from a random 64-bit seed too (torch.initial_seed() differs per process)
    return int.from_bytes(os.urandom(8), "little")


default_generator = Generator()


def resolve(generator: Generator | None) -> Generator:
    if generator is None:
        return default_generator
    if not isinstance(generator, Generator):
        raise TypeError(f"generator must be a torch.Generator, not {type(generator).__name__}")
    return generator
