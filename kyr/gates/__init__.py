"""Translation gates: hostile, broken or drifted catalogs never reach a reader.

Translators are volunteers and semi-trusted, so every catalog passes two stages before the build
uses it, and the built HTML is scanned after:

1. **File** (:mod:`kyr.gates.files`): bytes (strict UTF-8, no BOM, no lone CR, a size cap),
   syntax (every line lexed, since Babel's parser forgives unterminated strings; Babel with
   ``abort_invalid``), the header (UTF-8 charset, the folder's language, a valid plural rule),
   no duplicate entries, no merge conflict markers, and no msgid the template does not have.
   A file that fails these is not used at all. What can be pinned to one entry (control
   characters, plural forms, GNU ``msgfmt --check``'s findings) refuses that entry only.
2. **Entry** (:mod:`kyr.gates.entries`): each translation against its English source. Protected
   tokens (placeholders, phone numbers, statute sections, bill numbers, dollar amounts,
   e-mail addresses, URLs, inline code) must match; Markdown structure cannot change; no HTML,
   no script URLs, no bidi overrides; the length stays sane. An entry that fails is not used.
3. **Output** (:mod:`kyr.gates.html`): every built page is scanned for event-handler attributes,
   script URLs and requests to other hosts; any hit fails the build.

Policy: every problem is a warning naming ``path:line: [lang] “start of the English”: what is
wrong, expected what`` (the quoted English finds the entry in Poedit or Weblate).
``mkdocs build --strict`` (and ``scripts/i18n.py check``) fail on any; a non-strict build shows
the English text instead of a failing entry or file, never the bad text. The output scan fails
every build.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "quote"]


def quote(english: str, length: int = 48) -> str:
    """The start of an English text, quoted, as a translator searches for it in Poedit or Weblate."""
    text = " ".join(english.split())
    if len(text) > length:
        text = text[:length].rstrip() + "\u2026"
    return "\u201c" + text + "\u201d"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalog or an entry."""

    path: str
    line: int | None
    lang: str
    message: str
    expected: str
    blocking: bool = True
    """False for terminology: reported, but the entry is still shown."""
    english: str | None = None
    """The entry's English (msgid), when the problem is an entry's: quoted in the message."""
    scope: str = "entry"
    """``entry`` (only that entry is refused) or ``file`` (the whole file is)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        entry = f"{quote(self.english)}: " if self.english else ""
        return f"{where}: [{self.lang}] {entry}{self.message}, expected {self.expected}"
