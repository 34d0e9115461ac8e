"""PO files as translators' tools write them: read without loss, change one entry at a time.

Poedit, Weblate, Lokalize and GNU gettext each wrap lines and order header fields their own way.
``scripts/i18n.py update`` must not fight them: it keeps every line of every entry whose English
did not change, exactly as it was (wrapping, header fields such as ``X-Generator``, comments,
line endings), and writes only the entries that are new, changed or removed. One new English
sentence is then a diff of one entry, and a translator's Weblate branch merges cleanly.

:class:`PoFile` keeps each entry's original lines; :func:`update_po` brings a file in line
with its template; :func:`render_template` writes templates (``.pot``) in GNU's format.
References are file names without line numbers (``#: docs/at-home.md``, like GNU's
``--add-location=file``), so an edit early in a page does not touch the entries after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import unicodedata

from babel.messages.pofile import escape, unescape

__all__ = [
    "GNU_WIDTH",
    "PoEntry",
    "PoFile",
    "TemplateMessage",
    "detect_width",
    "format_entry",
    "parse_po",
    "header_fields",
    "render_template",
    "to_catalog",
    "update_po",
]

#: GNU gettext's default line width (``msgcat``, ``msgmerge``; Poedit writes the same).
GNU_WIDTH = 79
_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")
_KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_STRING_RE = re.compile(r'^(".*")\s*$')
_FORMAT_FLAGS = frozenset({"python-format", "python-brace-format", "no-python-format", "no-python-brace-format"})


@dataclass
class PoEntry:
    """One entry of a PO file, with the lines it was read from (if any)."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    plural: bool = False
    comments: list[str] = field(default_factory=list)
    """Translator comments, as whole lines (``# ...``)."""
    extracted: list[str] = field(default_factory=list)
    """``#.`` notes for translators (text after ``#. ``)."""
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    """``#|`` previous ``msgctxt``/``msgid``/``msgid_plural``."""
    obsolete: bool = False
    raw: list[str] | None = None
    """The lines the entry was read from, kept as they are unless the entry changes."""
    before: list[str] = field(default_factory=list)
    """The blank (or other separating) lines before the entry in the file."""
    line: int = 0
    """The 1-based line of the entry's first line."""
    msgid_line: int = 0
    end_line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and not self.fuzzy

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete

    def changed(self) -> PoEntry:
        """A copy that will be written anew (its original lines dropped)."""
        return replace(self, raw=None)


@dataclass
class PoFile:
    """A PO file: its entries in order, and how it writes lines."""

    entries: list[PoEntry]
    newline: str = "\n"
    trailer: list[str] = field(default_factory=list)
    """Lines after the last entry (blank lines), kept as they were."""
    width: int = GNU_WIDTH
    """The line width new or changed entries are wrapped to (the file's own, when known)."""

    @property
    def header(self) -> PoEntry | None:
        return next((e for e in self.entries if e.is_header), None)

    def active(self) -> list[PoEntry]:
        return [e for e in self.entries if not e.obsolete and not e.is_header]

    def render(self) -> str:
        lines: list[str] = []
        for entry in self.entries:
            if entry.raw is not None:
                lines += entry.before + entry.raw
            else:
                separator = entry.before if entry.before else ([""] if lines else [])
                lines += separator + format_entry(entry, self.width)
        lines += self.trailer
        text = "\n".join(lines) + "\n"
        return text.replace("\n", self.newline) if self.newline != "\n" else text


# -- Reading ----------------------------------------------------------------------------------


def _string(literal: str) -> str:
    return unescape(literal)


def parse_po(text: str) -> PoFile:
    """Read PO text (CRLF or LF) into entries that remember their lines.

    Raises:
        ValueError: for a line that is neither a comment, a keyword with a string, nor a string
            (the file gate reports those first, with their line).
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    entries: list[PoEntry] = []
    pending_blank: list[str] = []
    group: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal pending_blank, group
        if group:
            entry = _parse_group(group)
            entry.before = pending_blank
            entries.append(entry)
            pending_blank = []
        group = []

    for number, line in enumerate(lines, 1):
        if not line.strip():
            flush()
            pending_blank.append(line)
            continue
        group.append((number, line))
    flush()
    width = detect_width(entries)
    return PoFile(entries, newline, pending_blank, width)


_PREVIOUS_RE = re.compile(r'^#~?\|\s*(msgctxt|msgid_plural|msgid)?\s*(".*")\s*$')


def _parse_group(group: list[tuple[int, str]]) -> PoEntry:
    entry = PoEntry(raw=[line for _, line in group], line=group[0][0], end_line=group[-1][0])
    current: tuple[str, int | None] | None = None
    previous_current: str | None = None
    values: dict[tuple[str, int | None], list[str]] = {}
    previous: dict[str, list[str]] = {}
    for number, line in group:
        stripped = line.rstrip()
        if stripped.startswith(("#~|", "#|")):  # the previous English, of a live or obsolete entry
            m = _PREVIOUS_RE.match(stripped)
            if m:
                previous_current = m.group(1) or previous_current
                if previous_current:
                    previous.setdefault(previous_current, []).append(m.group(2))
            continue
        if stripped.startswith("#~"):
            entry.obsolete = True
            stripped = stripped[2:].strip()
            if not stripped:
                continue
        elif stripped.startswith("#."):
            entry.extracted.append(stripped[2:].strip())
            continue
        elif stripped.startswith("#:"):
            entry.references += stripped[2:].split()
            continue
        elif stripped.startswith("#,"):
            entry.flags += [f.strip() for f in stripped[2:].split(",") if f.strip()]
            continue
        elif stripped.startswith("#"):
            entry.comments.append(line)
            continue
        m = _KEYWORD_RE.match(stripped)
        if m:
            keyword = m.group(1).split("[")[0]
            index = int(m.group(2)) if m.group(2) is not None else None
            current = (keyword, index)
            values.setdefault(current, []).append(m.group(3))
            if keyword == "msgid" and not entry.msgid_line:
                entry.msgid_line = number
            continue
        m = _STRING_RE.match(stripped)
        if m and current is not None:
            values[current].append(m.group(1))
            continue
        raise ValueError(f"line {number}: cannot read {stripped[:60]!r}")

    def joined(key: tuple[str, int | None]) -> str | None:
        parts = values.get(key)
        return None if parts is None else "".join(_string(p) for p in parts)

    entry.msgid = joined(("msgid", None)) or ""
    entry.msgctxt = joined(("msgctxt", None))
    entry.msgid_plural = joined(("msgid_plural", None))
    indexed = sorted(k[1] for k in values if k[0] == "msgstr" and k[1] is not None)
    if indexed:
        entry.plural = True
        entry.msgstr = [joined(("msgstr", i)) or "" for i in range(max(indexed) + 1)]
    else:
        entry.msgstr = [joined(("msgstr", None)) or ""]
    entry.previous = {k: "".join(_string(p) for p in v) for k, v in previous.items()}
    return entry


def detect_width(entries: Iterable[PoEntry]) -> int:
    """The width a file was wrapped to: its longest string line, or GNU's default."""
    longest = 0
    wrapped = False
    for entry in entries:
        if entry.raw is None or entry.is_header:
            continue
        for line in entry.raw:
            if line.startswith('"') and line != '""':
                wrapped = True
                longest = max(longest, len(line))
    if not wrapped:
        return GNU_WIDTH
    return max(60, min(longest, 200))


def header_fields(entry: PoEntry | None) -> list[tuple[str, str]]:
    """The ``Name: value`` fields of a header entry, in order."""
    if entry is None or not entry.msgstr:
        return []
    fields = []
    for line in entry.msgstr[0].split("\n"):
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields.append((name.strip(), value.strip()))
    return fields


def to_catalog(po: PoFile, locale: str | None = None):
    """A Babel :class:`~babel.messages.catalog.Catalog` of the file's entries (line numbers kept).

    Unlike Babel's reader, it accepts any number of plural forms, so the gates can refuse one
    entry with the wrong number instead of the whole file.
    """
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=locale, fuzzy=False)
    catalog._set_mime_headers(header_fields(po.header))
    for entry in po.entries:
        if entry.is_header:
            continue
        msgid = (entry.msgid, entry.msgid_plural or "") if entry.plural or entry.msgid_plural is not None else entry.msgid
        string = tuple(entry.msgstr) if entry.plural else (entry.msgstr[0] if entry.msgstr else "")
        previous = [entry.previous["msgid"]] if "msgid" in entry.previous else []
        locations = []
        for reference in entry.references:
            path, _, line = reference.rpartition(":") if reference.rpartition(":")[2].isdigit() else (reference, "", "")
            locations.append((path, int(line) if line else None))
        kwargs = dict(
            locations=locations, flags=[f for f in entry.flags], auto_comments=list(entry.extracted),
            user_comments=[c.lstrip("#").strip() for c in entry.comments], previous_id=previous,
            lineno=entry.msgid_line or entry.line, context=entry.msgctxt,
        )
        if entry.obsolete:
            from babel.messages.catalog import Message

            catalog.obsolete[catalog._key_for(msgid, entry.msgctxt)] = Message(msgid, string, **kwargs)
        else:
            catalog.add(msgid, string, **kwargs)
    return catalog


# -- Writing ----------------------------------------------------------------------------------


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _breaks(segment: str, room: int) -> list[str]:
    """Wrap one escaped segment as GNU gettext does: break after a space, within ``room``
    columns (text without spaces, such as Chinese, breaks between characters)."""
    chunks: list[str] = []
    while _columns(segment) > room:
        cut, used, last_space, i = 0, 0, 0, 0
        while i < len(segment):
            step = 2 if segment[i] == "\\" and i + 1 < len(segment) else 1
            width = _columns(segment[i:i + step])
            if used + width > room:
                break
            used += width
            i += step
            if segment[i - 1] == " ":
                last_space = i
            cut = i
        if last_space:
            cut = last_space
        elif " " in segment[cut:]:
            wide = any(unicodedata.east_asian_width(ch) in "WF" for ch in segment[:cut])
            if not wide:
                cut = segment.index(" ", cut) + 1  # a word longer than the line stays whole
        if cut <= 0 or cut >= len(segment):
            break
        chunks.append(segment[:cut])
        segment = segment[cut:]
    chunks.append(segment)
    return chunks


def _string_lines(keyword: str, value: str, width: int, prefix: str = "") -> list[str]:
    """``keyword "value"`` in GNU's layout: one line if it fits, else ``""`` and wrapped lines."""
    escaped = escape(value)[1:-1]
    head = f"{prefix}{keyword} "
    inner_newline = "\\n" in escaped[:-2]
    if not inner_newline and _columns(head) + _columns(escaped) + 2 <= width:
        return [f'{head}"{escaped}"']
    segments = [part + "\\n" for part in escaped.split("\\n")]
    segments[-1] = segments[-1][:-2]
    if segments[-1] == "":
        segments.pop()
    room = max(10, width - len(prefix) - 2)
    lines = [f'{head}""']
    for segment in segments:
        lines += [f'{prefix}"{chunk}"' for chunk in _breaks(segment, room)]
    return lines


def _wrap_words(head: str, words: list[str], width: int) -> list[str]:
    lines, current = [], head
    for word in words:
        if current != head and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = head + word
        else:
            current = current + (" " if current != head else "") + word
    if current != head:
        lines.append(current)
    return lines


def format_entry(entry: PoEntry, width: int = GNU_WIDTH) -> list[str]:
    """An entry's lines in GNU's format (wrapped to ``width``)."""
    out: list[str] = list(entry.comments)
    out += [f"#. {note}" if note else "#." for note in entry.extracted]
    if entry.references:
        out += _wrap_words("#: ", entry.references, width)
    if entry.flags:
        out.append("#, " + ", ".join(entry.flags))
    for keyword in ("msgctxt", "msgid", "msgid_plural"):
        if keyword in entry.previous:
            out += _string_lines(keyword, entry.previous[keyword], width, prefix="#| ")
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        out += _string_lines("msgctxt", entry.msgctxt, width, prefix)
    out += _string_lines("msgid", entry.msgid, width, prefix)
    if entry.msgid_plural is not None:
        out += _string_lines("msgid_plural", entry.msgid_plural, width, prefix)
    if entry.plural:
        for i, form in enumerate(entry.msgstr):
            out += _string_lines(f"msgstr[{i}]", form, width, prefix)
    else:
        out += _string_lines("msgstr", entry.msgstr[0] if entry.msgstr else "", width, prefix)
    return out


# -- Templates and updates --------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateMessage:
    """One message of a template, as extraction made it."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    extracted: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def entry(self, nplurals: int = 2) -> PoEntry:
        return PoEntry(
            msgid=self.msgid, msgctxt=self.msgctxt, msgid_plural=self.msgid_plural,
            msgstr=[""] * (nplurals if self.msgid_plural is not None else 1),
            plural=self.msgid_plural is not None, extracted=list(self.extracted),
            references=list(self.references), flags=list(self.flags),
        )


def _header_entry(fields: list[tuple[str, str]], comments: list[str]) -> PoEntry:
    return PoEntry(msgid="", msgstr=["".join(f"{k}: {v}\n" for k, v in fields)], comments=comments)


def render_template(header_comments: list[str], fields: list[tuple[str, str]],
                    messages: Iterable[TemplateMessage], width: int = GNU_WIDTH) -> str:
    """A ``.pot`` file in GNU's format."""
    entries = [_header_entry(fields, header_comments)]
    entries += [m.entry(2) for m in messages]
    for entry in entries[1:]:
        entry.msgstr = [""] * len(entry.msgstr)
    return PoFile(entries, width=width).render()


def _with_template_metadata(entry: PoEntry, message: TemplateMessage) -> PoEntry:
    """The entry with the template's notes, references and format flags (unchanged if equal)."""
    flags = [f for f in entry.flags if f not in _FORMAT_FLAGS] + [f for f in message.flags if f in _FORMAT_FLAGS]
    flags = ["fuzzy"] + [f for f in flags if f != "fuzzy"] if "fuzzy" in flags else flags
    same = (
        entry.extracted == list(message.extracted)
        and entry.references == list(message.references)
        and sorted(entry.flags) == sorted(flags)
        and entry.msgid_plural == message.msgid_plural
    )
    if same:
        return entry
    return replace(entry, raw=None, extracted=list(message.extracted), references=list(message.references),
                   flags=flags, msgid_plural=message.msgid_plural)


def update_po(
    existing: PoFile | None,
    template: list[TemplateMessage],
    *,
    new_header: PoEntry | None = None,
    nplurals: int = 2,
    memory: dict[str, str] | None = None,
    prune_obsolete: bool = False,
) -> PoFile:
    """Bring a catalog in line with its template, touching only what changed.

    - An entry whose English is unchanged keeps its lines (unless its notes changed).
    - A new English sentence close to a removed one (:mod:`kyr.i18n.fuzzy`) takes the removed
      entry's place and translation, marked fuzzy, with the old English as ``#|``.
    - A new sentence translated word for word elsewhere in the language (``memory``) takes that
      translation; any other new sentence is added untranslated, after the sentence that comes
      before it in the template.
    - A removed sentence becomes obsolete (``#~``) at the end, if it had a translation.
    - The header is kept as it is.

    Args:
        existing: the catalog on disk, or ``None`` for a new one (``new_header`` is its header).
        prune_obsolete: drop obsolete entries that no longer help: those whose English is not
            close to any entry still waiting for a translation.
    """
    from kyr.i18n.fuzzy import best_match, similarity

    if existing is None:
        header = new_header or _header_entry([], [])
        entries = [header]
        for message in template:
            entry = message.entry(nplurals)
            if memory and not entry.plural and message.msgid in memory:
                entry.msgstr = [memory[message.msgid]]
            entries.append(entry)
        return PoFile(entries)

    wanted = {m.key: m for m in template}
    order = [m.key for m in template]
    kept: dict[tuple[str | None, str], PoEntry] = {}
    result: list[PoEntry | tuple[str, tuple[str | None, str]]] = []
    removed: list[PoEntry] = []
    old_obsolete: list[PoEntry] = []
    for entry in existing.entries:
        if entry.is_header:
            result.append(entry)
        elif entry.obsolete:
            old_obsolete.append(entry)
        elif entry.key in wanted and entry.key not in kept:
            updated = _with_template_metadata(entry, wanted[entry.key])
            kept[entry.key] = updated
            result.append(updated)
        else:
            removed.append(entry)
            result.append(("slot", entry.key))  # where a changed sentence may take its place

    candidates = [e for e in removed if not e.plural and e.msgstr[0]] + [
        e for e in old_obsolete if not e.plural and e.msgstr and e.msgstr[0]
    ]
    placed: dict[tuple[str | None, str], PoEntry] = {}
    used: set[int] = set()
    for key in order:
        if key in kept:
            continue
        message = wanted[key]
        entry = message.entry(nplurals)
        if memory and not entry.plural and message.msgid in memory:
            entry.msgstr = [memory[message.msgid]]
        elif not entry.plural:
            pool = [c for c in candidates if id(c) not in used and c.msgctxt == message.msgctxt]
            match = best_match(message.msgid, [c.msgid for c in pool])
            if match is not None:
                old = next(c for c in pool if c.msgid == match)
                used.add(id(old))
                entry.msgstr = [old.msgstr[0]]
                entry.flags = ["fuzzy", *[f for f in entry.flags if f != "fuzzy"]]
                entry.previous = {"msgid": old.previous.get("msgid", old.msgid) if old.fuzzy else old.msgid}
                if old.msgctxt is not None:
                    entry.previous["msgctxt"] = old.msgctxt
                entry.comments = list(old.comments)
                if not old.obsolete:
                    entry.before = old.before
                    placed[old.key] = entry
                    continue
        placed[key] = entry

    # Assemble: kept entries and replaced slots in file order; new entries after the entry that
    # precedes them in the template; removed entries that were not replaced become obsolete.
    out: list[PoEntry] = []
    position: dict[tuple[str | None, str], int] = {}
    for item in result:
        if isinstance(item, tuple):
            replacement = placed.pop(item[1], None)
            if replacement is not None:
                out.append(replacement)
                position[replacement.key] = len(out) - 1
            continue
        out.append(item)
        if not item.is_header:
            position[item.key] = len(out) - 1
    for key in order:
        if key in placed and key not in position:
            entry = placed.pop(key)
            index = order.index(key)
            after = next((position[k] for k in reversed(order[:index]) if k in position), 0)
            out.insert(after + 1, entry)
            position = {(e.msgctxt, e.msgid): i for i, e in enumerate(out) if not e.is_header}

    newly_obsolete = [
        replace(e, obsolete=True, raw=None, previous={}, references=[], flags=[f for f in e.flags if f == "fuzzy"])
        for e in removed if id(e) not in used and any(e.msgstr)
    ]
    keep_obsolete = [e for e in old_obsolete if id(e) not in used and any(e.msgstr or [""])]
    current = {(e.msgctxt, e.msgid) for e in out if not e.is_header}
    keep_obsolete = [e for e in keep_obsolete if e.key not in current]
    obsolete = keep_obsolete + newly_obsolete
    if prune_obsolete:
        waiting = [e.msgid for e in out if not e.is_header and not e.translated]
        obsolete = [e for e in obsolete if any(similarity(e.msgid, w) >= 0.6 for w in waiting)]
    return PoFile(out + obsolete, existing.newline, existing.trailer, existing.width)
