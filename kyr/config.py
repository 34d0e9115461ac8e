"""``extra.kyr`` in ``mkdocs.yml``: the kit's settings, and the build's notion of "today".

Validated like every other schema (:func:`kyr.schema.validate`), so an error names
``mkdocs.yml``, the key and what was expected.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from kyr.languages import Language, LanguageError, make_language
from kyr.schema import ConfigError, validate

if TYPE_CHECKING:
    from kyr.i18n.catalogs import Layout

__all__ = [
    "ConfigError",
    "KyrConfig",
    "LanguageOption",
    "load_settings",
    "selected_languages",
    "settings_from",
    "today",
]

class LanguageOption(c.BaseConfigOption[Language]):
    """A language: a code (``es``) or a mapping with overrides (``{code: tl, search: en}``)."""

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._key = key_name

    def run_validation(self, value: object) -> Language:
        where = getattr(self, "_key", "language")
        if isinstance(value, str):
            value = {"code": value}
        if not isinstance(value, dict) or not isinstance(value.get("code"), str):
            raise ValidationError(
                f"{where}: expected a language code such as 'es' or a mapping with 'code:', "
                f"got {value!r}"
            )
        unknown = set(value) - {"code", "locale", "theme_language", "search_language"}
        if unknown:
            raise ValidationError(
                f"{where}: unknown keys {sorted(unknown)}; expected code, locale, "
                "theme_language, search_language"
            )
        try:
            return make_language(
                value["code"],
                locale=value.get("locale"),
                theme_language=value.get("theme_language"),
                search_language=value.get("search_language"),
            )
        except LanguageError as e:
            raise ValidationError(f"{where}: {e}") from None


class KyrConfig(base.Config):
    """``extra.kyr`` in ``mkdocs.yml``: the site kit's own settings."""

    languages = c.ListOfItems(LanguageOption(), default=["en"])
    """Every language the site is built in; the source language first."""
    source_language = c.Type(str, default="en")
    """The language ``docs/`` is written in."""

    # Settings for the edition
    region = c.Optional(c.Type(str))
    """The edition to build: a folder of ``regions_dir`` (``KYR_REGION`` overrides it)."""
    regions_dir = c.Type(str, default="regions")
    """Where the editions live, relative to ``mkdocs.yml``."""

    # Settings for content checks
    data_dir = c.Type(str, default="data")
    """State-wide data files (the officer card, the printouts' texts), relative to ``mkdocs.yml``."""
    review_max_age = c.Type(int, default=12)
    """Months after a page's ``reviewed:`` date before the build warns."""
    hotline_max_age = c.Type(int, default=6)
    """Months after a hotline's or a legal-help provider's ``verified:`` date before the build warns."""
    legal_status_max_age = c.Type(int, default=90)
    """Days after a legal status's ``checked:`` date (``data/legal-status.yml``) before the build warns."""

    publish_threshold = c.Type((int, float, str), default=0.9)
    """The share of a language's entries that must be translated for it to go live in the
    chooser and the language switcher (``0.9`` or ``90%``); below it, a preview."""

    allowed_hosts = c.ListOfItems(c.Type(str), default=[])
    """Hosts pages may link to besides those the English source links to."""
    not_english = c.ListOfItems(c.Type(str), default=[])
    """Words the English quotes that are not English (``notario``): never marked as English in
    a translation (see :mod:`kyr.site.parts`)."""

    # Settings for catalogs
    locales_dir = c.Type(str, default="locales")
    """Where the catalogs live, relative to ``mkdocs.yml``."""
    babel_config = c.Type(str, default="babel.cfg")
    """Babel's extraction mapping, relative to ``mkdocs.yml``."""

    def threshold_percent(self) -> int:
        """:attr:`publish_threshold` as a whole percentage."""
        value = self.publish_threshold
        if isinstance(value, str):
            value = float(value.strip().rstrip("%")) / 100
        return round(value * 100) if value <= 1 else round(value)

    def cross_check(self) -> list[tuple[str, ValidationError]]:
        """Rules between keys, after each key is valid on its own."""
        value = self.publish_threshold
        try:
            number = float(value.strip().rstrip("%")) / 100 if isinstance(value, str) else float(value)
        except ValueError:
            number = -1
        if not (0 <= number <= 1 or (isinstance(value, (int, float)) and 1 < value <= 100)):
            return [("publish_threshold", ValidationError(f"expected a share like 0.9 or '90%', got {value!r}"))]
        codes = [lang.code for lang in self.languages]
        if len(set(codes)) != len(codes):
            dupes = sorted({code for code in codes if codes.count(code) > 1})
            return [("languages", ValidationError(f"listed more than once: {dupes}"))]
        if not codes or codes[0] != self.source_language:
            return [
                (
                    "languages",
                    ValidationError(
                        f"the source language {self.source_language!r} must come first, got {codes}"
                    ),
                )
            ]
        return []

    # Derived values ----------------------------------------------------------------------

    @property
    def source(self) -> Language:
        return self.languages[0]

    @property
    def targets(self) -> list[Language]:
        """Every language but the source."""
        return self.languages[1:]

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def root(self) -> str:
        """The project folder (where ``mkdocs.yml`` is)."""
        return os.path.dirname(os.path.abspath(self.config_file_path or "mkdocs.yml"))

    def locales_path(self) -> str:
        return os.path.join(self.root(), self.locales_dir)

    def data_path(self) -> str:
        return os.path.join(self.root(), self.data_dir)

    def regions_path(self) -> Path:
        return Path(self.root()) / self.regions_dir

    def region_id(self) -> str:
        """The edition to build (``KYR_REGION``, ``extra.kyr.region``, or the only one).

        Raises:
            ConfigError: naming the editions there are.
        """
        from kyr.region import pick_region

        return pick_region(self.region, self.regions_path(), self.regions_dir)

    def region_path(self) -> Path:
        return self.regions_path() / self.region_id()

    def layout(self, region: bool = True) -> Layout:
        """Where this project's templates, catalogs and caches are, with the edition's own."""
        from kyr.i18n.catalogs import Layout

        edition = self.region_path() if region and self.has_regions() else None
        return Layout(Path(self.locales_path()), Path(self.root()), edition)

    def has_regions(self) -> bool:
        """Whether the project has editions (a bare translation project may have none)."""
        return bool(self.region) or self.regions_path().is_dir()


def today() -> dt.date:
    """The date builds consider today: ``SOURCE_DATE_EPOCH`` if set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def settings_from(extra: dict[str, Any], config_file: str) -> KyrConfig:
    """Validate ``extra.kyr`` of a loaded MkDocs config."""
    return validate(KyrConfig, extra.get("kyr"), source=config_file, where="extra.kyr")


def load_settings(config_file: str = "mkdocs.yml") -> KyrConfig:
    """Read and validate ``extra.kyr`` straight from ``mkdocs.yml`` (for scripts)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as f:
        data = yaml_load(f) or {}
    extra = data.get("extra") or {}
    if not isinstance(extra, dict):
        raise ConfigError(f"{config_file}: extra: expected a mapping")
    return settings_from(extra, os.path.abspath(config_file))


def selected_languages(settings: KyrConfig, value: str | None) -> list[Language]:
    """The languages to build: all of them, or those listed in ``KYR_LANGS`` (``es,ar``).

    Raises:
        ConfigError: for a code that is not one of the site's languages.
    """
    if not value or not value.strip():
        return list(settings.languages)
    wanted = [code.strip() for code in value.split(",") if code.strip()]
    known = [lang.code for lang in settings.languages]
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise ConfigError(
            f"KYR_LANGS: unknown language {', '.join(map(repr, unknown))}; expected some of "
            f"{', '.join(known)}"
        )
    return [lang for lang in settings.languages if lang.code in wanted]
