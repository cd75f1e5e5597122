"""The torch environment is set before torch loads, or setting it fails loudly (MKL would ignore it)."""

from __future__ import annotations

import os

import pytest
import torch

from builder.torch_env import TORCH_ENV, pin_torch_math, torch_environment


def test_the_test_process_runs_torch_pinned() -> None:
    assert torch.exp(torch.tensor(1.0)).item() > 2.7  # torch is loaded, with the pinned environment (conftest.py)
    assert all(os.environ[name] == value for name, value in TORCH_ENV.items())
    assert TORCH_ENV.items() <= torch_environment().items()


def test_pinning_after_torch_loaded_unpinned_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TORCH_ENV:
        monkeypatch.delenv(name)
    with pytest.raises(RuntimeError, match="torch was imported before"):
        pin_torch_math()
