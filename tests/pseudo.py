"""Pseudo-locales for tests (never published).

- :func:`accented`: every letter accented, about 35% longer, bracketed. Text that shows up in
  plain ASCII on a page built with it was never extracted; text that overflows at phone width
  will overflow in German-length languages too.
- :func:`attack`: every entry tries a different injection. The gates must refuse every one.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog

from kyr.i18n.catalogs import Layout, read_catalog, render_po

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ"
_TABLE = str.maketrans(_PLAIN, _ACCENTED)
# Left exactly as in the English: placeholders, format strings, code, addresses, anything with a
# digit, all-caps abbreviations (SB, ICE, U.S.), and Markdown link syntax.
_KEEP = re.compile(
    r"\{\d+\}|%\(\w+\)[sd]|%%|(`+).+?\1|https?://\S+|[\w.+-]+@[\w.-]+|[A-Z]+-\d+|[$§]?\d[\d.,/]*"
    r"|\([a-z0-9]{1,3}\)|\b(?:[A-Z]\.?){2,}\b|\]\(|\]\[|[\[\]()*]"
)
_FILLER = "ƥȧḓḓīƞɠ ŧḗẋŧ ŧǿ ḿȧķḗ īŧ ŀǿƞɠḗř ȧƞḓ ŀǿƞɠḗř ȧɠȧīƞ ȧƞḓ ȧɠȧīƞ "


def accented(msgid: str) -> str:
    out, last = [], 0
    for m in _KEEP.finditer(msgid):
        out.append(msgid[last : m.start()].translate(_TABLE))
        out.append(m.group(0))
        last = m.end()
    out.append(msgid[last:].translate(_TABLE))
    body = "".join(out)
    pad_length = max(2, round(len(msgid) * 0.35))
    pad = (_FILLER * (pad_length // len(_FILLER) + 1))[:pad_length].strip()
    return f"⟦{body} {pad}⟧"


ATTACKS = [
    lambda s: s + " <img src=x onerror=alert(1)>",
    lambda s: s + " <script>alert(1)</script>",
    lambda s: s + " [x](javascript:alert(1))",
    lambda s: s + " ![](https://evil.example/t.gif)",
    lambda s: s + "{: onclick=alert(1) }",
    lambda s: "\u202e" + s,
    lambda s: re.sub(r"\{\d+\}", "{9}", s) if re.search(r"\{\d+\}", s) else s + " {7}",
    lambda s: s + " Call (415) 555-0199.",
    lambda s: "# " + s,
    lambda s: s + ' --8<-- "mkdocs.yml"',
    lambda s: s + "\n[ref]: https://evil.example/",
    lambda s: s + " &#106;avascript:alert(1)",
    lambda s: s + " Fines: $99,999.",
    lambda s: s + " <svg onload=alert(1)>",
    lambda s: s + " [more](https://evil.example/)",
    lambda s: s + " \u2067unclosed",
    lambda s: s + " 𝟗𝟏𝟏",
    lambda s: s + " <a href=//evil.example>x</a>",
]

#: Strings that must never appear in a page built from the attack locale.
ATTACK_MARKERS = ("evil.example", "alert(1)", "onerror", "onload", "onclick", "555-0199", "99,999",
                  "\u202e", "\u2067unclosed", "𝟗", "--8<--")


def attack(msgid: str, index: int) -> str:
    text = ATTACKS[index % len(ATTACKS)](msgid)
    if "%(" in msgid:  # theme strings: also drop their values
        text = re.sub(r"%\(\w+\)s", "", text)
    return text


def write_locale(layout: Layout, code: str, translate) -> int:
    """Write a catalog for every template, translating each msgid with ``translate(msgid, i)``."""
    count = 0
    for domain in layout.domains():
        template = read_catalog(layout.template(domain))
        catalog = Catalog(locale="en", domain=domain, fuzzy=False, charset="utf-8")
        for message in template:
            if not message.id:
                continue
            catalog.add(message.id, translate(message.id, count), locations=message.locations,
                        auto_comments=message.auto_comments, flags=message.flags)
            count += 1
        path = layout.catalog(code, domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_po(catalog))
    return count


def add_language(config: Path, entry: str) -> None:
    """Add a language entry (e.g. ``{code: en-XA, locale: en}``) to mkdocs.yml's list."""
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(languages: \[)([^\]]*)\]", lambda m: f"{m.group(1)}{m.group(2)}, {entry}]", text, count=1)
    config.write_text(text, encoding="utf-8")
