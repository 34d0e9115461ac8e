"""State-wide data files under ``data/``: the officer card and the printouts' texts.

Each file has a typed schema (MkDocs ``Config`` classes). Loading validates everything and
reports every problem as ``data/<file>.yml:<line>: <entry>.<key>: <what was expected>``; an
invalid file fails the build. Which fields readers see (and so are translated) is declared here
too, for the ``kyr_data`` Babel extractor. Everything local to one edition (its name, counties and
hotlines) is in the edition's folder instead (:mod:`kyr.region`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from kyr.content.legal import TRANSLATABLE as _LEGAL_TRANSLATABLE
from kyr.content.legal import Directory, Status, Update, load_contacts, load_statuses, load_updates
from kyr.region import Region, load_region
from kyr.region.schema import KEYWORDS as _REGION_KEYWORDS
from kyr.region.schema import TRANSLATABLE as _REGION_TRANSLATABLE
from kyr.schema import ConfigError, Date, Slug, Text, TextList, line_of, read_yaml, validate

__all__ = [
    "Card",
    "SiteData",
    "Statement",
    "is_keyword",
    "load_project_data",
    "load_site_data",
    "translatable_keys",
]

# File name -> keys whose string values are shown to readers (and so are translated). A list
# contributes its items.
_TRANSLATABLE: dict[str, frozenset[str]] = {
    "card.yml": frozenset({"meaning", "how_to_use"}),
    "share.yml": frozenset({"heading", "steps", "say_heading", "lines_heading", "web"}),
    "print.yml": frozenset({
        "title", "subtitle", "heading", "points", "say_heading", "say_intro", "hotline_heading", "lines_note",
        "qr_caption", "disclaimer", "front_title", "front_lines", "steps", "county_lines",
        "hotline", "hours", "printed", "reviewed", "organisation", "web", "only_for", "hours_unknown",
        "anywhere", "checked",
    }),
    **_REGION_TRANSLATABLE,
    **_LEGAL_TRANSLATABLE,
}


def translatable_keys(name: str) -> frozenset[str]:
    """The translatable keys of the data file called ``name`` (none if it has no schema)."""
    return _TRANSLATABLE.get(name, frozenset())


def is_keyword(key: str, value: str) -> bool:
    """Whether a value is a keyword of its key (``hours: unknown``), not text for readers."""
    return value.strip().lower() in _REGION_KEYWORDS.get(key, frozenset())


# -- Schemas ----------------------------------------------------------------------------------


#: The brochure's text panels: inside 1-3 hold 1, 2 and 2 of them (see prints/templates/brochure.html).
BROCHURE_PANELS = 5


class PanelSchema(base.Config):
    heading = Text()
    points = TextList()
    statuses = c.ListOfItems(Slug(), default=[])
    """Legal statuses (ids in legal-status.yml) shown in one sentence under the points."""


class BrochureSchema(base.Config):
    title = Text()
    subtitle = Text()
    panels = c.ListOfItems(c.SubConfig(PanelSchema, validate=True))
    say_heading = Text()
    say_intro = Text()
    hotline_heading = Text()
    lines_note = Text("Each line serves only its own county.")
    qr_caption = Text()
    disclaimer = Text()


class CardsSchema(base.Config):
    front_title = Text()
    front_lines = TextList()


class PosterSchema(base.Config):
    title = Text()
    subtitle = Text()
    steps = TextList()
    statuses = c.ListOfItems(Slug(), default=[])
    say_heading = Text()


class LabelsSchema(base.Config):
    hotline = Text("Rapid response hotline")
    hours = Text("Hours")
    hours_unknown = Text("Hours not confirmed. Call to check.")
    only_for = Text("Only for %(county)s")
    anywhere = Text("Anywhere in the U.S.")
    checked = Text("checked %(date)s")
    printed = Text("Printed %(date)s")
    reviewed = Text("Information reviewed %(date)s")
    organisation = Text("Shared by %(name)s")
    web = Text()


class FontsOption(c.BaseConfigOption[dict]):
    """``fonts:`` in print.yml: a language code -> the face its printouts use."""

    def run_validation(self, value: object) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                  for k, v in value.items()):
            raise ValidationError(f"expected a mapping of language code to font name, got {value!r}")
        return {k: v.strip() for k, v in value.items()}


class PrintSchema(base.Config):
    reviewed = Date()
    fonts = FontsOption()
    """A face for a language whose readers expect another than its script's (kyr/prints/fonts.py)."""
    brochure = c.SubConfig(BrochureSchema, validate=True)
    cards = c.SubConfig(CardsSchema, validate=True)
    poster = c.SubConfig(PosterSchema, validate=True)
    labels = c.SubConfig(LabelsSchema, validate=True)


class ShareSchema(base.Config):
    """``share.yml``: the short text readers forward (:mod:`kyr.site.share`)."""

    reviewed = Date()
    heading = Text("What the text is about, in a few words.")
    steps = TextList()
    """The things to do now, one sentence each (three fit)."""
    say_heading = Text("Before the English statements to an officer.")
    lines_heading = Text("Before every county's line.")
    web = Text("Before the site's address.")


class StatementSchema(base.Config):
    id = Slug()
    en = Text()
    """The sentence to an officer, in English on every language's card."""
    meaning = Text()
    """What it says, translated for the reader."""
    on_poster = c.Type(bool, default=True)
    """Whether the door poster repeats it (the poster has room for about four)."""


class CardSchema(base.Config):
    statements = c.ListOfItems(c.SubConfig(StatementSchema, validate=True))
    how_to_use = TextList()


# -- Loaded data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    id: str
    en: str
    meaning: str
    on_poster: bool = True


@dataclass(frozen=True)
class Card:
    statements: tuple[Statement, ...]
    how_to_use: tuple[str, ...]


@dataclass(frozen=True)
class SiteData:
    """Everything the pages and printouts are made from: ``data/`` and the edition."""

    region: Region
    card: Card
    prints: dict[str, Any] | None = None
    """``print.yml`` (texts of the printouts), as validated plain data."""
    statuses: tuple[Status, ...] = ()
    """``legal-status.yml``: the status of contested or changing rules."""
    updates: tuple[Update, ...] = ()
    """``updates.yml``: every change to a status or to advice, newest first."""
    directory: Directory = Directory()
    """Free and low-cost legal help, and offices: the edition's and the state-wide ones."""
    share: dict[str, Any] | None = None
    """``share.yml`` (the short text readers forward), as validated plain data."""

    def status(self, ref: str) -> Status:
        """A legal status by id.

        Raises:
            KeyError: for an unknown id.
        """
        for status in self.statuses:
            if status.id == ref:
                return status
        raise KeyError(ref)


def _plain(value: Any) -> Any:
    """A validated Config tree as plain dicts and lists (picklable, easy for templates)."""
    if isinstance(value, base.Config):
        return {key: _plain(value[key]) for key in value}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_site_data(data_dir: Path, region_dir: Path, *, display_dir: str = "data",
                   region_shown: str | None = None) -> tuple[SiteData, list[str]]:
    """Read and validate ``data/`` and the edition's folder.

    Returns:
        The data, and warnings about the edition (see :func:`kyr.region.load_region`).

    Raises:
        ConfigError: listing every problem, each naming the file, the line, the entry and the key.
    """
    errors: list[str] = []
    warnings: list[str] = []
    region = None
    try:
        region, warnings = load_region(region_dir, region_shown)
    except ConfigError as e:
        errors.append(str(e))
    card = None
    path = f"{display_dir}/card.yml"
    try:
        raw = read_yaml(data_dir / "card.yml", path)
        cfg = validate(CardSchema, raw, source=path)
        if not cfg.statements:
            errors.append(f"{path}:{line_of(raw, 'statements')}: statements: expected at least one statement")
        card = Card(
            tuple(Statement(s.id, s.en, s.meaning, s.on_poster) for s in cfg.statements), tuple(cfg.how_to_use)
        )
    except ConfigError as e:
        errors.append(str(e))
    prints = None
    path = f"{display_dir}/print.yml"
    if (data_dir / "print.yml").exists():
        try:
            raw = read_yaml(data_dir / "print.yml", path)
            cfg = validate(PrintSchema, raw, source=path)
            prints = _plain(cfg)
            panels = prints["brochure"]["panels"]
            if len(panels) != BROCHURE_PANELS:
                errors.append(
                    f"{path}:{line_of(raw, 'brochure', 'panels')}: brochure.panels: expected exactly "
                    f"{BROCHURE_PANELS} panels (the brochure's inside and back panels), got {len(panels)}"
                )
        except ConfigError as e:
            errors.append(str(e))
    share = None
    path = f"{display_dir}/share.yml"
    if (data_dir / "share.yml").exists():
        try:
            raw = read_yaml(data_dir / "share.yml", path)
            share = _plain(validate(ShareSchema, raw, source=path))
            if not share["steps"]:
                errors.append(f"{path}:{line_of(raw, 'steps')}: steps: expected at least one step")
        except ConfigError as e:
            errors.append(str(e))
    statuses: tuple[Status, ...] = ()
    updates: tuple[Update, ...] = ()
    try:
        statuses = load_statuses(data_dir / "legal-status.yml", f"{display_dir}/legal-status.yml")
        updates = load_updates(data_dir / "updates.yml", f"{display_dir}/updates.yml", statuses)
    except ConfigError as e:
        errors.append(str(e))
    directory = Directory()
    try:
        files = {}
        for name, key in (("legal-help.yml", "providers"), ("offices.yml", "offices")):
            files[(None, name)] = load_contacts(data_dir / name, f"{display_dir}/{name}", key=key)
            if region is not None:
                files[("local", name)] = load_contacts(region_dir / name, f"{region.shown}/{name}",
                                                       {c.id: c.name for c in region.counties}, key=key)
        directory = Directory(
            files.get(("local", "legal-help.yml"), ()), files[(None, "legal-help.yml")],
            files.get(("local", "offices.yml"), ()), files[(None, "offices.yml")],
        )
        ids = [c.id for c in directory.all()] + ([h.id for h in region.hotlines] if region else [])
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            errors.append(f"ids used twice across hotlines.yml, legal-help.yml and offices.yml: {', '.join(twice)}; "
                          "macros find entries by id, so each must differ")
    except ConfigError as e:
        errors.append(str(e))
    if prints is not None:
        known = {s.id for s in statuses}
        used = [("poster", prints["poster"]["statuses"])] + [
            (f"brochure.panels[{i}]", panel["statuses"]) for i, panel in enumerate(prints["brochure"]["panels"])
        ]
        for where, ids in used:
            for ref in ids:
                if ref not in known:
                    errors.append(f"{display_dir}/print.yml: {where}.statuses: unknown status {ref!r}; "
                                  f"expected an id from legal-status.yml: {', '.join(sorted(known))}")
    if errors:
        raise ConfigError("\n".join(errors))
    assert region is not None and card is not None
    return SiteData(region, card, prints, statuses, updates, directory, share), warnings


def load_project_data(settings: Any) -> tuple[SiteData, list[str]]:
    """:func:`load_site_data` for a project's settings: ``data/`` and the chosen edition.

    Raises:
        ConfigError: as :func:`load_site_data`, or when the edition cannot be chosen.
    """
    import os

    root = settings.root()
    region_dir = settings.region_path()
    return load_site_data(
        Path(settings.data_path()), region_dir,
        display_dir=os.path.relpath(settings.data_path(), root),
        region_shown=os.path.relpath(region_dir, root),
    )
