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
from kyr.schema import ConfigError, Date, read_yaml, validate

from kyr.languages import Language

__all__ = ["LanguageStatus", "PageCounts", "TranslationRow", "load_status", "page_counts", "translation_table"]


#: How a language was translated (``translation:`` in ``status.yml``).
TRANSLATION_KINDS = ("machine-assisted", "human")


class LanguageStatusSchema(base.Config):
    """``locales/<code>/status.yml``: how a language was translated, and who checked it."""

    translation = c.Choice(TRANSLATION_KINDS, default="machine-assisted")
    """``machine-assisted`` (a machine drafted it, people checked it) or ``human``."""
    translators = c.Type(str, default="")
    """Who translated it (a name or a group), if they want to be named."""
    native_review = c.Type(bool, default=False)
    """Whether a native speaker has read the whole language against the English."""
    reviewer = c.Type(str, default="")
    """Who did (a name or a group), when ``native_review`` is true."""
    reviewed = c.Optional(Date())
    """When."""
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
    translators: str = ""

    @property
    def human(self) -> bool:
        return self.translation == "human"

    def describe(self) -> str:
        """One line for ``scripts/i18n.py status``."""
        how = "human translation" if self.human else "machine-assisted"
        if self.translators:
            how += f" by {self.translators}"
        review = f"reviewed by {self.reviewer} on {self.reviewed}" if self.native_review else "no native review yet"
        return f"{how}; {review}"

    def template_context(self) -> dict[str, object]:
        return {
            "translation": self.translation,
            "human": self.human,
            "native": self.native_review,
            "reviewer": self.reviewer,
            "reviewed": self.reviewed,
            "translators": self.translators,
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
    data = read_yaml(path, shown)
    cfg = validate(LanguageStatusSchema, data, source=shown)
    return LanguageStatus(cfg.translation, cfg.native_review, cfg.reviewer.strip(), cfg.reviewed, cfg.translators.strip())


@dataclass(frozen=True)
class TranslationRow:
    language: Language
    counts: Counts
    status: LanguageStatus
    source: bool = False
    published: bool = True
    """At or above ``extra.kyr.publish_threshold``: in the chooser and the switcher."""


@dataclass(frozen=True)
class PageCounts:
    """One catalog's counts (a page, ``_site`` or ``_data``) in one language."""

    domain: str
    counts: Counts
    note: str = ""
    """Why the counts come from the template: ``no catalog``, ``empty catalog``, or the error
    that makes the catalog unreadable (then ``unreadable`` is true)."""
    unreadable: bool = False


def page_counts(layout: Layout, language: Language, cache: JsonCache | None = None) -> list[PageCounts]:
    """What readers see of every catalog of ``language``, after the gates.

    Translated entries the gates refuse count as refused, not translated; a refused file's
    translated entries all do. A missing catalog counts as wholly untranslated (its template's
    entries). The gates' results are cached by file content.
    """
    from kyr.gates.check import check_language

    code = code_hash()
    checked = {c.domain: c for c in check_language(layout, language, layout.project) if c.domain}

    def template_size(domain: str) -> int:
        path = layout.template(domain)
        if not path.exists():
            return 0
        key = digest([code, str(path), path.read_bytes()])

        def compute() -> int:
            try:
                return len([m for m in read_catalog(path) if m.id])
            except CatalogError:
                return 0

        return cache.get(key, compute) if cache else compute()

    rows = []
    for domain in layout.domains():
        check = checked.get(domain)
        if check is None:
            rows.append(PageCounts(domain, Counts(untranslated=template_size(domain)), "no catalog"))
            continue
        counts_ = Counts(check.translated - check.refused, check.fuzzy, check.untranslated, check.refused)
        if check.file_refused:
            reason = next((str(p) for p in check.problems if p.scope == "file" and p.blocking), "refused")
            if counts_.total == 0:
                counts_ = Counts(untranslated=template_size(domain))
            rows.append(PageCounts(domain, counts_, reason, unreadable=True))
        elif counts_.total == 0:
            rows.append(PageCounts(domain, Counts(untranslated=template_size(domain)), "empty catalog"))
        else:
            rows.append(PageCounts(domain, counts_))
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
        published = total.percent >= settings.threshold_percent()
        rows.append(TranslationRow(language, total, load_status(layout, language), published=published))
    return rows
