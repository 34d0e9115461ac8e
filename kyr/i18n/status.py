"""Translation status: how complete each language is and whether a native speaker checked it.

Each language has ``locales/<code>/status.yml``::

    translation: machine-assisted   # or: human
    native_review: false            # true once a native speaker has checked every page
    reviewer: ""                    # who checked it (name or group), when native_review is true
    reviewed: 2027-01-15            # when
    notes: ""

Until ``native_review`` is true, every page in that language says, in that language, that it is
a machine-assisted translation not yet checked by a native speaker, with a link to the English
page. The same table feeds ``scripts/i18n.py status`` and the site's Translations page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from kyr.cache import JsonCache, code_hash, digest
from kyr.i18n.catalogs import CatalogError, Counts, Layout, counts, read_catalog
from kyr.config import KyrConfig
from kyr.schema import ConfigError, Date, validate

from kyr.languages import Language

__all__ = ["LanguageStatus", "PageCounts", "TranslationRow", "load_status", "page_counts", "translation_table"]


class LanguageStatusSchema(base.Config):
    translation = c.Choice(("machine-assisted", "human"), default="machine-assisted")
    native_review = c.Type(bool, default=False)
    reviewer = c.Type(str, default="")
    reviewed = c.Optional(Date())
    notes = c.Type(str, default="")

    def cross_check(self) -> list[tuple[str, ValidationError]]:
        if self.native_review and not (self.reviewer.strip() and self.reviewed):
            return [("native_review", ValidationError("true needs 'reviewer' and a 'reviewed' date"))]
        return []


@dataclass(frozen=True)
class LanguageStatus:
    translation: str = "machine-assisted"
    native_review: bool = False
    reviewer: str = ""
    reviewed: dt.date | None = None

    def template_context(self) -> dict[str, object]:
        return {
            "translation": self.translation,
            "native": self.native_review,
            "reviewer": self.reviewer,
            "reviewed": self.reviewed,
        }


def load_status(layout: Layout, language: Language) -> LanguageStatus:
    """Read ``locales/<code>/status.yml`` (a missing file means machine-assisted, unreviewed).

    Raises:
        ConfigError: naming the file and the key.
    """
    path = layout.locales / language.code / "status.yml"
    if not path.exists():
        return LanguageStatus()
    shown = f"{layout.locales.name}/{language.code}/status.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise ConfigError(f"{shown}: not valid YAML: {e}") from None
    cfg = validate(LanguageStatusSchema, data, source=shown)
    return LanguageStatus(cfg.translation, cfg.native_review, cfg.reviewer.strip(), cfg.reviewed)


@dataclass(frozen=True)
class TranslationRow:
    language: Language
    counts: Counts
    status: LanguageStatus
    source: bool = False


@dataclass(frozen=True)
class PageCounts:
    """One catalog's counts (a page, ``_site`` or ``_data``) in one language."""

    domain: str
    counts: Counts
    note: str = ""
    """Why the counts come from the template: ``no catalog``, ``empty catalog``, or the error
    that makes the catalog unreadable (then ``unreadable`` is true)."""
    unreadable: bool = False


def page_counts(layout: Layout, language: Language, cache: JsonCache) -> list[PageCounts]:
    """Translated, fuzzy and untranslated entries of every catalog of ``language``.

    A missing or unreadable catalog counts as wholly untranslated (its template's entries).
    Counts are cached by file content.
    """
    code = code_hash()

    def count(path: Path, cldr: Language | None) -> list[int] | str:
        key = digest([code, str(path), path.read_bytes(), cldr.cldr if cldr else ""])

        def compute() -> list[int] | str:
            try:
                c = counts(read_catalog(path, cldr))
            except CatalogError as e:
                return str(e)
            return [c.translated, c.fuzzy, c.untranslated]

        return cache.get(key, compute)

    rows = []
    for domain in layout.domains():
        path = layout.catalog(language.code, domain)
        found = count(path, language) if path.exists() else None
        if isinstance(found, list) and any(found):
            rows.append(PageCounts(domain, Counts(*found)))
            continue
        template = count(layout.template(domain), None)
        total = Counts(untranslated=sum(template) if isinstance(template, list) else 0)
        if isinstance(found, str):
            rows.append(PageCounts(domain, total, found, unreadable=True))
        else:
            rows.append(PageCounts(domain, total, "no catalog" if found is None else "empty catalog"))
    return rows


def translation_table(settings: KyrConfig) -> list[TranslationRow]:
    """One row per language: entries translated, fuzzy and untranslated, and the review status.

    The same counts as ``scripts/i18n.py status --pages`` (:func:`page_counts`), summed.
    """
    layout = settings.layout()
    cache = JsonCache(layout.cache_dir("counts"))
    rows = [TranslationRow(settings.source, Counts(), LanguageStatus("human", True), source=True)]
    for language in settings.targets:
        total = Counts()
        for page in page_counts(layout, language, cache):
            total = total + page.counts
        rows.append(TranslationRow(language, total, load_status(layout, language)))
    return rows
