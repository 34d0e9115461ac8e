"""File-level gate: a catalog is readable, well-formed and matches its template and language.

A whole file is refused only when it cannot be read or trusted as a whole: its size, its
encoding, a line that is not PO syntax, a merge-conflict marker, a msgid written twice or one
the English does not have, a header of another charset or language. Anything that can be
pinned to one entry (a control character in it, a plural entry with the wrong number of
forms, whatever GNU ``msgfmt --check`` reports on its lines) refuses that entry only, and
every other entry of the file still reaches readers.

Editors' habits are accepted as they are: Windows line endings (read as LF), any valid
``Plural-Forms`` header that gettext, Poedit or Weblate write for the language.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

from kyr.gates import Problem
from kyr.languages import Language

__all__ = ["MAX_BYTES", "FileCheck", "check_file"]

#: The largest catalog accepted (the biggest page catalog is a few tens of KB).
MAX_BYTES = 512 * 1024

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KEYWORD_LINE_RE = re.compile(
    r'^(?:#~ )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+"(?:[^"\\]|\\[\\"ntr])*"[ \t]*$'
)
_CONTINUATION_RE = re.compile(r'^(?:#~ )?"(?:[^"\\]|\\[\\"ntr])*"[ \t]*$')
_CONFLICT_RE = re.compile(r"^(?:<{7}|={7}|>{7})(?:\s|$)|#-#-#-#-#")


@dataclass
class FileCheck:
    """The result of the file gate: the parsed catalog if the file as a whole can be used, the
    problems, and the entries refused on their own (by msgid key)."""

    catalog: Catalog | None = None
    problems: list[Problem] = field(default_factory=list)
    refused: set[tuple[str | None, str]] = field(default_factory=set)
    """Entries the file gate refused one by one; the rest of the file is usable."""
    nplurals: int | None = None
    """The header's number of plural forms."""
    plural_expr: str | None = None
    """The header's plural expression (which form a number uses)."""

    @property
    def ok(self) -> bool:
        return self.catalog is not None


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n"), 1):
        yield number, line


def _lex(text: str, problem) -> None:
    """Check every line is a comment, a keyword with one quoted string, or a quoted string.

    Babel's parser strips the first and last character of a string it cannot read, so an
    unterminated quote silently turns "Llame al 911" into "Llame al 91".
    """
    for number, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        if _CONFLICT_RE.search(line):
            problem(number, "a merge-conflict marker", "the conflict resolved and the marker removed")
            continue
        if stripped.startswith("#") and not stripped.startswith("#~ "):
            continue
        if _KEYWORD_LINE_RE.match(stripped) or _CONTINUATION_RE.match(stripped):
            continue
        if stripped.startswith("#~") and stripped in ("#~", "#~ "):
            continue
        problem(number, f"cannot read {stripped[:60]!r}", "a keyword and one complete \"quoted\" string, with only \\\\ \\\" \\n \\t escapes")


def _msgfmt(text: str, problem, entry_at) -> None:
    """GNU ``msgfmt --check``: each problem goes to the entry on its line, or to the file."""
    exe = shutil.which("msgfmt")
    if exe is None:
        problem(None, "GNU msgfmt is not installed, so the catalog cannot be checked", "gettext installed (scripts/setup.sh build)")
        return
    proc = subprocess.run(
        [exe, "--check", "-o", "/dev/null", "-"], input=text, capture_output=True, text=True, timeout=60
    )
    if proc.returncode == 0:
        return
    found = False
    for line in proc.stderr.splitlines():
        m = re.match(r"^.*?:(\d+):(?:\d+:)?\s*(.*)$", line)
        if not m:
            continue
        found = True
        # Duplicates are reported by _duplicates, with the msgid and the first line.
        if re.search(r"this is the location of the first definition|duplicate message definition", line):
            continue
        number, what = int(m.group(1)), m.group(2)
        if what.startswith("warning:"):
            continue
        problem(number, f"GNU gettext says: {what}", "msgfmt --check to pass", entry=entry_at(number))
    if not found and proc.stderr.strip() and "warning" not in proc.stderr:
        problem(None, f"msgfmt: {proc.stderr.strip()[:200]}", "msgfmt --check to pass")


def _duplicates(catalog_text: str, problem) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    ctx = None
    collecting = None
    value = ""
    start = 0

    def flush() -> None:
        nonlocal collecting, value
        if collecting == "msgid":
            key = (ctx, value)
            if value and key in seen:
                problem(start, f"msgid {value[:50]!r} appears twice (first on line {seen[key]})", "each msgid once")
            else:
                seen.setdefault(key, start)
        collecting = None
        value = ""

    for number, line in _lines(catalog_text):
        s = line.strip()
        if s.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$', s)
        if m:
            if collecting == "msgid":
                flush()
            collecting = None
            if m.group(1) == "msgctxt":
                ctx = m.group(2)
            elif m.group(1) == "msgid":
                collecting, value, start = "msgid", m.group(2), number
            else:
                if m.group(1) == "msgstr" or m.group(1).startswith("msgstr["):
                    ctx = None
            continue
        if collecting == "msgid" and s.startswith('"'):
            value += s[1:-1]
    flush()


def _plural_function(expr: str):
    import gettext

    return gettext.c2py(expr)


def _header(catalog: Catalog, language: Language, problem, result: FileCheck) -> None:
    content_type = catalog.mime_headers and dict(catalog.mime_headers).get("Content-Type", "")
    charset = re.search(r"charset=([\w-]+)", content_type or "")
    if not charset or charset.group(1).lower() != "utf-8":
        problem(None, f"header Content-Type is {content_type!r}", "'text/plain; charset=UTF-8'")
    header_lang = dict(catalog.mime_headers).get("Language", "")
    if header_lang and header_lang.replace("-", "_").split("@")[0] not in {
        language.cldr, language.code.replace("-", "_"), language.locale.language,
        f"{language.locale.language}_{language.locale.territory}" if language.locale.territory else language.cldr,
    }:
        problem(None, f"header Language is {header_lang!r}", f"{language.cldr!r} for the {language.code}/ folder")
    forms = dict(catalog.mime_headers).get("Plural-Forms", "")
    m = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*$", forms)
    want = get_plural(language.cldr)
    if not forms:
        result.nplurals, result.plural_expr = want.num_plurals, want.plural_expr  # gettext's default is CLDR's here
        return
    if not m:
        problem(None, f"header Plural-Forms is {forms!r}", "'nplurals=N; plural=EXPRESSION;' as gettext writes it")
        return
    try:
        function = _plural_function(m.group(2))
        values = {function(n) for n in range(200)}
    except (ValueError, SyntaxError, ZeroDivisionError, TypeError):
        problem(None, f"header Plural-Forms has an expression gettext cannot read: {m.group(2)!r}",
                "'nplurals=N; plural=EXPRESSION;' as gettext writes it")
        return
    nplurals = int(m.group(1))
    if not 1 <= nplurals <= 6 or any(not 0 <= v < nplurals for v in values):
        problem(None, f"header Plural-Forms is {forms!r}: its expression gives forms outside 0..{nplurals - 1}",
                f"nplurals to cover every form, as CLDR does: 'nplurals={want.num_plurals}; plural={want.plural_expr};'")
        return
    result.nplurals, result.plural_expr = nplurals, m.group(2)


def _plural_entries(catalog: Catalog, language: Language, result: FileCheck, problem) -> None:
    """Plural entries against the header; against CLDR only where the two disagree for them."""
    plural = [m for m in catalog if m.id and isinstance(m.id, (list, tuple))]
    if not plural or result.nplurals is None:
        return
    want = get_plural(language.cldr)
    header_forms = _plural_function(result.plural_expr)
    cldr_forms = _plural_function(want.plural_expr)
    # Numbers where the header and CLDR group numbers differently (one form vs several).
    disagree = [
        n for n in range(1000)
        if len({header_forms(k) for k in range(1000) if cldr_forms(k) == cldr_forms(n)}) > 1
    ][:3]
    for message in plural:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if not any(strings):
            continue
        key = (message.context, message.id[0])
        if len(strings) != result.nplurals:
            problem(message.lineno, f"{len(strings)} plural forms", f"{result.nplurals}, as the Plural-Forms header says",
                    entry=key)
        elif disagree:
            problem(message.lineno, f"the Plural-Forms header and CLDR put n = {', '.join(map(str, disagree))} in "
                    "different forms", f"CLDR's rule 'plural={want.plural_expr}', or forms that fit both",
                    entry=key, blocking=False)


def check_file(path: Path, data: bytes, language: Language, template: Catalog | None, shown: str) -> FileCheck:
    """Run the file gate on one catalog.

    Args:
        path: the catalog on disk.
        data: its bytes.
        language: the language of the folder it is in.
        template: its template, or ``None`` when the template is missing.
        shown: the path to show in messages.
    """
    from kyr.i18n.pofile import parse_po

    result = FileCheck()
    entries: list = []

    def entry_at(number: int | None):
        for entry in entries:
            if number is not None and entry.line <= number <= entry.end_line and not entry.is_header:
                return entry.key
        return None

    def problem(line: int | None, message: str, expected: str, *, entry=None, blocking: bool = True) -> None:
        english = entry[1] if entry else None
        result.problems.append(Problem(shown, line, language.code, message, expected, blocking=blocking,
                                       english=english, scope="entry" if entry else "file"))
        if entry and blocking:
            result.refused.add(entry)

    if len(data) > MAX_BYTES:
        problem(None, f"the file is {len(data)} bytes", f"at most {MAX_BYTES} bytes")
        return result
    if data.startswith(b"\xef\xbb\xbf"):
        problem(1, "the file starts with a byte-order mark", "UTF-8 without a BOM (any PO editor can save it so)")
        return result
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(data[: e.start].count(b"\n") + 1, "the file is not valid UTF-8", "UTF-8 text")
        return result
    # Windows line endings are read as Unix ones; a lone carriage return hides the next line.
    text = text.replace("\r\n", "\n")
    for number, line in _lines(text):
        if "\r" in line:
            problem(number, "a carriage return (CR) alone in the line", "line endings that are LF or CR LF")
    if result.problems:
        return result
    file_problems = len(result.problems)
    _lex(text, problem)
    _duplicates(text, problem)
    if len(result.problems) > file_problems:
        return result
    po = parse_po(text)
    entries = po.entries
    for number, line in _lines(text):
        bad = _CONTROL_RE.search(line)
        if bad:
            problem(number, f"control character U+{ord(bad.group()):04X}", "no control characters", entry=entry_at(number))
    _msgfmt(text, problem, entry_at)
    from kyr.i18n.pofile import to_catalog

    catalog = to_catalog(po, language.cldr)
    _header(catalog, language, problem, result)
    _plural_entries(catalog, language, result, problem)
    if template is None:
        problem(None, "there is no template for this catalog", "a page of the site (locales/templates/<page>.pot)")
    else:
        known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
        for message in catalog:
            if not message.id:
                continue
            key = (message.context, message.id if isinstance(message.id, str) else message.id[0])
            if key not in known:
                problem(
                    message.lineno,
                    f"msgid {key[1][:60]!r} is not in the English source",
                    "msgids exactly as in the template (the English side is not edited in .po files)",
                )
    if not any(p.blocking and p.scope == "file" for p in result.problems):
        result.catalog = catalog
    return result
