"""Term bases: each language renders key legal terms the same way everywhere.

``locales/<code>/glossary.yml``::

    terms:
      - en: judicial warrant             # the English term (plural "-s" matches too)
        translation: orden judicial      # what the translation must contain
        also: [orden firmada por un juez]  # other accepted renderings (inflections, short forms)
        note: Never "orden de arresto" alone.

An entry whose English contains a term but whose translation contains none of its renderings
is reported (a warning: strict builds and ``scripts/i18n.py check`` fail on it) but still shown,
since the problem is consistency, not safety.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from kyr.schema import ConfigError, Text, validate


__all__ = ["Term", "check_terms", "load_terms"]


class TermSchema(base.Config):
    en = Text("judicial warrant")
    translation = Text()
    also = c.ListOfItems(c.Type(str), default=[])
    note = c.Type(str, default="")


@dataclass(frozen=True)
class Term:
    en: str
    renderings: tuple[str, ...]
    pattern: re.Pattern[str]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def load_terms(path: Path, shown: str) -> list[Term]:
    """Read a term base; a missing file means no terms.

    Raises:
        ConfigError: naming the file, the entry and the key.
    """
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise ConfigError(f"{shown}: not valid YAML: {e}") from None
    entries = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{shown}: terms: expected a list of terms with 'en' and 'translation'")
    terms, errors = [], []
    for i, entry in enumerate(entries):
        try:
            cfg = validate(TermSchema, entry, source=shown, where=f"terms[{i}]")
        except ConfigError as e:
            errors.append(str(e))
            continue
        words = [re.escape(w) for w in cfg.en.split()]
        # Any case, any spacing, plural -s/-es on the last word; hyphens as written, so that
        # "A-number" does not match "a number".
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?:e?s)?(?![\w-])", re.I)
        renderings = tuple(_fold(r) for r in [cfg.translation, *cfg.also] if r.strip())
        terms.append(Term(cfg.en, renderings, pattern))
    if errors:
        raise ConfigError("\n".join(errors))
    return terms


def check_terms(msgid: str, msgstr: str, terms: list[Term], report) -> None:
    """Report each term of the English that the translation does not render as agreed."""
    folded = _fold(msgstr)
    for term in terms:
        if term.pattern.search(msgid) and not any(r in folded for r in term.renderings):
            report(
                f"the term {term.en!r} is not rendered as in the term base",
                " or ".join(repr(r) for r in term.renderings) + " (locales/<lang>/glossary.yml)",
            )


# -- Exports for translation tools ----------------------------------------------------------


def export_tbx(path: Path, shown: str, language_code: str) -> str:
    """The term base as TBX (the ``martif`` form Weblate's translate-toolkit and most tools read).

    Raises:
        ConfigError: as :func:`load_terms`.
    """
    from xml.sax.saxutils import escape, quoteattr

    entries = _raw_terms(path, shown)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- Made by scripts/i18n.py update from glossary.yml; edit glossary.yml instead. -->",
        '<martif type="TBX" xml:lang="en">',
        "  <martifHeader><fileDesc><sourceDesc><p>kyr term base</p></sourceDesc></fileDesc></martifHeader>",
        "  <text><body>",
    ]
    for i, term in enumerate(entries, 1):
        out.append(f'    <termEntry id="t{i}">')
        if term["note"]:
            out.append(f"      <descrip type=\"definition\">{escape(term['note'])}</descrip>")
        out.append(f'      <langSet xml:lang="en"><tig><term>{escape(term["en"])}</term></tig></langSet>')
        renderings = "".join(f"<tig><term>{escape(r)}</term></tig>" for r in [term["translation"], *term["also"]])
        out.append(f"      <langSet xml:lang={quoteattr(language_code)}>{renderings}</langSet>")
        out.append("    </termEntry>")
    out += ["  </body></text>", "</martif>"]
    return "\n".join(out) + "\n"


def export_csv(path: Path, shown: str) -> str:
    """The term base as CSV (``source,target,note``), for Weblate's and other tools' import."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["source", "target", "note"])
    for term in _raw_terms(path, shown):
        for rendering in [term["translation"], *term["also"]]:
            writer.writerow([term["en"], rendering, term["note"]])
    return buf.getvalue()


def _raw_terms(path: Path, shown: str) -> list[dict]:
    load_terms(path, shown)  # validates, with file and key in errors
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        {"en": t["en"], "translation": t["translation"], "also": [a for a in t.get("also") or [] if a.strip()],
         "note": str(t.get("note") or "")}
        for t in data.get("terms") or []
    ]
