"""The errors npgrad raises for torch features outside its subset: they name the feature, so a reader
knows it is the sandbox's limit and not a bug in their code."""

from __future__ import annotations

PREFIX = "npgrad (the in-browser stand-in for torch) does not support "


class NotSupportedError(NotImplementedError):
    """A torch feature that npgrad leaves out."""


class MissingAttributeError(NotSupportedError, AttributeError):
    """An attribute torch has and npgrad lacks: ``hasattr`` and ``getattr(obj, name, default)`` still work."""


def not_supported(feature: str, hint: str = "") -> NotSupportedError:
    return NotSupportedError(PREFIX + feature + (f"; {hint}" if hint else ""))


def missing_attribute(feature: str) -> MissingAttributeError:
    return MissingAttributeError(PREFIX + feature)
