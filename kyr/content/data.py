"""Data files under ``data/``: hotlines, region settings and the officer card.

Each file has a typed schema (MkDocs ``Config`` classes). Loading validates everything and
reports every problem as ``data/<file>.yml: <entry>.<key>: <what was expected>``; an invalid file
fails the build. Which fields readers see (and so are translated) is declared here too, for the
``kyr_data`` Babel extractor. Phone numbers are never translatable.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from kyr.config import ConfigError, validate

__all__ = [
    "Card",
    "Hotline",
    "Region",
    "SiteData",
    "load_site_data",
    "months_between",
    "translatable_keys",
]

# File name -> keys whose string values are shown to readers (and so are translated). A list
# contributes its items; ``key{}`` means the values of a mapping (``counties{}``: the county
# names, not the county ids each hotline lists under ``counties``).
_TRANSLATABLE: dict[str, frozenset[str]] = {
    "hotlines.yml": frozenset({"counties{}", "name", "hours", "purpose"}),
    "region.yml": frozenset({"name", "contact"}),
    "card.yml": frozenset({"meaning", "how_to_use"}),
    "print.yml": frozenset({
        "title", "subtitle", "heading", "points", "say_heading", "say_intro", "hotline_heading",
        "qr_caption", "disclaimer", "front_title", "front_lines", "steps",
        "hotline", "hours", "printed", "reviewed", "organisation", "web",
    }),
}


def translatable_keys(name: str) -> frozenset[str]:
    """The translatable keys of the data file called ``name`` (none if it has no schema)."""
    return _TRANSLATABLE.get(name, frozenset())


# -- Options ----------------------------------------------------------------------------------

E164_RE = re.compile(r"^\+[1-9]\d{7,14}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Text(c.BaseConfigOption[str]):
    """A required, non-empty piece of text."""

    def __init__(self, example: str = "") -> None:
        super().__init__()
        self.example = example

    def run_validation(self, value: object) -> str:
        if value is None:
            raise ValidationError("missing; expected text" + (f" such as {self.example!r}" if self.example else ""))
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"expected non-empty text, got {value!r}")
        return " ".join(value.split())


class Slug(Text):
    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not SLUG_RE.match(value):
            raise ValidationError(f"expected lowercase letters, digits and hyphens (like 'sf-rrn'), got {value!r}")
        return value


class Phone(Text):
    """A phone number in E.164 form (``+14152001548``)."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, int):
            raise ValidationError(f"expected a quoted E.164 number like \"+14152001548\", got {value!r}")
        value = super().run_validation(value)
        if not E164_RE.match(value):
            raise ValidationError(
                f"expected an E.164 number: '+', country code and number, digits only "
                f"(like '+14152001548'), got {value!r}"
            )
        return value


class Date(c.BaseConfigOption[dt.date]):
    """A calendar date, ``YYYY-MM-DD``."""

    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        if value is None:
            raise ValidationError("missing; expected a date like 2026-06-01")
        raise ValidationError(f"expected a date like 2026-06-01, got {value!r}")


#: Spoken languages CLDR has no name for; their names are translated theme strings
#: (``overrides/partials/kyr/hotline-card.html``).
EXTRA_SPOKEN = frozenset({"cmn"})


class LanguageCodes(c.BaseConfigOption[list]):
    """ISO 639 codes of spoken languages CLDR can name (``es``, ``yue``), or ``cmn``."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list) or not value:
            raise ValidationError(f"expected a list of language codes like [en, es], got {value!r}")
        known = Locale("en").languages
        for code in value:
            if str(code) not in known and str(code) not in EXTRA_SPOKEN:
                raise ValidationError(
                    f"{code!r} is not a language code CLDR can name; expected codes like en, es, yue, cmn"
                )
        return [str(code) for code in value]


class TextList(c.BaseConfigOption[list]):
    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list) or not value:
            raise ValidationError(f"expected a non-empty list of texts, got {value!r}")
        return [Text().run_validation(item) for item in value]


# -- Schemas ----------------------------------------------------------------------------------


class HotlineSchema(base.Config):
    id = Slug("sf-rrn")
    name = Text("San Francisco Rapid Response Network")
    counties = c.ListOfItems(Slug())
    phone = Phone()
    display = Text("(415) 200-1548")
    hours = Text("24 hours a day, 7 days a week")
    languages = LanguageCodes()
    purpose = Text()
    source = Text()
    verified = Date()


class OrganisationSchema(base.Config):
    name = Text()
    contact = Text()
    url = c.Optional(c.URL())


class RegionSchema(base.Config):
    name = Text("San Francisco Bay Area")
    featured_hotlines = c.ListOfItems(Slug())
    organisation = c.SubConfig(OrganisationSchema)
    site_url = c.Type(str, default="")


#: The brochure's text panels: inside 1-3 hold 1, 2 and 2 of them (see prints/templates/brochure.html).
BROCHURE_PANELS = 5


class PanelSchema(base.Config):
    heading = Text()
    points = TextList()


class BrochureSchema(base.Config):
    title = Text()
    subtitle = Text()
    panels = c.ListOfItems(c.SubConfig(PanelSchema, validate=True))
    say_heading = Text()
    say_intro = Text()
    hotline_heading = Text()
    qr_caption = Text()
    disclaimer = Text()


class CardsSchema(base.Config):
    front_title = Text()
    front_lines = TextList()


class PosterSchema(base.Config):
    title = Text()
    subtitle = Text()
    steps = TextList()
    say_heading = Text()


class LabelsSchema(base.Config):
    hotline = Text()
    hours = Text()
    printed = Text("Printed %(date)s")
    reviewed = Text("Information reviewed %(date)s")
    organisation = Text("Shared by %(name)s")
    web = Text()


class PrintSchema(base.Config):
    reviewed = Date()
    brochure = c.SubConfig(BrochureSchema, validate=True)
    cards = c.SubConfig(CardsSchema, validate=True)
    poster = c.SubConfig(PosterSchema, validate=True)
    labels = c.SubConfig(LabelsSchema, validate=True)


class StatementSchema(base.Config):
    id = Slug()
    en = Text()
    meaning = Text()


class CardSchema(base.Config):
    statements = c.ListOfItems(c.SubConfig(StatementSchema, validate=True))
    how_to_use = TextList()


# -- Loaded data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hotline:
    id: str
    name: str
    counties: tuple[str, ...]
    phone: str
    display: str
    hours: str
    languages: tuple[str, ...]
    purpose: str
    source: str
    verified: dt.date


@dataclass(frozen=True)
class Region:
    name: str
    featured_hotlines: tuple[str, ...]
    organisation_name: str
    organisation_contact: str
    organisation_url: str | None
    site_url: str


@dataclass(frozen=True)
class Statement:
    id: str
    en: str
    meaning: str


@dataclass(frozen=True)
class Card:
    statements: tuple[Statement, ...]
    how_to_use: tuple[str, ...]


@dataclass(frozen=True)
class SiteData:
    """Everything in ``data/``, validated."""

    counties: dict[str, str]
    hotlines: tuple[Hotline, ...]
    region: Region
    card: Card
    prints: dict[str, Any] | None = None
    """``print.yml`` (texts of the printouts), as validated plain data."""

    def hotline(self, ref: str) -> Hotline:
        """A hotline by id, or ``featured`` for the region's main one.

        Raises:
            KeyError: for an unknown id.
        """
        if ref == "featured":
            ref = self.region.featured_hotlines[0]
        for hotline in self.hotlines:
            if hotline.id == ref:
                return hotline
        raise KeyError(ref)

    @property
    def featured(self) -> Hotline:
        return self.hotline("featured")

    def by_county(self) -> list[tuple[str, str, list[Hotline]]]:
        """``(county id, county name, hotlines)`` in the order counties are listed."""
        return [
            (cid, name, [h for h in self.hotlines if cid in h.counties])
            for cid, name in self.counties.items()
            if any(cid in h.counties for h in self.hotlines)
        ]


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def _read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: missing; the site needs it") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML: {e}") from None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def load_hotlines(path: Path, *, display_path: str) -> tuple[dict[str, str], tuple[Hotline, ...]]:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{display_path}: expected a mapping with 'counties' and 'hotlines'")
    errors: list[str] = []
    counties = data.get("counties")
    if not isinstance(counties, dict) or not counties:
        errors.append(f"{display_path}: counties: expected a mapping of county id to name")
        counties = {}
    for cid, name in counties.items():
        if not isinstance(cid, str) or not SLUG_RE.match(cid):
            errors.append(f"{display_path}: counties: {cid!r} is not an id like 'san-mateo'")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{display_path}: counties.{cid}: expected the county's name")
    entries = data.get("hotlines")
    if not isinstance(entries, list) or not entries:
        errors.append(f"{display_path}: hotlines: expected a list of hotlines")
        entries = []
    hotlines: list[Hotline] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        label = f"hotlines[{i}]"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            label += f" ({entry['id']})"
        try:
            cfg = validate(HotlineSchema, entry, source=display_path, where=label)
        except ConfigError as e:
            errors.append(str(e))
            continue
        if cfg.id in seen:
            errors.append(f"{display_path}: {label}.id: {cfg.id!r} is used by another hotline")
        seen.add(cfg.id)
        for county in cfg.counties:
            if county not in counties:
                errors.append(
                    f"{display_path}: {label}.counties: unknown county {county!r}; expected one of "
                    f"{', '.join(counties)}"
                )
        if not cfg.counties:
            errors.append(f"{display_path}: {label}.counties: expected at least one county")
        shown, dialled = _digits(cfg.display), _digits(cfg.phone)
        if not (dialled == shown or dialled.endswith(shown)) or len(shown) < 7:
            errors.append(
                f"{display_path}: {label}.display: {cfg.display!r} does not show the number in "
                f"phone ({cfg.phone!r})"
            )
        hotlines.append(
            Hotline(
                cfg.id, cfg.name, tuple(cfg.counties), cfg.phone, cfg.display, cfg.hours,
                tuple(cfg.languages), cfg.purpose, cfg.source, cfg.verified,
            )
        )
    if errors:
        raise ConfigError("\n".join(errors))
    return {str(k): " ".join(str(v).split()) for k, v in counties.items()}, tuple(hotlines)


def load_site_data(data_dir: Path, *, display_dir: str = "data") -> SiteData:
    """Read and validate ``hotlines.yml``, ``region.yml`` and ``card.yml``.

    Raises:
        ConfigError: listing every problem, each naming the file, the entry and the key.
    """
    errors: list[str] = []
    counties: dict[str, str] = {}
    hotlines: tuple[Hotline, ...] = ()
    try:
        counties, hotlines = load_hotlines(data_dir / "hotlines.yml", display_path=f"{display_dir}/hotlines.yml")
    except ConfigError as e:
        errors.append(str(e))
    region = None
    path = f"{display_dir}/region.yml"
    try:
        cfg = validate(RegionSchema, _read_yaml(data_dir / "region.yml"), source=path)
        ids = {h.id for h in hotlines}
        if not cfg.featured_hotlines:
            errors.append(f"{path}: featured_hotlines: expected at least one hotline id")
        for ref in cfg.featured_hotlines:
            if hotlines and ref not in ids:
                errors.append(f"{path}: featured_hotlines: unknown hotline {ref!r}; expected one of {', '.join(sorted(ids))}")
        site_url = cfg.site_url.strip()
        if site_url and not re.match(r"^https?://[^\s/]+(/\S*)?$", site_url):
            errors.append(f"{path}: site_url: expected an address like https://kyr.example.org/, got {site_url!r}")
        org = cfg.organisation
        region = Region(
            cfg.name, tuple(cfg.featured_hotlines), org.name, org.contact, org.url,
            site_url if not site_url or site_url.endswith("/") else site_url + "/",
        )
    except ConfigError as e:
        errors.append(str(e))
    card = None
    path = f"{display_dir}/card.yml"
    try:
        cfg = validate(CardSchema, _read_yaml(data_dir / "card.yml"), source=path)
        if not cfg.statements:
            errors.append(f"{path}: statements: expected at least one statement")
        card = Card(
            tuple(Statement(s.id, s.en, s.meaning) for s in cfg.statements), tuple(cfg.how_to_use)
        )
    except ConfigError as e:
        errors.append(str(e))
    prints = None
    path = f"{display_dir}/print.yml"
    if (data_dir / "print.yml").exists():
        try:
            cfg = validate(PrintSchema, _read_yaml(data_dir / "print.yml"), source=path)
            prints = _plain(cfg)
            panels = prints["brochure"]["panels"]
            if len(panels) != BROCHURE_PANELS:
                errors.append(
                    f"{path}: brochure.panels: expected exactly {BROCHURE_PANELS} panels (the brochure's "
                    f"inside and back panels), got {len(panels)}"
                )
        except ConfigError as e:
            errors.append(str(e))
    if errors:
        raise ConfigError("\n".join(errors))
    assert region is not None and card is not None
    return SiteData(counties, hotlines, region, card, prints)


def _plain(value: Any) -> Any:
    """A validated Config tree as plain dicts and lists (picklable, easy for templates)."""
    if isinstance(value, base.Config):
        return {key: _plain(value[key]) for key in value}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def stale_hotlines(data: SiteData, today: dt.date, max_months: int, *, display_dir: str = "data") -> list[str]:
    """Warnings for hotlines not verified within ``max_months`` (or verified in the future)."""
    out = []
    for i, hotline in enumerate(data.hotlines):
        where = f"{display_dir}/hotlines.yml: hotlines[{i}] ({hotline.id}).verified"
        if hotline.verified > today:
            out.append(f"{where}: {hotline.verified} is in the future")
        elif months_between(hotline.verified, today) >= max_months:
            out.append(
                f"{where}: last verified {hotline.verified}, more than {max_months} months ago; "
                "call the number, then update the date"
            )
    return out
