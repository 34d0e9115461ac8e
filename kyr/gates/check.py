"""The check stage: run both gates on a catalog and keep only what passes.

Used by the build (``kyr.i18n.translate.load_catalogs``) and by ``scripts/i18n.py check``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from kyr.cache import JsonCache, code_hash, digest
from kyr.i18n.catalogs import Layout, is_translated, read_catalog
from kyr.gates import Problem
from kyr.gates.entries import check_entry
from kyr.gates.files import check_file
from kyr.gates.terms import Term, check_terms, load_terms
from kyr.schema import ConfigError
from kyr.languages import Language

__all__ = ["CatalogCheck", "check_catalog", "check_language"]


@dataclass
class CatalogCheck:
    """One catalog after the gates: the entries the site may show, every problem, and counts."""

    domain: str
    usable: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    translated: int = 0
    """Entries with a translation (not fuzzy), whether or not the gates let them through."""
    fuzzy: int = 0
    untranslated: int = 0
    refused: int = 0
    """Translated entries the gates refused (shown in English)."""
    file_refused: bool = False
    """Whether the whole file was refused (its entries count as refused)."""
    plural_expr: str | None = None
    """The header's plural rule (for picking plural forms)."""
    fuzzy_entries: list[tuple[int | None, str]] = field(default_factory=list)
    """``(line, English)`` of each fuzzy entry, for ``scripts/i18n.py check``."""
    path: str = ""
    """The catalog as messages name it."""
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each usable entry (by English), to trace the output scan's findings."""


#: Where the site's interface words come from (Material's, for a language Material lacks): not
#: legal text, so the term base does not apply ("Search" the site is not a police search).
INTERFACE_TEMPLATES = ("overrides/partials/kyr/material-ui.html",)


def _entry_problems(message: Message, language: Language, shown: str, terms: list[Term]) -> list[Problem]:
    problems: list[Problem] = []
    if message.locations and all(path in INTERFACE_TEMPLATES for path, _ in message.locations):
        terms = []

    english = message.id[0] if isinstance(message.id, (list, tuple)) else message.id

    def report(what: str, expected: str) -> None:
        problems.append(Problem(shown, message.lineno, language.code, what, expected, english=english))

    def note(what: str, expected: str) -> None:
        problems.append(Problem(shown, message.lineno, language.code, what, expected, blocking=False, english=english))

    if isinstance(message.id, (list, tuple)):
        singular, plural = message.id[0], message.id[-1]
        for index, form in enumerate(message.string):
            source = singular if index == 0 and len(message.string) > 1 else plural
            check_entry(source, form, language.code, report)
            check_terms(source, form, terms, note)
    else:
        check_entry(message.id, message.string, language.code, report)
        check_terms(message.id, message.string, terms, note)
    return problems


def check_catalog(
    path: Path,
    language: Language,
    template: Catalog | None,
    *,
    shown: str | None = None,
    domain: str = "",
    terms: list[Term] | None = None,
) -> CatalogCheck:
    """Run the file gate, then the entry gate on every translated, non-fuzzy entry."""
    shown = shown or str(path)
    result = CatalogCheck(domain, path=shown)
    try:
        data = path.read_bytes()
    except OSError as e:
        result.problems.append(Problem(shown, None, language.code, f"cannot be read ({e.strerror})", "a readable file"))
        return result
    checked = check_file(path, data, language, template, shown)
    if not checked.ok:
        result.problems.extend(checked.problems)
        result.file_refused = True
        _count_raw(data, result)
        result.refused = result.translated
        return result
    assert checked.catalog is not None
    result.plural_expr = checked.plural_expr
    # The kit's own findings come first; gettext's come after, for the same entries.
    entry_problems: list[Problem] = []
    for message in checked.catalog:
        if not message.id:
            continue
        key = (message.context, message.id[0] if isinstance(message.id, (list, tuple)) else message.id)
        if message.fuzzy:
            result.fuzzy += 1
            result.fuzzy_entries.append((message.lineno, key[1]))
            continue
        if not is_translated(message):
            result.untranslated += 1
            continue
        result.translated += 1
        problems = _entry_problems(message, language, shown, terms or [])
        entry_problems.extend(problems)
        if any(p.blocking for p in problems) or key in checked.refused:
            result.refused += 1
            continue
        if isinstance(message.id, (list, tuple)):
            result.usable[message.id[0]] = tuple(message.string)
        else:
            result.usable[message.id] = message.string
        if message.lineno:
            result.lines[key[1]] = message.lineno
    kit_refused = {p.english for p in entry_problems if p.blocking}
    gettext = [p for p in checked.problems if not (p.english in kit_refused and p.message.startswith("GNU gettext"))]
    result.problems.extend(entry_problems + gettext)
    return result


def _count_raw(data: bytes, result: CatalogCheck) -> None:
    """Counts of a file the gates refused as a whole, as far as it can be read."""
    from kyr.i18n.pofile import parse_po

    try:
        po = parse_po(data.decode("utf-8", errors="replace"))
    except ValueError:
        return
    for entry in po.entries:
        if entry.is_header or entry.obsolete:
            continue
        if entry.fuzzy:
            result.fuzzy += 1
        elif entry.translated:
            result.translated += 1
        else:
            result.untranslated += 1


def check_language(
    layout: Layout, language: Language, root: Path, *, domains: set[str] | None = None
) -> Iterator[CatalogCheck]:
    """Check every catalog of a language, the kit's and the edition's (including ones with no
    template left)."""
    catalogs = layout.catalogs_of(language.code)
    if not catalogs:
        return
    glossary = layout.locales / language.code / "glossary.yml"
    shown_glossary = str(glossary.relative_to(root)) if glossary.is_relative_to(root) else str(glossary)
    try:
        terms = load_terms(glossary, shown_glossary)
    except ConfigError as e:
        terms = []
        broken = CatalogCheck("")
        broken.problems.append(Problem(shown_glossary, None, language.code, f"the term base cannot be used: {e}", "a valid glossary.yml"))
        yield broken
    cache = JsonCache(layout.cache_dir("gates"))
    code = code_hash()
    glossary_bytes = glossary.read_bytes() if glossary.exists() else b""
    templates: dict[str, Catalog | None] = {}
    for domain, path in catalogs:
        if domains is not None and domain not in domains:
            continue
        try:
            shown = str(path.relative_to(root))
        except ValueError:
            shown = str(path)
        template_path = layout.template(domain)
        # The result depends only on these bytes (and the gate code): reuse it when unchanged.
        key = digest([
            code, language.code, language.cldr, shown, path.read_bytes(), glossary_bytes,
            template_path.read_bytes() if template_path.exists() else b"",
        ])

        def compute(path=path, domain=domain, shown=shown, template_path=template_path) -> dict:
            if domain not in templates:
                templates[domain] = read_catalog(template_path) if template_path.exists() else None
            checked = check_catalog(path, language, templates[domain], shown=shown, domain=domain, terms=terms)
            stored = asdict(checked)
            stored["problems"] = [asdict(p) for p in checked.problems]
            return stored

        stored = cache.get(key, compute)
        stored = dict(stored)
        stored["usable"] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in stored["usable"].items()}
        stored["problems"] = [Problem(**p) for p in stored["problems"]]
        stored["fuzzy_entries"] = [tuple(e) for e in stored["fuzzy_entries"]]
        stored["domain"] = domain
        yield CatalogCheck(**stored)
