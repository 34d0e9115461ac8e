"""Entry-level gate: each translation against its English source.

Numbers
    Every number of the English must be in the translation, and the translation has no other:
    a changed, added or missing number refuses the entry (so does "2O25", with a letter O).
    A locale's own digits count as the same number (Arabic-Indic in Arabic, Extended
    Arabic-Indic in Persian, Dari and Urdu, Devanagari in Hindi, Gurmukhi in Punjabi), one
    script per number; grouping follows the locale (10,000 = 10.000 = 10 000); a date may
    give its month as a number where the English names it (27 November = 11月27日) and a time
    may use the 24-hour clock (6 p.m. = 18). Phone numbers, statute sections, bill numbers,
    dollar amounts and e-mail addresses must also appear exactly as written.

Invisible characters
    Format and default-ignorable characters are refused (Unicode tags U+E0000–E007F used to
    smuggle text, zero-width spaces, soft hyphens, variation selectors, bidi embeddings...),
    except those a language's script needs: ZWNJ and ZWJ in Arabic-script and Indic scripts,
    direction marks and balanced isolates in right-to-left languages; and never inside a
    number, a placeholder, code or an address.
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

#: The digit scripts a language may use besides ASCII, by the first letter of its zero.
_DIGIT_SCRIPTS = {"arabic": "\u0660", "persian": "\u06f0", "devanagari": "\u0966", "gurmukhi": "\u0a66",
                  "bengali": "\u09e6"}
_ALLOWED_DIGIT_SCRIPTS = {
    "ar": ("ascii", "arabic"), "fa": ("ascii", "persian", "arabic"), "ur": ("ascii", "persian"),
    "ps": ("ascii", "persian", "arabic"), "hi": ("ascii", "devanagari"), "mr": ("ascii", "devanagari"),
    "ne": ("ascii", "devanagari"), "pa": ("ascii", "gurmukhi"), "bn": ("ascii", "bengali"),
}
#: Languages whose scripts need ZWNJ/ZWJ (Arabic script, Indic scripts, and a few others).
_JOINER_LANGUAGES = frozenset("ar fa ur ps ckb sd ug hi mr ne pa bn gu or ta te kn ml si km my".split())
_RTL_LANGUAGES = frozenset("ar fa ur ps ckb sd ug he yi dv".split())

_BIDI_EMBEDDING = re.compile("[\u202a-\u202e]")  # LRE RLE PDF LRO RLO
_ISOLATE_OPEN = "\u2066\u2067\u2068"  # LRI RLI FSI
_ISOLATE_CLOSE = "\u2069"  # PDI
_JOINERS = "\u200c\u200d"  # ZWNJ ZWJ
_DIRECTION_MARKS = "\u200e\u200f\u061c"  # LRM RLM ALM
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Default-ignorable code points (Unicode's DerivedCoreProperties), beyond category Cf.
_DEFAULT_IGNORABLE = re.compile(
    "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or bool(_DEFAULT_IGNORABLE.match(ch))


def _allowed_invisible(ch: str, lang: str) -> bool:
    base = lang.split("-")[0]
    if ch in _JOINERS:
        return base in _JOINER_LANGUAGES
    if ch in _DIRECTION_MARKS or ch in _ISOLATE_OPEN or ch == _ISOLATE_CLOSE:
        return base in _RTL_LANGUAGES
    return False


def _digit_script(ch: str) -> str:
    if "0" <= ch <= "9":
        return "ascii"
    for name, zero in _DIGIT_SCRIPTS.items():
        if ord(zero) <= ord(ch) <= ord(zero) + 9:
            return name
    return "other"


def normalize_digits(text: str) -> str:
    """Digits of any script (Arabic-Indic, Devanagari, ...) as ASCII digits."""
    return "".join(str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" and not "0" <= ch <= "9" else ch
                   for ch in text)


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
_NUMBER_RE = re.compile(r"\d(?:[\d\u200b-\u200f\u2060-\u2069\ufeff\U000e0000-\U000e007f.,()\s-]*\d)?")


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
    seen: set[str] = set()
    for ch in msgstr:
        if ch in seen or not _invisible(ch) or _BIDI_EMBEDDING.match(ch):
            continue
        seen.add(ch)
        if not _allowed_invisible(ch, lang):
            name = unicodedata.name(ch, "").lower() or ("a Unicode tag character" if 0xE0000 <= ord(ch) <= 0xE007F else "a format character")
            report(f"an invisible character U+{ord(ch):04X} ({name})",
                   "visible text only (the invisible characters this language's script needs are allowed)")
    for pattern, what in ((_CODE_RE, "code"), (_URL_RE, "a web address"), (_EMAIL_RE, "an e-mail address"),
                          (PLACEHOLDER_RE, "a placeholder"), (_PHONE_RE, "a phone number")):
        for m in pattern.finditer(msgstr):
            if any(_invisible(ch) for ch in m.group(0)):
                report(f"an invisible character inside {what}", "nothing invisible in numbers, codes and addresses")
                break
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
        if any(_invisible(ch) for ch in number.strip()):
            report(f"an invisible character inside the number {number!r}", "digits and separators only")


_MONTHS = {name: i for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"),
), 1) for name in names}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A month named in a date ("June 23", "Jan. 30", "23 June 2026", "June 2026"), or a month on its
# own with its capital ("in June"), never the verb "may".
_MONTH_RE = re.compile(
    rf"\b({_MONTH_NAMES})\b\.?(?=\s+\d)|(?<=\d\s)({_MONTH_NAMES})\b|"
    rf"(?-i:\b({'|'.join(name.capitalize() for name in sorted(_MONTHS, key=len, reverse=True) if name != 'may')})\b)",
    re.I,
)
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
# Ordinals ("the Ninth Circuit" is 第九 or 제9 in a translation).
_WORD_NUMBERS |= {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()) if i}
_WORD_NUMBER_RE = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I)
_PM_RE = re.compile(r"(\d{1,2})(?::\d\d)?\s*p\.?\s?m\b\.?", re.I)
# A run of digits, with the locale's grouping of thousands (10,000 10.000 10 000 10'000).
_PLAIN_NUMBER_RE = re.compile(r"\d+(?:[,.\u00a0\u202f\u2009' ]\d{3}(?!\d))*")


def _plain_numbers(text: str) -> Counter[str]:
    """Every number in a text, as ASCII digits without grouping (placeholders, code, addresses
    and formats are compared on their own, so they are left out)."""
    for pattern in (PLACEHOLDER_RE, _PYFORMAT_RE, _CODE_RE, _URL_RE, _EMAIL_RE):
        text = pattern.sub(" ", text)
    text = normalize_digits(text)
    out: Counter[str] = Counter()
    for m in _PLAIN_NUMBER_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0)).lstrip("0") or "0"
        out[digits] += 1
    return out


def _check_all_numbers(msgid: str, msgstr: str, report: Report) -> None:
    source, translation = _plain_numbers(msgid), _plain_numbers(msgstr)
    if source == translation:
        return
    # What a locale may write differently: a month named in the English as a number, and a time
    # after noon on the 24-hour clock.
    optional = Counter(str(_MONTHS[(m.group(1) or m.group(2) or m.group(3)).lower()]) for m in _MONTH_RE.finditer(msgid))
    # A number the English spells out ("eight per sheet") may be written with digits.
    optional += Counter(str(_WORD_NUMBERS[m.group(1).lower()]) for m in _WORD_NUMBER_RE.finditer(msgid))
    for m in _PM_RE.finditer(normalize_digits(msgid)):
        hour = int(m.group(1))
        if hour < 12 and translation[str(hour + 12)] > 0 and translation[str(hour)] < source[str(hour)]:
            translation[str(hour + 12)] -= 1
            translation[str(hour)] += 1
    extra = translation - source
    for number, count in list(extra.items()):
        # Written again (the English sentence to say aloud kept beside its translation), or as
        # the language writes a month or a number the English spells out.
        allowed = count if source[number] else min(count, optional[number])
        extra[number] -= allowed
    extra += Counter()
    missing = source - translation
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(sorted(missing.elements(), key=lambda n: (len(n), n))))
        if extra:
            parts.append("not in the English " + ", ".join(sorted(extra.elements(), key=lambda n: (len(n), n))))
        report(f"numbers differ from the English ({'; '.join(parts)})",
               "every number of the English, written with digits (dates and times may follow the language)")


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
    english_plain = _plain_numbers(msgid)
    new = [
        t for t in _tokens(_SECTIONISH_RE, norm)
        if t not in english_numbers and not any(t in s for s in english_numbers)
        # 10.000 is ten thousand where dots group thousands, not a section.
        and not (re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t) and english_plain[t.replace(".", "")])
    ]
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
    _check_all_numbers(msgid, msgstr, report)
    _check_markdown(msgid, msgstr, report)
    _check_html(msgid, msgstr, report)
    _check_length(msgid, msgstr, report)
