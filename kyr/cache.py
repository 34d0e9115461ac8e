"""A small on-disk cache for results that depend only on file contents.

Keys are hashes of every input (file bytes, the code that computes the result); values are
JSON. Writes are atomic, so parallel language builds can share the cache. Deleting
``.cache/`` is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["JsonCache", "code_hash", "digest"]


def digest(parts: Iterable[bytes | str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


#: Libraries whose versions change cached results (plural rules, parsing, PDF output).
_LIBRARIES = ("babel", "markdown", "mkdocs", "mkdocs-material", "weasyprint", "segno", "pyyaml")


@lru_cache(maxsize=None)
def code_hash() -> str:
    """A hash of the kit's code and templates and of the libraries it relies on.

    Any change to ``kyr/`` invalidates every cached result: a cache key never has to know which
    modules a result depends on (a forgotten one would serve stale, possibly unsafe, results).
    """
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).parent
    parts: list[bytes | str] = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js") and "__pycache__" not in path.parts:
            parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    for name in _LIBRARIES:
        try:
            parts.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} missing")
    return digest(parts)


class JsonCache:
    """``cache.get(key, compute)``: the stored value for ``key``, or ``compute()`` stored."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        path = self.folder / key[:2] / f"{key}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        value = compute()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(value, f, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only checkout still builds, just without the cache
        return value
