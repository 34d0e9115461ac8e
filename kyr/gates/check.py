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
    """One catalog after the gates: the entries the site may show, and every problem."""

    domain: str
    usable: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _entry_problems(message: Message, language: Language, shown: str, terms: list[Term]) -> list[Problem]:
    problems: list[Problem] = []

    def report(what: str, expected: str) -> None:
        problems.append(Problem(shown, message.lineno, language.code, what, expected))

    def note(what: str, expected: str) -> None:
        problems.append(Problem(shown, message.lineno, language.code, what, expected, blocking=False))

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
    result = CatalogCheck(domain)
    try:
        data = path.read_bytes()
    except OSError as e:
        result.problems.append(Problem(shown, None, language.code, f"cannot be read ({e.strerror})", "a readable file"))
        return result
    checked = check_file(path, data, language, template, shown)
    if not checked.ok:
        result.problems.extend(checked.problems)
        return result
    assert checked.catalog is not None
    for message in checked.catalog:
        if not is_translated(message):
            continue
        problems = _entry_problems(message, language, shown, terms or [])
        result.problems.extend(problems)
        if any(p.blocking for p in problems):
            continue
        if isinstance(message.id, (list, tuple)):
            result.usable[message.id[0]] = tuple(message.string)
        else:
            result.usable[message.id] = message.string
    return result


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
            return {"usable": checked.usable, "problems": [asdict(p) for p in checked.problems]}

        stored = cache.get(key, compute)
        usable = {k: (tuple(v) if isinstance(v, list) else v) for k, v in stored["usable"].items()}
        yield CatalogCheck(domain, usable, [Problem(**p) for p in stored["problems"]])
