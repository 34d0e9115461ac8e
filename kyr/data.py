"""Data files under ``data/``: their schemas and which of their fields readers see."""

from __future__ import annotations

__all__ = ["translatable_keys"]

# File name -> keys whose string values are shown to readers (and so are translated).
_TRANSLATABLE: dict[str, frozenset[str]] = {}


def translatable_keys(name: str) -> frozenset[str]:
    """The translatable keys of the data file called ``name`` (none if it has no schema)."""
    return _TRANSLATABLE.get(name, frozenset())
