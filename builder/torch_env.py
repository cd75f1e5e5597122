"""The environment of every process in which the project runs torch: the build's fork server, the exercises'
torch run and the test suite.

torch's float32 exp, log, sin, cos, tanh and sqrt on the CPU call MKL's vector math, and MKL picks its code path by
the CPU it finds, with results that differ in the last bit from path to path. On an Intel CPU with AVX-512,
torch.exp of 100,000 float32 values uniform in [-20, 20] differs from the SSE4.2 path's result in 1.7 % of them
(4.3 % with MKL held to its AVX2 path); 0.1 % of them print a different last digit. Held to the SSE4.2 path, which
npgrad's exp follows bit for bit (sandbox/npgrad/mkl_math.py) and which earlier machines of this project gave
without being asked, a build's digits no longer depend on the vector width of the CPU it runs on, and npgrad can be
checked against torch on any of them. (Whether every CPU maker's MKL path then agrees in every op is not known: the
float64 tanh of npgrad/fidelity.py printed differently on an earlier machine and does not on an AVX-512 one.)
"""

from __future__ import annotations

import os
import sys

TORCH_ENV = {"MKL_ENABLE_INSTRUCTIONS": "SSE4_2"}


def torch_environment() -> dict[str, str]:
    """This process's environment with TORCH_ENV set: for a subprocess that imports torch."""
    return {**os.environ, **TORCH_ENV}


def pin_torch_math() -> None:
    """Set TORCH_ENV in this process, which must not have imported torch yet: MKL reads it when it is loaded."""
    unset = {name for name, value in TORCH_ENV.items() if os.environ.get(name) != value}
    if unset and "torch" in sys.modules:
        raise RuntimeError(f"torch was imported before {sorted(unset)} were set (builder/torch_env.py)")
    os.environ.update(TORCH_ENV)
