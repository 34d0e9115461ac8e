"""When the English changes: which old translation, if any, may help with the new sentence.

``scripts/i18n.py update`` offers an old translation as a *fuzzy* suggestion only when its
English is close to the new English: most of the words the same, in the same order. A short,
unrelated string never inherits a translation (Babel's own matching, which compares characters
with a low cut-off, once offered the Spanish for "Read online" as the translation of "CHIRLA
hotline"). Readers never see fuzzy entries; translators see the suggestion and the old English.

A sentence whose English is *identical* to one translated elsewhere in the same language (it
moved from one page to another, or into an edition's own catalog) takes that translation as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

__all__ = ["THRESHOLD", "best_match", "similarity"]

#: How similar (0–1, by words) two English texts must be for one's translation to be offered as
#: a fuzzy suggestion for the other.
THRESHOLD = 0.75

_TOKEN_RE = re.compile(r"\{\d+\}|%\(\w+\)s|\w+|[^\w\s]", re.U)


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.casefold())


def similarity(a: str, b: str) -> float:
    """How alike two English texts are, by words in order (1.0 = the same words)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    words_a = [t for t in ta if t[0].isalnum()]
    words_b = [t for t in tb if t[0].isalnum()]
    # Texts of a word or two match only when those words are the same.
    if min(len(words_a), len(words_b)) < 3 and words_a != words_b:
        return 0.0
    return SequenceMatcher(None, ta, tb, autojunk=False).ratio()


def best_match(text: str, candidates: Iterable[str], threshold: float = THRESHOLD) -> str | None:
    """The candidate most like ``text`` at or above ``threshold``, or ``None``."""
    best, score = None, threshold
    for candidate in candidates:
        value = similarity(text, candidate)
        if value > score or (value == score and best is None):
            best, score = candidate, value
    return best
