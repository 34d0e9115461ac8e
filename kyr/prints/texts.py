"""A language's texts for the printouts, translated through the gated catalogs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date
from markupsafe import Markup, escape

from kyr.content.data import SiteData
from kyr.i18n.catalogs import DATA_DOMAINS
from kyr.i18n.translate import Catalogs, fallback
from kyr.languages import Language
from kyr.site.parts import english_phrases

__all__ = ["PrintTexts"]


@dataclass
class PrintTexts:
    """Everything a print template needs for one language (and one county, for cards and posters)."""

    language: Language
    data: SiteData
    catalogs: Catalogs
    today: dt.date
    site_url: str
    county: str | None = None
    """The county of a per-county document (its line is the one printed), or ``None``."""
    own_font: bool = True
    """Use the face print.yml chose for the language (``False``: its script's, where the chosen
    one does not fit)."""
    not_english: tuple[str, ...] = ()
    """Quoted words that are not English (``extra.kyr.not_english``)."""
    phrases: set[str] = field(default_factory=set)
    """What the English of the texts used so far quotes (marked as English where a translation
    keeps it, see :func:`kyr.site.parts.mark_html`)."""

    def t(self, english: str, **values: Any) -> Markup:
        """A text from the data files in this language; English (marked) when untranslated."""
        text, translated = self.catalogs.lookup(DATA_DOMAINS, english)
        self.phrases |= english_phrases(english)
        out = Markup(escape(text))
        if values:
            try:
                out = out % values
            except (KeyError, ValueError, TypeError):
                out, translated = Markup(escape(english)) % values, self.catalogs.source
        return out if translated else fallback(out)

    def date(self, value: dt.date) -> str:
        return format_date(value, format="long", locale=self.language.locale)

    @property
    def home_url(self) -> str:
        """Where the QR code points: this language's home page, or nothing without a site_url."""
        return f"{self.site_url}{self.language.code}/index.html" if self.site_url else ""

    def hours(self, hotline: Any) -> Markup:
        labels = (self.data.prints or {}).get("labels", {})
        return self.t(hotline.hours) if hotline.hours else self.t(labels.get("hours_unknown", "Call to check."))

    def status(self, ref: str) -> Markup:
        """A legal status in one sentence, with the day it was checked."""
        status = self.data.status(ref)
        labels = (self.data.prints or {}).get("labels", {})
        checked = self.t(labels.get("checked", "checked %(date)s"), date=self.date(status.checked))
        return self.t(status.short) + Markup(" (") + checked + Markup(")")

    def context(self) -> dict[str, Any]:
        prints = self.data.prints or {}
        region = self.data.region
        lines = region.county_lines()
        county = next((cl for cl in lines if cl.county.id == self.county), None)
        from kyr.prints.fonts import print_font

        return {
            "font": print_font(self.language, prints.get("fonts") if self.own_font else None),
            "t": self.t,
            "hours": self.hours,
            "status": self.status,
            "lang": self.language,
            "p": prints,
            "card": self.data.card,
            "region": region,
            "lines": lines,
            "nationwide": region.nationwide(),
            "county": county,
            "only_for": region.only_for,
            "printed": self.date(self.today),
            "reviewed": self.date(prints.get("reviewed") or self.today),
            "home_url": self.home_url,
        }
