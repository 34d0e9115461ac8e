"""Entry-level gate: each translation against its English source.

Numbers in translations
    Translations may write digits in ASCII or, in Arabic and Persian, in Arabic-Indic digits
    (U+0660–0669, U+06F0–06F9); both are compared as the same digits. One number must use one
    script; fullwidth (U+FF10–FF19), mathematical (U+1D7CE–1D7FF) and other digit forms are
    refused, and so is any invisible character inside a number. Phone numbers, statute sections,
    bill numbers (SB 54), dollar amounts and e-mail addresses must appear exactly as often as in
    the English; other numbers (dates, hours) may be written as the language needs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

import nh3

from kyr.i18n.placeholders import PLACEHOLDER_RE

__all__ = ["check_entry", "normalize_digits"]

Report = Callable[[str, str], None]

# -- Characters -------------------------------------------------------------------------------

_ARABIC_INDIC = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_EXT_ARABIC_INDIC = {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}
_ALLOWED_DIGIT_SCRIPTS = {"ar": ("ascii", "arabic"), "fa": ("ascii", "persian"), "ur": ("ascii", "persian")}

_BIDI_EMBEDDING = re.compile("[\u202a-\u202e]")  # LRE RLE PDF LRO RLO
_ISOLATE_OPEN = "\u2066\u2067\u2068"  # LRI RLI FSI
_ISOLATE_CLOSE = "\u2069"  # PDI
_INVISIBLE = re.compile("[\u200b\u2060-\u2064\ufeff\u00ad\u180e\u115f\u1160\u3164\uffa0]")
_JOINERS = re.compile("[\u200c\u200d\u200e\u200f\u061c]")  # ZWNJ ZWJ LRM RLM ALM: allowed in text
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _digit_script(ch: str) -> str:
    if "0" <= ch <= "9":
        return "ascii"
    if "\u0660" <= ch <= "\u0669":
        return "arabic"
    if "\u06f0" <= ch <= "\u06f9":
        return "persian"
    return "other"


def normalize_digits(text: str) -> str:
    """Arabic-Indic digits as ASCII digits."""
    return text.translate(_ARABIC_INDIC).translate(_EXT_ARABIC_INDIC)


# -- Protected tokens -------------------------------------------------------------------------

_PHONE_RE = re.compile(
    r"(?<![A-Za-z0-9.])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)"
    r"|\+\d[\d\s().-]{7,}\d"
    r"|(?<![A-Za-z0-9.$])9-?1-?1(?![A-Za-z0-9]|[.,]\d)"
)
#: A phone number spelled partly with letters ("203-NO-MIGRA", "1-800-FLOWERS"): kept as written.
_PHONE_WORDS_RE = re.compile(r"(?<![\w-])(?:1-)?\d{3}-(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{2,}(?:-[A-Z0-9]{2,})*(?![\w-])")
_SECTION_CONTEXT_RE = re.compile(
    r"(?:§+|\bCode\b|\bC\.F\.R\.|\bU\.S\.C\.|\bSections?\b|\bch\.|\bchapter\b|\bart\.|\bRule\b)"
    r"\s*(?:§+\s*)?(\d+[A-Za-z]?(?:\.\d+)*(?:\([a-z0-9]+\))*(?:\s*[–-]\s*\d+(?:\.\d+)*)?)"
)
_SECTIONISH_RE = re.compile(r"(?<![\d.,])\d+(?:\.\d+)+(?:\([a-z0-9]+\))*|\d+(?:\([a-z0-9]+\))+")
_BILL_RE = re.compile(r"(?<![A-Za-z])(?:SB|AB|HB|S\.B\.|A\.B\.)\s?\d+(?!\d)")
_DOLLAR_RE = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s)\]>\"']+", re.I)
_CODE_RE = re.compile(r"(`+)(.+?)\1")
_PYFORMAT_RE = re.compile(r"%\([A-Za-z_]\w*\)[sdifr]|%%")
_NUMBER_RE = re.compile(r"[\d\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\U0001d7ce-\U0001d7ff]"
                        r"(?:[\d\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\U0001d7ce-\U0001d7ff\u200b-\u200f\u2060-\u2069\ufeff.,()\s-]*"
                        r"[\d\u0660-\u0669\u06f0-\u06f9\uff10-\uff19\U0001d7ce-\U0001d7ff])?")


def _digits_only(text: str) -> str:
    return re.sub(r"\D", "", normalize_digits(text))


def _tokens(pattern: re.Pattern[str], text: str, key=lambda s: s) -> Counter[str]:
    return Counter(key(m.group(0)) for m in pattern.finditer(text))


def _section_key(text: str) -> str:
    return text.replace(" ", "").replace("\u2013", "-").replace("\u2014", "-")


def _count_section(section: str, text: str) -> int:
    """How often a section number appears anywhere in ``text`` (not as part of a longer one)."""
    pattern = r"(?<![\d.])" + re.escape(section) + r"(?![\d(]|\.\d)"
    return len(re.findall(pattern, _section_key(text)))


def _sections(text: str) -> set[str]:
    """Statute section numbers of the English, found by their context (Code, §, U.S.C., ...)."""
    return {_section_key(m.group(1)) for m in _SECTION_CONTEXT_RE.finditer(text)}


# -- Checks -----------------------------------------------------------------------------------


def _check_characters(msgstr: str, lang: str, report: Report) -> None:
    if _CONTROL.search(msgstr):
        report("a control character", "printable text only")
    if "\t" in msgstr:
        report("a tab character", "spaces")
    if _BIDI_EMBEDDING.search(msgstr):
        report("a bidi embedding or override control (U+202A–U+202E)", "no such controls; the site sets direction itself")
    depth = 0
    for ch in msgstr:
        if ch in _ISOLATE_OPEN:
            depth += 1
        elif ch == _ISOLATE_CLOSE:
            depth -= 1
            if depth < 0:
                break
    if depth != 0:
        report("unbalanced bidi isolates (U+2066–U+2069)", "every isolate closed in the same entry, or none")
    if _INVISIBLE.search(msgstr):
        ch = _INVISIBLE.search(msgstr).group()
        report(f"an invisible character U+{ord(ch):04X}", "visible text (ZWNJ, ZWJ, LRM, RLM and ALM are allowed)")
    if "\ufffd" in msgstr:
        report("a replacement character (U+FFFD), the trace of a broken encoding", "the intended character")


def _check_numbers(msgstr: str, lang: str, report: Report) -> None:
    allowed = _ALLOWED_DIGIT_SCRIPTS.get(lang.split("-")[0], ("ascii",))
    for m in _NUMBER_RE.finditer(msgstr):
        number = m.group(0)
        scripts = {_digit_script(ch) for ch in number if unicodedata.category(ch) == "Nd"}
        if "other" in scripts:
            odd = next(ch for ch in number if unicodedata.category(ch) == "Nd" and _digit_script(ch) == "other")
            report(f"the number {number!r} uses {unicodedata.name(odd, 'unusual').lower()} digits", "ASCII digits" + (" or Arabic-Indic digits" if len(allowed) > 1 else ""))
        elif len(scripts) > 1:
            report(f"the number {number!r} mixes digit scripts", "one digit script per number")
        elif scripts and not scripts <= set(allowed):
            report(f"the number {number!r} uses {scripts.pop()} digits", "ASCII digits")
        if re.search("[\u200b-\u200f\u2060-\u2069\ufeff\u061c]", number):
            report(f"an invisible character inside the number {number!r}", "digits and separators only")


def _compare(name: str, source: Counter[str], translation: Counter[str], report: Report, show=repr) -> None:
    if source == translation:
        return
    missing = source - translation
    extra = translation - source
    parts = []
    if missing:
        parts.append("missing " + ", ".join(show(t) for t in sorted(missing.elements())))
    if extra:
        parts.append("not in the English " + ", ".join(show(t) for t in sorted(extra.elements())))
    report(f"{name} differ from the English ({'; '.join(parts)})", f"the same {name} as the English")


def _check_tokens(msgid: str, msgstr: str, report: Report) -> None:
    _compare("placeholders", _tokens(PLACEHOLDER_RE, msgid), _tokens(PLACEHOLDER_RE, msgstr), report)
    _compare("format placeholders", _tokens(_PYFORMAT_RE, msgid), _tokens(_PYFORMAT_RE, msgstr), report)
    norm = normalize_digits(msgstr)
    _compare("phone numbers", _tokens(_PHONE_RE, msgid, _digits_only), _tokens(_PHONE_RE, norm, _digits_only), report)
    _compare("phone numbers in words", _tokens(_PHONE_WORDS_RE, msgid), _tokens(_PHONE_WORDS_RE, msgstr), report)
    # A statute section may follow a translated word ("Código 90.2"), so count the English
    # section numbers wherever they appear, and refuse section-like numbers the English lacks.
    source_sections = _sections(msgid)
    _compare(
        "statute sections",
        Counter({s: _count_section(s, msgid) for s in source_sections}),
        Counter({s: _count_section(s, norm) for s in source_sections}),
        report,
    )
    english_numbers = set(_tokens(_SECTIONISH_RE, msgid)) | set(source_sections)
    new = [t for t in _tokens(_SECTIONISH_RE, norm) if t not in english_numbers and not any(t in s for s in english_numbers)]
    if new:
        report(f"section-like numbers not in the English: {', '.join(new)}", "the English's statute and section numbers only")
    _compare("bill numbers", _tokens(_BILL_RE, msgid, lambda s: s.replace(" ", "").replace(".", "")),
             _tokens(_BILL_RE, norm, lambda s: s.replace(" ", "").replace(".", "")), report)
    _compare("dollar amounts", _tokens(_DOLLAR_RE, msgid, lambda s: s.replace(" ", "")),
             _tokens(_DOLLAR_RE, norm, lambda s: s.replace(" ", "")), report)
    _compare("e-mail addresses", _tokens(_EMAIL_RE, msgid), _tokens(_EMAIL_RE, msgstr), report)
    _compare("web addresses", _tokens(_URL_RE, msgid), _tokens(_URL_RE, msgstr), report)
    _compare("code spans", _tokens(_CODE_RE, msgid), _tokens(_CODE_RE, msgstr), report)


_LINK_RE = re.compile(r"(!?)\[(?:[^\[\]\\]|\\.)*\]\(((?:[^()\s]|\([^()\s]*\))*)\)")
_REF_LINK_RE = re.compile(r"\]\[([^\]]*)\]")
_BLOCK_START_RE = re.compile(r"^\s*(?:#{1,6}(?:\s|$)|>|[-+*]\s|\d+[.)]\s|!!!|\?\?\?|///|:\s|\|)")
_SCRIPT_URL_RE = re.compile(r"(?:java|vb|live)script\s*:|data\s*:\s*[a-z]+/", re.I)


def _check_markdown(msgid: str, msgstr: str, report: Report) -> None:
    def links(text: str) -> Counter[str]:
        return Counter(f"{m.group(1)}[...]({m.group(2)})" for m in _LINK_RE.finditer(text))

    source_links, links_here = links(msgid), links(msgstr)
    _compare("links and images", source_links, links_here, report, show=str)
    for m in _LINK_RE.finditer(msgstr):
        if not PLACEHOLDER_RE.fullmatch(m.group(2)):
            report(f"a link to {m.group(2)!r} written in the translation", "links only as [text]({N}) with the English's placeholders")
    if re.search(r"\]\s+\(", msgstr) and not re.search(r"\]\s+\(", msgid):
        report("a space between ] and (, which breaks the link", "[text]({N}) with no space")
    _compare("reference links", _tokens(_REF_LINK_RE, msgid), _tokens(_REF_LINK_RE, msgstr), report)
    for marker, name in (("!!!", "an admonition marker"), ("???", "an admonition marker"),
                         ("--8<--", "a snippet include"), ("{{", "a macro"), ("{:", "an attribute list"),
                         ("[^", "a footnote")):
        if msgstr.count(marker) > msgid.count(marker):
            report(f"{name} ({marker})", f"no {name.split(' ', 1)[1]}s (they come from the English page)")
    if re.search(r"(?m)^\s*\[[^\]]+\]:\s*\S", msgstr):
        report("a link reference definition", "no reference definitions")
    braces = PLACEHOLDER_RE.sub("", msgstr)
    if ("{" in braces or "}" in braces) and braces.count("{") + braces.count("}") > PLACEHOLDER_RE.sub("", msgid).count("{") + PLACEHOLDER_RE.sub("", msgid).count("}"):
        report("curly braces outside placeholders", "braces only in {N} placeholders")
    if _BLOCK_START_RE.match(msgstr) and not _BLOCK_START_RE.match(msgid):
        report("the translation starts like a heading, list, quote or table", "it to start with text, as the English does")
    if "\n" in msgstr and "\n" not in msgid:
        report("a line break", "one line, as the English")
    if msgstr != msgstr.strip() and msgid == msgid.strip():
        report("leading or trailing spaces", "none, as the English")
    for mark in ("**", "`"):
        if msgstr.count(mark) % 2 and not msgid.count(mark) % 2:
            report(f"an unpaired {mark}", f"{mark} in pairs")


def _check_html(msgid: str, msgstr: str, report: Report) -> None:
    # Markdown shows code spans as text (and they must equal the English's): leave them out.
    msgid, msgstr = _CODE_RE.sub("", msgid), _CODE_RE.sub("", msgstr)
    decoded = html.unescape(html.unescape(msgstr))
    source_tags = set(re.findall(r"</?\s*([a-zA-Z][\w-]*)", PLACEHOLDER_RE.sub("", msgid)))
    tags = set(re.findall(r"</?\s*([a-zA-Z][\w-]*)", decoded)) - source_tags
    if tags or re.search(r"<\s*[!?]", decoded):
        report(f"HTML in the translation ({', '.join(sorted(tags)) or 'markup'})", "plain text: formatting comes from the English's placeholders")
    squeezed = re.sub(r"[\s\x00-\x1f]+", "", decoded)
    if _SCRIPT_URL_RE.search(squeezed) and not _SCRIPT_URL_RE.search(re.sub(r"\s+", "", msgid)):
        report("a script or data URL", "no javascript:, vbscript: or data: addresses")
    if "&" in msgstr and re.search(r"&#?\w+;", msgstr) and not re.search(r"&#?\w+;", msgid):
        report("HTML character references (&...;)", "the characters themselves")
    # Backstop: a real sanitiser, allowing only what the English has, must not change the text.
    cleaned = nh3.clean(msgstr, tags=source_tags, attributes={}, link_rel=None)
    if html.unescape(cleaned) != html.unescape(msgstr) and not tags:
        report("markup the HTML sanitiser removes", "plain text")


def _check_length(msgid: str, msgstr: str, report: Report) -> None:
    n, m = len(msgid), len(msgstr)
    if m > 5 * n + 40:
        report(f"the translation is {m} characters for {n} in the English", f"at most {5 * n + 40}")
    elif n >= 40 and m < n // 10:
        report(f"the translation is {m} characters for {n} in the English", f"at least {n // 10}")


def check_entry(msgid: str, msgstr: str, lang: str, report: Report) -> None:
    """Run every entry check; ``report(what is wrong, what was expected)`` for each problem."""
    _check_characters(msgstr, lang, report)
    _check_numbers(msgstr, lang, report)
    _check_tokens(msgid, msgstr, report)
    _check_markdown(msgid, msgstr, report)
    _check_html(msgid, msgstr, report)
    _check_length(msgid, msgstr, report)
