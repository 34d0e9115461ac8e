"""Markdown → segments → Markdown: the one segmenter shared by extraction and application.

A *segment* is one run of reader-visible inline Markdown: a heading's text, a paragraph (soft
wrapped lines joined by spaces), a list item's paragraph, a table cell, an admonition title, a
definition term, a footnote. Everything else in the file is *structure* (list markers,
indentation, admonition markers, fences, attribute lists, HTML tags, link reference definitions,
comments, code) and is never shown to translators.

Segments carry their exact position in the source, so applying translations replaces the text
and nothing else: with no translations and no marking, :func:`apply` returns the input unchanged.

Supported block syntax is what the site's Markdown extensions understand: ATX and setext headings,
paragraphs, ``-``/``*``/``+``/``1.`` lists (4-space nesting, task markers), pipe tables,
``!!!``/``???``/``???+`` admonitions, ``>`` quotes, definition lists, footnotes, fenced and
indented code, HTML blocks (``markdown`` attribute to recurse, ``translate="no"`` to skip),
``<!-- i18n: ... -->`` translator notes, link reference definitions, abbreviations, attribute
list lines, snippets and ``{{ macro }}`` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, NamedTuple

from kyr.i18n.placeholders import PLACEHOLDER_RE, protect

__all__ = [
    "Applied",
    "Segment",
    "apply",
    "has_words",
    "parse",
    "segment",
    "split_front_matter",
]

# -- Block patterns ---------------------------------------------------------------------------

_FENCE_RE = re.compile(r"^(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^(#{1,6})(?:[ \t]+|$)")
_HR_RE = re.compile(r"^(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})$")
_ADMONITION_RE = re.compile(r'^(?:!!!|\?\?\?\+?)[ ]?[\w\-]+(?: +[\w\-]+)*(?: +"(.*?)")? *$')
_LIST_RE = re.compile(r"^([-*+]|\d+\.)(?:([ ]+)(.*)|$)")
_TASK_RE = re.compile(r"^\[[ xX]\][ ]+")
_TABLE_DELIM_RE = re.compile(r"^\|?[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?[ ]*$")
_DEF_RE = re.compile(r"^:[ ]{1,3}(.*)$")
_FOOTNOTE_RE = re.compile(r"^\[\^[^\]\s]+\]:[ ]?")
_REFDEF_RE = re.compile(r"^\[[^\]^][^\]]*\]:[ ]*\S")
_ABBR_RE = re.compile(r"^\*\[[^\]]*\]:")
_ATTR_LINE_RE = re.compile(r"^\{:?[^{}]*\}[ ]*$")
_SNIPPET_RE = re.compile(r"^-{1,}8<-{1,}")
_MACRO_LINE_RE = re.compile(r"^\{\{.*\}\}[ ]*$")
_SETEXT_RE = re.compile(r"^(=+|-+)[ ]*$")
_HTML_OPEN_RE = re.compile(r"^<([A-Za-z][A-Za-z0-9-]*)((?:\s[^>]*)?)>")
_COMMENT_START = "<!--"
_NOTE_RE = re.compile(r"^<!--\s*i18n:\s*(.*?)\s*-->$", re.S)
_HEADING_ATTRS_RE = re.compile(r"[ \t]*\{:?[ ]*([^{}]*?)[ ]*\}[ \t]*$")
_CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")
_CLOSING_HASHES_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")

_BLOCK_TAGS = frozenset(
    "address article aside blockquote details dialog dd div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table "
    "ul video audio canvas noscript iframe script style".split()
)


class Row(NamedTuple):
    """One line as seen inside a container: ``text`` starts at column ``offset`` of the line."""

    index: int
    offset: int
    text: str
    prefix: str = ""
    """What a line added after this one needs in front to stay in the same block."""


@dataclass(frozen=True)
class Segment:
    """One translatable run of inline Markdown and where it sits in the body."""

    kind: str
    """``heading``, ``paragraph``, ``cell``, ``term``, ``title`` (admonition title) or
    ``inline`` (a paragraph that can only be marked from inside, as in footnotes)."""
    text: str
    """The English inline Markdown, soft wraps joined by single spaces."""
    start: tuple[int, int]
    """``(line, column)`` of the first character, 0-based, in the body."""
    end: tuple[int, int]
    """``(line, column)`` just past the last character."""
    prefix: str = ""
    """Container prefix for a line added after the segment (indentation, ``> ``)."""
    attrs: str = ""
    """An attribute list that belongs to the segment's element, without braces."""
    attrs_at: tuple[int, int] | None = None
    """Where ``attrs`` sits: ``(line, column)`` of its closing brace, if the source has one."""
    replace_end: tuple[int, int] | None = None
    """For headings, the end of the line's content (text, attribute list, closing hashes)."""
    notes: tuple[str, ...] = ()
    """Translator notes from ``<!-- i18n: ... -->`` comments before the block."""

    @property
    def line(self) -> int:
        """The 1-based body line the segment starts on."""
        return self.start[0] + 1

    @property
    def heading_id(self) -> str | None:
        """The explicit ``#id`` in the segment's attribute list, if any."""
        m = re.search(r"(?:^|\s)#([^\s}]+)", self.attrs)
        return m.group(1) if m else None


def has_words(text: str) -> bool:
    """Whether ``text`` has anything to translate (a letter outside placeholders and code)."""
    try:
        msgid = protect(text).msgid
    except ValueError:
        msgid = text
    msgid = PLACEHOLDER_RE.sub("", msgid)
    msgid = re.sub(r"(`+).+?\1", "", msgid)
    return any(ch.isalpha() for ch in msgid)


# -- Front matter -----------------------------------------------------------------------------

_FRONT_MATTER_RE = re.compile(r"\A(---[ \t]*\n)(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split a page into ``(front_matter_yaml, body, body_line_offset)``.

    ``body_line_offset`` is the number of lines before the body, so a body line ``n`` (1-based)
    is line ``n + body_line_offset`` of the file.
    """
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return "", text, 0
    front = m.group(2) or ""
    return front, text[m.end() :], m.group(0).count("\n")


# -- Parsing ----------------------------------------------------------------------------------


def _indent(text: str) -> int:
    """Leading whitespace width in columns (a tab advances to the next multiple of 4)."""
    col = 0
    for ch in text:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


def _dedent(row: Row, width: int) -> Row:
    """Remove up to ``width`` columns of leading whitespace from ``row``."""
    col = 0
    i = 0
    text = row.text
    while i < len(text) and col < width and text[i] in " \t":
        col += 1 if text[i] == " " else 4 - col % 4
        i += 1
    return Row(row.index, row.offset + i, text[i:], row.prefix)


def _blank(row: Row) -> bool:
    return not row.text.strip()


def _item_rows(
    rows: list[Row],
    i: int,
    first: Row,
    sibling: Callable[[str], bool],
    *,
    indented_starts_block: bool = False,
) -> tuple[list[Row], int]:
    """Collect the rows of a list item, footnote or definition whose first row is ``first``.

    Following rows belong to it when blank, indented by 4 or more columns (nested blocks, which
    are de-indented), or when they lazily continue a paragraph; a ``sibling`` start or any
    other unindented line after a blank ends it. Returns the rows and the index after them.

    Python-Markdown starts a new block in a list item at every line indented by 4 columns, even
    without a blank line before it (``indented_starts_block``); a blank row is inserted there.
    """
    parent = first.prefix
    lazy = parent + "  "
    nested = parent + "    "
    item = [first._replace(prefix=lazy)]
    n = len(rows)
    was_indented = False
    while i < n:
        row = rows[i]
        if _blank(row):
            item.append(Row(row.index, row.offset, "", nested))
        elif _indent(row.text) >= 4:
            if indented_starts_block and not was_indented and not _blank(item[-1]):
                item.append(Row(row.index, row.offset, "", nested))
            item.append(_dedent(row, 4)._replace(prefix=nested))
            was_indented = True
            i += 1
            continue
        elif not _blank(item[-1]) and not sibling(row.text.lstrip()):
            item.append(_dedent(row, 3)._replace(prefix=item[-1].prefix))  # lazy continuation
        else:
            break
        was_indented = False
        i += 1
    # Blank lines after the item separate blocks; give them back.
    while len(item) > 1 and _blank(item[-1]):
        item.pop()
        i -= 1
    return item, i


def _next_sibling(rows: list[Row], i: int, start: re.Pattern[str]) -> int:
    """Skip blank lines if what follows them starts another item of the same kind."""
    j = i
    while j < len(rows) and _blank(rows[j]):
        j += 1
    if j < len(rows) and _indent(rows[j].text) < 4 and start.match(rows[j].text.lstrip()):
        return j
    return i


@dataclass
class _Parser:
    segments: list[Segment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    comments: list[tuple[Row, Row]] = field(default_factory=list)
    """First and last rows of each HTML comment block."""
    inline_only: int = 0
    """Inside a footnote, where an attribute list line cannot reach the paragraph."""

    # Emitting ------------------------------------------------------------------------------

    def emit(self, seg: Segment) -> None:
        if not has_words(seg.text):
            return
        if self.notes:
            seg = replace(seg, notes=tuple(self.notes))
            self.notes = []
        self.segments.append(seg)

    def paragraph(self, rows: list[Row]) -> None:
        """Emit one paragraph made of ``rows`` (an attribute list line at the end stays out)."""
        attrs = ""
        attrs_at = None
        last = rows[-1]
        if len(rows) > 1 and _ATTR_LINE_RE.match(last.text.strip()):
            stripped = last.text.strip()
            attrs = stripped.lstrip("{:").rstrip("}").strip()
            close = last.offset + last.text.rindex("}")
            attrs_at = (last.index, close)
            rows = rows[:-1]
        if len(rows) == 1 and _MACRO_LINE_RE.match(rows[0].text.strip()):
            return
        first, final = rows[0], rows[-1]
        lead = len(first.text) - len(first.text.lstrip())
        text = " ".join(r.text.strip() for r in rows)
        end_col = final.offset + len(final.text.rstrip())
        self.emit(
            Segment(
                "inline" if self.inline_only else "paragraph",
                text,
                (first.index, first.offset + lead),
                (final.index, end_col),
                prefix=final.prefix,
                attrs=attrs,
                attrs_at=attrs_at,
            )
        )

    # Blocks --------------------------------------------------------------------------------

    def blocks(self, rows: list[Row]) -> None:  # noqa: C901 - one dispatch loop
        i = 0
        n = len(rows)
        while i < n:
            row = rows[i]
            if _blank(row):
                i += 1
                continue
            if _indent(row.text) >= 4:
                # Indented code: skip it and anything indented that follows.
                while i < n and (_blank(rows[i]) or _indent(rows[i].text) >= 4):
                    i += 1
                self.notes = []
                continue
            row = _dedent(row, 3)
            s = row.text.rstrip()
            if s.startswith(_COMMENT_START):
                i = self.comment(rows, i)
                continue
            if _FENCE_RE.match(s):
                i = self.fence(rows, i)
                continue
            if _ATX_RE.match(s):
                self.atx(row)
                i += 1
                continue
            if _HR_RE.match(s):
                i += 1
                continue
            if _ADMONITION_RE.match(s):
                i = self.admonition(rows, i)
                continue
            if s.startswith(">"):
                i = self.quote(rows, i)
                continue
            if _LIST_RE.match(s):
                i = self.list(rows, i)
                continue
            if i + 1 < n and "|" in s and _TABLE_DELIM_RE.match(rows[i + 1].text.strip()):
                i = self.table(rows, i)
                continue
            if _FOOTNOTE_RE.match(s):
                i = self.footnote(rows, i)
                continue
            if (
                _REFDEF_RE.match(s)
                or _ABBR_RE.match(s)
                or _ATTR_LINE_RE.match(s)
                or _MACRO_LINE_RE.match(s)
            ):
                i += 1
                continue
            if _SNIPPET_RE.match(s):
                i = self.snippet(rows, i)
                continue
            m = _HTML_OPEN_RE.match(s)
            if m and m.group(1).lower() in _BLOCK_TAGS:
                i = self.html(rows, i)
                continue
            if i + 1 < n and _DEF_RE.match(_dedent(rows[i + 1], 3).text):
                i = self.definitions(rows, i)
                continue
            i = self.paragraphs(rows, i)

    def comment(self, rows: list[Row], i: int) -> int:
        start = i
        while i < len(rows) and "-->" not in rows[i].text:
            i += 1
        body = "\n".join(r.text.strip() for r in rows[start : i + 1])
        if i < len(rows):
            self.comments.append((_dedent(rows[start], 3), rows[i]))
        m = _NOTE_RE.match(body)
        if m:
            self.notes.append(" ".join(m.group(1).split()))
        return i + 1

    def fence(self, rows: list[Row], i: int) -> int:
        opening = _dedent(rows[i], 3).text
        m = _FENCE_RE.match(opening)
        assert m
        char, length = m.group(1)[0], len(m.group(1))
        closing = re.compile(r"^[ ]{0,3}%s{%d,}[ ]*$" % (re.escape(char), length))
        i += 1
        while i < len(rows) and not closing.match(rows[i].text):
            i += 1
        self.notes = []
        return i + 1

    def snippet(self, rows: list[Row], i: int) -> int:
        line = rows[i].text.strip()
        i += 1
        if re.fullmatch(r"-{1,}8<-{1,}", line):
            # Block form: lines up to the next bare marker are file names.
            while i < len(rows) and not re.fullmatch(r"-{1,}8<-{1,}", rows[i].text.strip()):
                i += 1
            i += 1
        return i

    def atx(self, row: Row) -> None:
        s = row.text.rstrip()
        m = _ATX_RE.match(s)
        assert m
        content_start = m.end()
        content = s[content_start:]
        attrs = ""
        attrs_at = None
        am = _HEADING_ATTRS_RE.search(content)
        if am:
            attrs = am.group(1)
            attrs_at = (row.index, row.offset + content_start + content.rindex("}"))
            content = content[: am.start()]
        else:
            hm = _CLOSING_HASHES_RE.search(content)
            if hm:
                content = content[: hm.start()]
        content = content.rstrip()
        if not content:
            return
        start = (row.index, row.offset + content_start)
        end = (row.index, row.offset + content_start + len(content))
        self.emit(
            Segment(
                "heading",
                content,
                start,
                end,
                prefix=row.prefix,
                attrs=attrs,
                attrs_at=attrs_at,
                replace_end=(row.index, row.offset + len(s)),
            )
        )

    def admonition(self, rows: list[Row], i: int) -> int:
        row = _dedent(rows[i], 3)
        m = _ADMONITION_RE.match(row.text.rstrip())
        assert m
        if m.group(1):
            col = row.offset + m.start(1)
            self.emit(
                Segment(
                    "title",
                    m.group(1),
                    (row.index, col),
                    (row.index, col + len(m.group(1))),
                    prefix=row.prefix,
                )
            )
        i += 1
        body: list[Row] = []
        while i < len(rows) and (_blank(rows[i]) or _indent(rows[i].text) >= 4):
            body.append(_dedent(rows[i], 4)._replace(prefix=row.prefix + "    "))
            i += 1
        self.blocks(body)
        return i

    def quote(self, rows: list[Row], i: int) -> int:
        inner: list[Row] = []
        while i < len(rows) and not _blank(rows[i]):
            row = _dedent(rows[i], 3)
            if row.text.startswith(">"):
                cut = 2 if row.text.startswith("> ") else 1
                row = Row(row.index, row.offset + cut, row.text[cut:], row.prefix)
            inner.append(row._replace(prefix=rows[i].prefix + "> "))
            i += 1
        self.blocks(inner)
        return i

    def list(self, rows: list[Row], i: int) -> int:
        n = len(rows)
        while i < n:
            row = _dedent(rows[i], 3)
            m = _LIST_RE.match(row.text)
            if not m or _indent(rows[i].text) >= 4:
                break
            marker_width = len(m.group(1)) + len(m.group(2) or "")
            first = Row(row.index, row.offset + marker_width, m.group(3) or "", row.prefix)
            task = _TASK_RE.match(first.text)
            if task:
                first = first._replace(offset=first.offset + task.end(), text=first.text[task.end() :])
            item, i = _item_rows(
                rows, i + 1, first, lambda s: bool(_LIST_RE.match(s)), indented_starts_block=True
            )
            self.blocks(item)
            i = _next_sibling(rows, i, _LIST_RE)
        return i

    def table(self, rows: list[Row], i: int) -> int:
        header = rows[i]
        self.cells(header)
        i += 2
        while i < len(rows) and not _blank(rows[i]) and "|" in rows[i].text:
            self.cells(rows[i])
            i += 1
        return i

    def cells(self, row: Row) -> None:
        text = row.text
        bounds: list[int] = [-1]
        j = 0
        while j < len(text):
            ch = text[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "`":
                m = _CODE_SPAN_RE.match(text, j)
                if m:
                    j = m.end()
                    continue
            if ch == "|":
                bounds.append(j)
            j += 1
        bounds.append(len(text))
        for a, b in zip(bounds, bounds[1:]):
            cell = text[a + 1 : b]
            stripped = cell.strip()
            if not stripped:
                continue
            lead = len(cell) - len(cell.lstrip())
            col = row.offset + a + 1 + lead
            self.emit(
                Segment("cell", stripped, (row.index, col), (row.index, col + len(stripped)))
            )

    def footnote(self, rows: list[Row], i: int) -> int:
        row = _dedent(rows[i], 3)
        m = _FOOTNOTE_RE.match(row.text)
        assert m
        first = Row(row.index, row.offset + m.end(), row.text[m.end() :], row.prefix)
        body, i = _item_rows(rows, i + 1, first, lambda s: bool(_FOOTNOTE_RE.match(s)))
        self.inline_only += 1
        self.blocks(body)
        self.inline_only -= 1
        return i

    def definitions(self, rows: list[Row], i: int) -> int:
        term = _dedent(rows[i], 3)
        stripped = term.text.rstrip()
        end = (term.index, term.offset + len(stripped))
        self.emit(Segment("term", stripped, (term.index, term.offset), end))
        i += 1
        while i < len(rows):
            row = _dedent(rows[i], 3)
            m = _DEF_RE.match(row.text)
            if not m or _indent(rows[i].text) >= 4:
                break
            cut = len(row.text) - len(m.group(1))
            first = Row(row.index, row.offset + cut, m.group(1), row.prefix)
            body, i = _item_rows(rows, i + 1, first, lambda s: bool(_DEF_RE.match(s)))
            self.blocks(body)
            i = _next_sibling(rows, i, _DEF_RE)
        return i

    def html(self, rows: list[Row], i: int) -> int:
        row = _dedent(rows[i], 3)
        m = _HTML_OPEN_RE.match(row.text)
        assert m
        tag, attrs = m.group(1).lower(), m.group(2)
        open_re = re.compile(r"<%s(?:\s[^>]*)?>" % re.escape(tag), re.I)
        close_re = re.compile(r"</%s\s*>" % re.escape(tag), re.I)
        depth = 0
        j = i
        end = None
        while j < len(rows):
            line = rows[j].text
            depth += len(open_re.findall(line)) - len(close_re.findall(line))
            if depth <= 0:
                end = j
                break
            j += 1
        if end is None:
            # No closing tag: Python-Markdown treats it as raw HTML up to the next blank line.
            while i < len(rows) and not _blank(rows[i]):
                i += 1
            self.notes = []
            return i
        markdown = re.search(r"(?:^|\s)markdown(?:\s*=\s*(\"[^\"]*\"|'[^']*'|\S+))?", attrs)
        skip = re.search(r"""(?:^|\s)translate\s*=\s*["']?no\b""", attrs, re.I)
        only_tag = row.text.strip() == m.group(0) and rows[end].text.strip() == f"</{tag}>"
        if markdown and not skip and only_tag and end > i:
            self.blocks(rows[i + 1 : end])
        else:
            self.notes = []
        return end + 1

    def paragraphs(self, rows: list[Row], i: int) -> int:
        para: list[Row] = []
        n = len(rows)
        while i < n and not _blank(rows[i]):
            row = rows[i]
            s = _dedent(row, 3).text.rstrip()
            if para and (
                s.startswith(_COMMENT_START)
                or _FENCE_RE.match(s)
                or _ATX_RE.match(s)
                or _ADMONITION_RE.match(s)
                or s.startswith(">")
                or (_HR_RE.match(s) and not _SETEXT_RE.match(s))
            ):
                break
            if para and _SETEXT_RE.match(s):
                # Setext heading: the line above is the heading text.
                heading = para.pop()
                if para:
                    self.paragraph(para)
                text = heading.text.strip()
                lead = len(heading.text) - len(heading.text.lstrip())
                start = (heading.index, heading.offset + lead)
                am = _HEADING_ATTRS_RE.search(text)
                attrs, attrs_at = "", None
                if am:
                    attrs = am.group(1)
                    attrs_at = (heading.index, heading.offset + lead + text.rindex("}"))
                    text = text[: am.start()].rstrip()
                self.emit(
                    Segment(
                        "heading",
                        text,
                        start,
                        (heading.index, start[1] + len(text)),
                        prefix=heading.prefix,
                        attrs=attrs,
                        attrs_at=attrs_at,
                        replace_end=(
                            heading.index,
                            heading.offset + len(heading.text.rstrip()),
                        ),
                    )
                )
                return i + 1
            para.append(row)
            i += 1
        if para:
            self.paragraph(para)
        return i


def _parse(body: str) -> _Parser:
    parser = _Parser()
    parser.blocks([Row(k, 0, line) for k, line in enumerate(body.split("\n"))])
    return parser


def parse(body: str) -> Any:
    """The parsed segments of a body, for :func:`apply` (which never changes them)."""
    return _parse(body)


def segment(body: str) -> list[Segment]:
    """Split a Markdown body (no front matter) into its translatable segments, in order."""
    return _parse(body).segments


# -- Application ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    """The result of :func:`apply`."""

    markdown: str
    total: int
    """Number of translatable segments."""
    translated: int
    """How many of them were replaced by a translation."""


_BLOCK_START_RE = re.compile(
    r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|!!!|\?\?\?|/{3}|={2,}|-{2,}|`{3,}|~{3,}|\[\^?[^\]]*\]:|\*\[|\{)"
)
_ORDERED_START_RE = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _escape_block_start(text: str) -> str:
    """Keep a translated line from starting a new block (heading, list, quote, ...)."""
    m = _ORDERED_START_RE.match(text)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{text[m.end():]}"
    if _BLOCK_START_RE.match(text):
        if text[0] in "\\`*_{}[]()>#+-.!|":
            return "\\" + text
        return "&#%d;%s" % (ord(text[0]), text[1:])
    return text


def _escape_pipes(text: str) -> str:
    """Escape every ``|`` that is not escaped already, so a cell stays one cell."""
    return re.sub(r"(\\*)\|", lambda m: m.group(1) + ("|" if len(m.group(1)) % 2 else "\\|"), text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _merge_attrs(existing: str, extra: str) -> str:
    return " ".join(part for part in (existing.strip(), extra.strip()) if part)


def apply(
    body: str,
    translate: Callable[[Segment], str | None],
    *,
    fallback_attrs: str | None = None,
    heading_ids: Callable[[Segment, set[str]], str] | None = None,
    strip_comments: bool = False,
    parse: Callable[[str], Any] | None = None,
) -> Applied:
    """Replace each segment of ``body`` by its translation.

    Args:
        body: the English Markdown body (no front matter).
        translate: returns the final inline Markdown for a segment, or ``None`` to keep the
            English text. Its result must already have its placeholders restored.
        fallback_attrs: attribute list entries (e.g. ``lang="en" dir="ltr"``) added to every
            segment left in English, or ``None`` to leave them unmarked.
        heading_ids: gives the id of a heading that has no explicit ``#id``. Called in document
            order with the set of ids already in use (which it must extend).
        strip_comments: remove HTML comment blocks (translator notes, authors' remarks) so
            they do not reach the published page.
        parse: how to split ``body`` (a shared cache of :func:`parse`; it is only read).

    Returns:
        The new body and how many segments were translated. With a ``translate`` that always
        returns ``None`` and no other option the body is returned unchanged.
    """
    lines = body.split("\n")
    parsed = (parse or _parse)(body)
    segments = parsed.segments
    edits: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    translated = 0
    if strip_comments:
        for first, last in parsed.comments:
            end = last.text.index("-->") + 3
            edits.append(((first.index, first.offset), (last.index, last.offset + end), ""))

    used_ids = {seg.heading_id for seg in segments if seg.kind == "heading" and seg.heading_id}
    for seg in segments:
        result = translate(seg)
        done = result is not None
        translated += done
        mark = fallback_attrs if (fallback_attrs and not done) else ""
        if seg.kind == "heading":
            attrs = seg.attrs
            if heading_ids is not None and not seg.heading_id:
                attrs = _merge_attrs(f"#{heading_ids(seg, used_ids)}", attrs)
            attrs = _merge_attrs(attrs, mark)
            if not done and attrs == seg.attrs:
                continue
            text = _one_line(result) if done else seg.text
            if done:
                text = re.sub(r"#+$", lambda m: "\\#" * len(m.group(0)), text)
            tail = f" {{ {attrs} }}" if attrs else ""
            assert seg.replace_end is not None
            edits.append((seg.start, seg.replace_end, text + tail))
            continue
        if seg.kind == "cell":
            if done:
                edits.append((seg.start, seg.end, _escape_pipes(_one_line(result))))
            elif mark:
                edits.append((seg.end, seg.end, f" {{ {mark} }}"))
            continue
        if seg.kind == "term":
            text = _escape_block_start(_one_line(result)) if done else None
            if text is not None:
                edits.append((seg.start, seg.end, text))
            if mark:
                edits.append((seg.end, seg.end, f" {{ {mark} }}"))
            continue
        if seg.kind in ("title", "inline"):
            if done:
                edits.append((seg.start, seg.end, _one_line(result)))
            elif mark:
                edits.append((seg.start, seg.start, f"<span {mark}>"))
                edits.append((seg.end, seg.end, "</span>"))
            continue
        # Paragraphs (also inside list items, quotes, admonitions, footnotes, definitions).
        if done:
            edits.append((seg.start, seg.end, _escape_block_start(_one_line(result))))
        if mark:
            if seg.attrs_at is not None:
                edits.append((seg.attrs_at, seg.attrs_at, f" {mark} "))
            else:
                edits.append((seg.end, seg.end, f"\n{seg.prefix}{{: {mark} }}"))

    # Apply from the end so earlier positions stay valid.
    for (sl, sc), (el, ec), text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        head = lines[sl][:sc]
        tail = lines[el][ec:]
        lines[sl : el + 1] = (head + text + tail).split("\n")
    return Applied("\n".join(lines), len(segments), translated)
