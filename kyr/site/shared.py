"""Work shared across the languages of a build, and across builds, without changing a byte of
output.

Each language is a full MkDocs build; most of its time is its own pages. Two costs are the same
for every language, or for every build, and are paid once here:

- **the theme's file list.** MkDocs lists every file of the theme for every build (Material
  ships tens of thousands of icons) to find the assets to copy. The list depends only on the
  theme folders and their settings, so the root build lists them once, before the language
  builds are forked, and every language uses that list (:func:`share_theme_files`).
- **jieba's dictionary.** Material's search splits Chinese text into words with jieba, which
  loads a 350,000-word table per process (about half a second) to look up a few thousand
  strings. :class:`LearnedFrequencies` answers jieba's lookups from the answers the full table
  gave in earlier builds, stored in ``.cache/``, and loads the full table only for a string it
  has never been asked about, so the words found are exactly those of the full table.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.kyr")

__all__ = ["LearnedFrequencies", "share_theme_files", "use_learned_jieba", "save_learned_jieba"]


# -- The theme's files ------------------------------------------------------------------------


def share_theme_files(config: Any, store: dict[tuple[str, ...], list[str]]) -> None:
    """Make this build's theme list its templates through ``store`` (one list per theme setup).

    ``store`` belongs to the run, so the list made by the root build before it forks is the one
    every language build uses; it never outlives the run.
    """
    theme = config.theme
    key = (*theme.dirs, "|", *sorted(theme.static_templates))
    original = theme.get_env

    def get_env() -> Any:
        env = original()
        list_templates = env.list_templates

        def listed(extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
            if extensions is not None or filter_func is None:
                return list_templates(extensions, filter_func)
            found = store.get(key)
            if found is None:
                found = store[key] = list_templates(filter_func=filter_func)
            return list(found)

        env.list_templates = listed  # this environment only
        return env

    theme.get_env = get_env


# -- jieba ------------------------------------------------------------------------------------

_ABSENT = -1


class LearnedFrequencies:
    """jieba's word-frequency table (``Tokenizer.FREQ``), answered from earlier answers.

    Stores, for every string jieba looked up, its frequency or that it is absent (``-1``); a
    string never asked about is looked up in the full table, loaded at most once.
    """

    def __init__(self, known: dict[str, int], load_full: Callable[[], dict[str, int]]) -> None:
        self.known = known
        self.total = 0
        """jieba's sum of frequencies (0 until known)."""
        self.learned = 0
        self._load_full = load_full
        self._full: dict[str, int] | None = None

    def _lookup(self, key: str) -> int:
        value = self.known.get(key)
        if value is None:
            if self._full is None:
                self._full = self._load_full()
            value = self._full.get(key, _ABSENT)
            self.known[key] = value
            self.learned += 1
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) != _ABSENT

    def __getitem__(self, key: str) -> int:
        value = self._lookup(key)
        if value == _ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self._lookup(key)
        return default if value == _ABSENT else value


def _cache_file(cache_dir: Path, language_code: str) -> Path | None:
    try:
        from importlib.metadata import version

        import jieba  # noqa: F401 - only when Material's search would use it
    except ImportError:
        return None
    # The default dictionary ships with jieba: its version names the table.
    return cache_dir / f"{language_code}-jieba-{version('jieba')}.json"


def use_learned_jieba(cache_dir: Path, language_code: str) -> LearnedFrequencies | None:
    """Point jieba's default tokenizer at a learned table for this language's build.

    Returns ``None`` (jieba left as it is) when jieba is missing or already set up otherwise
    (a custom dictionary).
    """
    path = _cache_file(cache_dir, language_code)
    if path is None:
        return None
    import jieba

    tokenizer = jieba.dt
    ours = isinstance(tokenizer.FREQ, LearnedFrequencies)  # a build before this one, or a fork's parent
    if (tokenizer.initialized and not ours) or tokenizer.dictionary != jieba.DEFAULT_DICT:
        return None

    def load_full() -> dict[str, int]:
        full = jieba.Tokenizer()
        full.initialize()
        # jieba reads ``total`` only when it scores a cut, after its first lookup brought us here.
        tokenizer.total = frequencies.total = full.total
        return full.FREQ

    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        known, total = dict(stored["known"]), int(stored["total"])
    except (OSError, ValueError, KeyError, TypeError):
        known, total = {}, 0
    frequencies = LearnedFrequencies(known, load_full)
    frequencies.total = total
    tokenizer.FREQ = frequencies
    tokenizer.total = total
    tokenizer.initialized = True
    return frequencies


def save_learned_jieba(cache_dir: Path, language_code: str, frequencies: LearnedFrequencies | None) -> None:
    """Store what jieba looked up (if anything new), and give jieba back its own table."""
    if frequencies is None:
        return
    import jieba

    tokenizer = jieba.dt
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, 0, False
    path = _cache_file(cache_dir, language_code)
    if path is None or not frequencies.learned or not frequencies.total:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"total": frequencies.total, "known": frequencies.known}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, path)
