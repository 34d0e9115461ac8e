"""A language's texts for the printouts, translated through the gated catalogs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from markupsafe import Markup, escape

from kyr.i18n.catalogs import DATA_DOMAIN
from kyr.content.data import SiteData
from kyr.languages import Language
from kyr.i18n.translate import Catalogs, fallback

__all__ = ["PrintTexts"]


@dataclass
class PrintTexts:
    """Everything a print template needs for one language."""

    language: Language
    data: SiteData
    catalogs: Catalogs
    today: dt.date
    site_url: str

    def t(self, english: str, **values: Any) -> Markup:
        """A text from the data files in this language; English (marked) when untranslated."""
        text, translated = self.catalogs.lookup(DATA_DOMAIN, english)
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

    def context(self) -> dict[str, Any]:
        prints = self.data.prints or {}
        return {
            "t": self.t,
            "lang": self.language,
            "p": prints,
            "card": self.data.card,
            "region": self.data.region,
            "hotline": self.data.featured,
            "printed": self.date(self.today),
            "reviewed": self.date(prints.get("reviewed") or self.today),
            "home_url": self.home_url,
        }
