"""File-level gate: a catalog is readable, well-formed and matches its template and language."""

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
    """The result of the file gate: the parsed catalog if it passed, and what is wrong."""

    catalog: Catalog | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.catalog is not None and not self.problems


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


def _msgfmt(path: Path, problem) -> None:
    exe = shutil.which("msgfmt")
    if exe is None:
        problem(None, "GNU msgfmt is not installed, so the catalog cannot be checked", "gettext installed (scripts/setup.sh build)")
        return
    proc = subprocess.run(
        [exe, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True, timeout=60
    )
    if proc.returncode == 0:
        return
    for line in proc.stderr.splitlines():
        m = re.match(r"^.*?:(\d+):(?:\d+:)?\s*(.*)$", line)
        # Duplicates are reported by _duplicates, with the msgid and the first line.
        if m and not re.search(r"this is the location of the first definition|duplicate message definition", line):
            problem(int(m.group(1)), f"msgfmt: {m.group(2)}", "msgfmt --check to pass")
    if not any(re.match(r"^.*?:\d+:", line) for line in proc.stderr.splitlines()):
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


def _header(catalog: Catalog, language: Language, problem) -> None:
    content_type = catalog.mime_headers and dict(catalog.mime_headers).get("Content-Type", "")
    charset = re.search(r"charset=([\w-]+)", content_type or "")
    if not charset or charset.group(1).lower() != "utf-8":
        problem(None, f"header Content-Type is {content_type!r}", "'text/plain; charset=UTF-8'")
    header_lang = dict(catalog.mime_headers).get("Language", "")
    if header_lang and header_lang.replace("-", "_") not in {language.cldr, language.code.replace("-", "_"), language.locale.language}:
        problem(None, f"header Language is {header_lang!r}", f"{language.cldr!r} for the {language.code}/ folder")
    forms = dict(catalog.mime_headers).get("Plural-Forms", "")
    want = get_plural(language.cldr)
    m = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*$", forms)
    expected = f"'nplurals={want.num_plurals}; plural={want.plural_expr};' (CLDR)"
    if not m:
        problem(None, f"header Plural-Forms is {forms!r}", expected)
    elif int(m.group(1)) != want.num_plurals or re.sub(r"\s", "", m.group(2)).strip("()") != re.sub(r"\s", "", want.plural_expr).strip("()"):
        problem(None, f"header Plural-Forms is {forms!r}", expected)


def check_file(path: Path, data: bytes, language: Language, template: Catalog | None, shown: str) -> FileCheck:
    """Run the file gate on one catalog.

    Args:
        path: the catalog on disk (msgfmt reads it).
        data: its bytes.
        language: the language of the folder it is in.
        template: its template, or ``None`` when the template is missing.
        shown: the path to show in messages.
    """
    result = FileCheck()

    def problem(line: int | None, message: str, expected: str) -> None:
        result.problems.append(Problem(shown, line, language.code, message, expected))

    if len(data) > MAX_BYTES:
        problem(None, f"the file is {len(data)} bytes", f"at most {MAX_BYTES} bytes")
        return result
    if data.startswith(b"\xef\xbb\xbf"):
        problem(1, "the file starts with a byte-order mark", "UTF-8 without a BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(data[: e.start].count(b"\n") + 1, "the file is not valid UTF-8", "UTF-8 text")
        return result
    for number, line in _lines(text):
        if "\r" in line:
            problem(number, "a carriage return (CR) in the line", "Unix line endings (LF only)")
        bad = _CONTROL_RE.search(line)
        if bad:
            problem(number, f"control character U+{ord(bad.group()):04X}", "no control characters")
    if result.problems:
        return result
    _lex(text, problem)
    _duplicates(text, problem)
    _msgfmt(path, problem)
    try:
        catalog = read_po(io.StringIO(text), locale=language.cldr, abort_invalid=True)
    except PoFileError as e:
        problem((e.lineno or 0) + 1, f"Babel cannot read it: {e.args[0] if e.args else e}", "a valid PO file")
        return result
    except (ValueError, IndexError, KeyError) as e:
        problem(None, f"Babel cannot read it: {e}", "a valid PO file")
        return result
    _header(catalog, language, problem)
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
    if not result.problems:
        result.catalog = catalog
    return result
