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
from kyr.catalogs import CatalogError, Counts, Layout, counts, read_catalog
from kyr.config import ConfigError, KyrConfig, validate
from kyr.data import Date
from kyr.languages import Language

__all__ = ["LanguageStatus", "TranslationRow", "load_status", "translation_table"]


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


def translation_table(settings: KyrConfig) -> list[TranslationRow]:
    """One row per language: entries translated, fuzzy and untranslated, and the review status.

    Counts come straight from the catalogs (unreadable ones count as untranslated), like
    ``scripts/i18n.py status``.
    """
    layout = Layout(Path(settings.locales_path()))
    cache = JsonCache(layout.locales.parent / ".cache" / "kyr" / "counts")
    code = code_hash()
    rows = [TranslationRow(settings.source, Counts(), LanguageStatus("human", True), source=True)]
    domains = layout.domains()

    def count(path: Path, language: Language | None, untranslated: bool) -> Counts:
        key = digest([code, str(path), path.read_bytes(), language.cldr if language else "", str(untranslated)])

        def compute() -> list[int]:
            try:
                c = counts(read_catalog(path, language))
            except CatalogError:
                return [-1, 0, 0]
            return [0, 0, c.total] if untranslated else [c.translated, c.fuzzy, c.untranslated]

        translated, fuzzy, missing = cache.get(key, compute)
        return Counts(max(translated, 0), fuzzy, missing) if translated >= 0 else Counts()

    for language in settings.targets:
        total = Counts()
        for domain in domains:
            path = layout.catalog(language.code, domain)
            c_ = count(path, language, False) if path.exists() else Counts()
            if not path.exists() or c_ == Counts():
                c_ = count(layout.template(domain), None, True)
            total = total + c_
        rows.append(TranslationRow(language, total, load_status(layout, language)))
    return rows
