"""Language of parts: English inside a translated text is marked as English (WCAG 3.1.2).

Translators keep some English on purpose: the sentences to say to an officer, form names,
organisation names. A screen reader must read those with an English voice, and in a
right-to-left page an English phrase must stay one left-to-right run when the line wraps. The
kit finds them at build time, without asking translators for markup:

- in a language written in another script (Chinese, Korean, Arabic, Russian, Hindi...), every
  run of Latin-script words;
- in a language written in Latin script (Spanish, Tagalog, Vietnamese...), every phrase the
  English source puts in quotes that the translation keeps as it is.

Each is wrapped in ``<span class="kyr-en" lang="en" dir="ltr">`` (the class tells it from an
untranslated segment); ``dir`` isolates it from the text around it (HTML's ``[dir] {
unicode-bidi: isolate }``). Text already marked with a language (the officer
card, English fallbacks, language names) and code are left alone. Pure functions: the pages
and the printouts use the same ones.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from kyr.languages import Language

__all__ = ["EnglishMarker", "english_phrases", "mark_html", "mark_text", "project_phrases", "writes_latin"]

#: The span that marks English.
OPEN = '<span class="kyr-en" lang="en" dir="ltr">'
CLOSE = "</span>"

_QUOTED_RE = re.compile(r'"([^"\n]{2,200})"|\u201c([^\u201d\n]{2,200})\u201d')
# A run of Latin-script words: letters (with accents), digits and the punctuation inside names
# ("I-205", "A-number", "U.S.", "Stand Together"), at least one Latin letter.
_WORD = (
    r"(?:[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff](?:[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff'\u2019.&/:_#?=%+@~-]*"
    r"[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff])?|§§?)"
)
_LATIN_RUN_RE = re.compile(rf"{_WORD}(?:[.,;:!?]?[ \u00a0]{_WORD})*(?P<end>[.!?]+(?![0-9A-Za-z]))?")
_HAS_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")

# Elements whose text is never marked: code, scripts, and what is not text.
_SKIP = frozenset({"code", "pre", "kbd", "samp", "script", "style", "svg", "textarea", "title", "option", "math"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr", "path", "circle", "rect", "line", "polyline", "polygon", "use"})
_TAG_RE = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_TAG_NAME_RE = re.compile(r"^</?\s*([A-Za-z][\w:-]*)")


def writes_latin(language: Language) -> bool:
    """Whether a language is written in Latin script (CLDR's likely script)."""
    return language.script == "Latn"


def english_phrases(english: str) -> set[str]:
    """The phrases an English text puts in quotes (what readers may say or see in English)."""
    out = set()
    for m in _QUOTED_RE.finditer(english):
        phrase = " ".join((m.group(1) or m.group(2)).split()).strip(" ,.;:")
        if _HAS_LETTER_RE.search(phrase) and len(phrase) >= 3:
            out.add(phrase)
    return out


def project_phrases(markdown_dirs: Iterable[Path], data_files: Iterable[Path]) -> frozenset[str]:
    """Every phrase the English of a project quotes: in its pages (front matter aside) and in
    the text values of its data files."""
    found: set[str] = set()
    for folder in markdown_dirs:
        for path in sorted(Path(folder).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---"):
                parts = text.split("\n---", 1)
                text = parts[1] if len(parts) == 2 else text
            found |= english_phrases(text)
    for path in data_files:
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue  # the data loader reports broken files
        for value in _strings(loaded):
            found |= english_phrases(value)
    return frozenset(found)


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class EnglishMarker:
    """Marks the English in the text of one language's pages, compiled once per build.

    ``latin``: the language is written in Latin script (then only ``phrases`` are marked);
    ``phrases`` are marked where they stand as whole words; ``not_english`` are never marked
    (``notario`` is Spanish).
    """

    def __init__(self, *, latin: bool, phrases: Iterable[str] = (), not_english: Iterable[str] = ()) -> None:
        self.latin = latin
        self._skip = frozenset(_html.escape(p, quote=False) for p in not_english)
        found = sorted({_html.escape(p, quote=False) for p in phrases} - self._skip, key=len, reverse=True)
        self._phrases = (
            re.compile(r"(?<![\w'\u2019-])(?:" + "|".join(re.escape(p) for p in found) + r")(?![\w'\u2019-])")
            if found else None
        )

    @property
    def idle(self) -> bool:
        """Nothing could ever be marked (a Latin-script language without phrases)."""
        return self.latin and self._phrases is None

    def text(self, text: str) -> str:
        """Mark the English in one run of (HTML-escaped) text."""
        if self.latin:
            if self._phrases is None:
                return text
            return self._phrases.sub(lambda m: f"{OPEN}{m.group(0)}{CLOSE}", text)
        if not _HAS_LETTER_RE.search(text):
            return text
        # Entities (&amp;) are not words: mark around them.
        parts = _ENTITY_RE.split(text)
        entities = _ENTITY_RE.findall(text)
        out = []
        for i, part in enumerate(parts):
            out.append(_LATIN_RUN_RE.sub(self._wrap, part))
            if i < len(entities):
                out.append(entities[i])
        return "".join(out)

    def _wrap(self, m: re.Match[str]) -> str:
        run, end = m.group(0), m.group("end") or ""
        words = run[: len(run) - len(end)]
        if not _HAS_LETTER_RE.search(words) or words in self._skip:
            return run
        # An English sentence keeps its full stop inside (in a right-to-left line it would
        # otherwise jump to the far side of the sentence); a lone word leaves it to the text.
        if end and " " in words and words[:1].isupper():
            return f"{OPEN}{run}{CLOSE}"
        return f"{OPEN}{words}{CLOSE}{end}"

    def html(self, document: str, *, start: str = "<body") -> str:
        """Mark the English in the text of an HTML document (from ``start`` on).

        Text inside an element that carries ``lang`` (English on purpose, a language's own
        name), inside code, or inside anything that is not text, is left as it is.
        """
        if self.idle:
            return document
        at = document.find(start)
        head, body = (document[:at], document[at:]) if at >= 0 else ("", document)
        stack: list[tuple[str, bool]] = []  # (tag, skipping)
        out = []
        for piece in _TAG_RE.split(body):
            if not piece:
                continue
            if piece[0] == "<":
                out.append(piece)
                if piece.startswith("<!") or piece.startswith("<?"):
                    continue
                m = _TAG_NAME_RE.match(piece)
                if not m:
                    continue
                name = m.group(1).lower()
                if piece[1] == "/":
                    while stack:
                        tag, _ = stack.pop()
                        if tag == name:
                            break
                    continue
                if name in _VOID or piece.endswith("/>"):
                    continue
                skipping = (bool(stack) and stack[-1][1]) or name in _SKIP or ' lang="' in piece
                stack.append((name, skipping))
                continue
            if stack and stack[-1][1]:
                out.append(piece)
                continue
            out.append(self.text(piece))
        return head + "".join(out)


def mark_text(text: str, *, latin: bool, phrases: Iterable[str] = (), not_english: Iterable[str] = ()) -> str:
    """Mark the English in one run of (HTML-escaped) text (see :class:`EnglishMarker`)."""
    return EnglishMarker(latin=latin, phrases=phrases, not_english=not_english).text(text)


def mark_html(
    document: str, *, latin: bool, phrases: Iterable[str] = (), not_english: Iterable[str] = (), start: str = "<body"
) -> str:
    """Mark the English in the text of an HTML document (see :class:`EnglishMarker`)."""
    return EnglishMarker(latin=latin, phrases=phrases, not_english=not_english).html(document, start=start)
