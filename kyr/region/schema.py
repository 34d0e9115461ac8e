"""The schemas of a region's files: ``region.yml`` and ``hotlines.yml``.

Which keys readers see (and so are translated through the region's ``_region`` catalog) is
declared in :data:`TRANSLATABLE`, for the ``kyr_data`` Babel extractor.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from kyr.schema import Date, LanguageCodes, Phone, Slug, Text

__all__ = [
    "CountySchema",
    "HOURS_UNKNOWN",
    "HotlineSchema",
    "OrganisationSchema",
    "PageSchema",
    "RegionSchema",
    "TRANSLATABLE",
]

#: How a hotline's number was last checked (``checked:``).
CHECKS = ("by phone", "against sources")
#: ``hours: unknown``: the hours could not be confirmed; readers are told to call and check.
HOURS_UNKNOWN = "unknown"

#: File name -> keys whose texts readers see. A list contributes its items.
TRANSLATABLE: dict[str, frozenset[str]] = {
    "region.yml": frozenset({"name", "short_name", "site_name", "site_description", "contact"}),
    "hotlines.yml": frozenset({"name", "hours", "purpose"}),
}
#: Values that are keywords, not text (never extracted for translators).
KEYWORDS: dict[str, frozenset[str]] = {"hours": frozenset({HOURS_UNKNOWN})}


class OrganisationSchema(base.Config):
    """Who publishes this edition; shown on the About page and at the foot of every page."""

    name = Text("Fresno Immigrant Rights Coalition")
    contact = Text("Write to us at help@example.org")
    """How readers reach the organisation (an address, an e-mail, a phone number, as text)."""
    url = c.Optional(c.URL())


class CountySchema(base.Config):
    id = Slug("san-mateo")
    name = Text("San Mateo County")


class PageSchema(base.Config):
    """A local page (``regions/<id>/docs/<file>``) and where it goes in the navigation."""

    file = Text("local-laws.md")
    after = Text("local-police.md")
    """The page of the site's navigation it comes after."""


class RegionSchema(base.Config):
    """``regions/<id>/region.yml``: the edition's settings."""

    name = Text("San Francisco Bay Area")
    """The region's name, as in "people in the San Francisco Bay Area"."""
    short_name = Text("Bay Area")
    """Where space is short: the app's name on a phone's home screen, card fronts."""
    site_name = Text("Know Your Rights — Bay Area")
    """The title of every page, of the language chooser and of the installed app."""
    site_description = Text("What to do if immigration agents come to your home, work or car.")
    organisation = c.SubConfig(OrganisationSchema, validate=True)
    site_url = c.Type(str, default="")
    """The public address, like ``https://kyr.example.org/``; empty until the site is published."""
    counties = c.ListOfItems(c.SubConfig(CountySchema, validate=True))
    """The counties the edition serves, in the order readers see them."""
    pages = c.ListOfItems(c.SubConfig(PageSchema, validate=True), default=[])
    """Local pages and where they go in the navigation."""

    def cross_check(self) -> list[tuple[str, ValidationError]]:
        ids = [county["id"] for county in self.counties]
        if not ids:
            return [("counties", ValidationError("expected at least one county, with an id and a name"))]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            return [("counties", ValidationError(f"county ids listed more than once: {', '.join(twice)}"))]
        return []


class HotlineSchema(base.Config):
    """One entry of ``regions/<id>/hotlines.yml``."""

    id = Slug("sf-rrn")
    name = Text("San Francisco Rapid Response Network")
    counties = c.ListOfItems(Slug(), default=[])
    """The ids of the region's counties this line serves; empty only with ``nationwide: true``."""
    nationwide = c.Type(bool, default=False)
    """A line for anywhere in the country, listed after the county lines."""
    phone = Phone()
    display = Text("(415) 200-1548")
    hours = Text("24 hours a day, 7 days a week")
    """When the line answers, or ``unknown`` when no source confirms it."""
    languages = LanguageCodes()
    purpose = Text()
    source = Text()
    verified = Date()
    """When someone last called the number, or checked it against a source."""
    checked = c.Choice(CHECKS, default="against sources")
    """How it was checked on that day: ``by phone`` or ``against sources``."""
