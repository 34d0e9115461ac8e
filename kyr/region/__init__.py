"""Region editions: everything local to one edition lives in ``regions/<id>/``.

::

    regions/<id>/region.yml          name, short name, site name, organisation, site_url, counties,
                                     local pages and where they go in the navigation
    regions/<id>/hotlines.yml        the rapid response lines, each serving some of the counties
    regions/<id>/docs/*.md           local pages (city ordinances, local offices, ...)
    regions/<id>/sections/*.md       local sections that state-wide pages include with
                                     ``{{ local NAME }}``
    regions/<id>/locales/            the region's own templates and catalogs (``_region``,
                                     ``_sections`` and one per local page)

``extra.kyr.region`` in ``mkdocs.yml`` picks the edition; the environment variable
``KYR_REGION`` overrides it. State-wide content (``docs/``, ``data/``, ``locales/``) never names a
city or county.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kyr.region.schema import HOURS_UNKNOWN, HotlineSchema, RegionSchema
from kyr.schema import ConfigError, line_of, months_between, read_yaml, validate, validate_entries

__all__ = [
    "County",
    "CountyLines",
    "Hotline",
    "LocalPage",
    "Organisation",
    "REGION_ENV",
    "Region",
    "load_region",
    "pick_region",
    "region_ids",
    "stale_hotlines",
]

#: Environment variable that picks the edition, overriding ``extra.kyr.region``.
REGION_ENV = "KYR_REGION"


@dataclass(frozen=True)
class County:
    id: str
    name: str


@dataclass(frozen=True)
class Hotline:
    id: str
    name: str
    counties: tuple[str, ...]
    nationwide: bool
    phone: str
    display: str
    hours: str | None
    """``None`` when the hours are unknown (readers are told to call and check)."""
    languages: tuple[str, ...]
    purpose: str
    source: str
    verified: dt.date
    checked: str = "against sources"
    """``by phone`` or ``against sources``."""
    line: int | None = None
    """Where the entry starts in ``hotlines.yml``, for messages."""


@dataclass(frozen=True)
class CountyLines:
    """A county and the lines that serve it (the first is its main line)."""

    county: County
    hotlines: tuple[Hotline, ...]

    @property
    def main(self) -> Hotline:
        return self.hotlines[0]


@dataclass(frozen=True)
class Organisation:
    name: str
    contact: str
    url: str | None


@dataclass(frozen=True)
class LocalPage:
    file: str
    """Its name, which is also its address on the site (``local-laws.md`` → ``local-laws.html``)."""
    after: str
    """The navigation page it follows."""
    path: Path


@dataclass(frozen=True)
class Region:
    """One edition, validated."""

    id: str
    folder: Path
    shown: str
    """The folder as messages name it (``regions/bay-area``)."""
    name: str
    short_name: str
    site_name: str
    site_description: str
    organisation: Organisation
    site_url: str
    counties: tuple[County, ...]
    hotlines: tuple[Hotline, ...]
    pages: tuple[LocalPage, ...] = ()

    @property
    def locales(self) -> Path:
        return self.folder / "locales"

    @property
    def docs_dir(self) -> Path:
        return self.folder / "docs"

    @property
    def sections_dir(self) -> Path:
        return self.folder / "sections"

    def hotline(self, ref: str) -> Hotline:
        """A hotline by id.

        Raises:
            KeyError: for an unknown id.
        """
        for hotline in self.hotlines:
            if hotline.id == ref:
                return hotline
        raise KeyError(ref)

    def county(self, ref: str) -> County:
        for county in self.counties:
            if county.id == ref:
                return county
        raise KeyError(ref)

    def county_lines(self) -> list[CountyLines]:
        """Every county the region serves, with its lines, in the order of ``region.yml``."""
        out = []
        for county in self.counties:
            lines = tuple(h for h in self.hotlines if county.id in h.counties)
            if lines:
                out.append(CountyLines(county, lines))
        return out

    def nationwide(self) -> list[Hotline]:
        return [h for h in self.hotlines if h.nationwide]

    def only_for(self, hotline: Hotline) -> County | None:
        """The one county a line serves, when the region has several (its label says so)."""
        if len(self.counties) > 1 and len(hotline.counties) == 1 and not hotline.nationwide:
            return self.county(hotline.counties[0])
        return None


def region_ids(regions_dir: Path) -> list[str]:
    """The editions in ``regions/`` (folders with a ``region.yml``)."""
    if not regions_dir.is_dir():
        return []
    return sorted(p.name for p in regions_dir.iterdir() if (p / "region.yml").is_file())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _load_hotlines(path: Path, shown: str, counties: dict[str, str]) -> tuple[list[Hotline], list[str]]:
    data = read_yaml(path, shown)
    errors: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("hotlines"), list) or not data["hotlines"]:
        raise ConfigError(f"{shown}: expected 'hotlines:' followed by a list of hotlines, each starting with '- id:'")
    unknown = sorted(set(data) - {"hotlines"}, key=str)
    for key in unknown:
        errors.append(f"{shown}:{line_of(data, key)}: {key}: unknown key; expected only 'hotlines:'")
    hotlines: list[Hotline] = []
    seen: dict[str, int | None] = {}
    entries = data["hotlines"]
    for _, label, cfg, entry, here in validate_entries(HotlineSchema, entries, source=shown, key="hotlines",
                                                       errors=errors):

        def at(key: str) -> str:
            return f"{shown}:{line_of(entry, key) or here}: {label}.{key}"

        if cfg.id in seen:
            errors.append(f"{at('id')}: {cfg.id!r} is also the id of the hotline on line {seen[cfg.id]}; ids must differ")
        seen.setdefault(cfg.id, here)
        for county in cfg.counties:
            if county not in counties:
                errors.append(
                    f"{at('counties')}: unknown county {county!r}; expected one of the counties in "
                    f"region.yml: {', '.join(counties)}"
                )
        if not cfg.counties and not cfg.nationwide:
            errors.append(f"{at('counties')}: expected the ids of the counties this line serves (or 'nationwide: true')")
        if cfg.counties and cfg.nationwide:
            errors.append(f"{at('nationwide')}: a nationwide line lists no counties; remove one of the two")
        shown_digits, dialled = _digits(cfg.display), _digits(cfg.phone)
        if len(shown_digits) < 7 or not dialled.endswith(shown_digits) or len(dialled) - len(shown_digits) > 3:
            errors.append(
                f"{at('display')}: {cfg.display!r} is not the number in phone ({cfg.phone!r}); readers would "
                "see one number and dial another. Make the two the same number"
            )
        hours = None if cfg.hours.strip().lower() == HOURS_UNKNOWN else cfg.hours
        hotlines.append(
            Hotline(
                cfg.id, cfg.name, tuple(cfg.counties), cfg.nationwide, cfg.phone, cfg.display, hours,
                tuple(cfg.languages), cfg.purpose, cfg.source, cfg.verified, cfg.checked, here,
            )
        )
    if errors:
        raise ConfigError("\n".join(errors))
    return hotlines, []


def load_region(folder: Path, shown: str | None = None) -> tuple[Region, list[str]]:
    """Read and validate a region folder.

    Returns:
        The region, and warnings: things that are probably mistakes but leave the site correct
        (a county no line serves, a local page that is not listed). Strict builds fail on them.

    Raises:
        ConfigError: listing every error, each naming the file, the line, the entry and the key.
    """
    shown = shown or f"regions/{folder.name}"
    errors: list[str] = []
    warnings: list[str] = []
    rpath = f"{shown}/region.yml"
    raw = read_yaml(folder / "region.yml", rpath)
    cfg = validate(RegionSchema, raw, source=rpath)
    counties = {c["id"]: c["name"] for c in cfg.counties}
    hotlines: list[Hotline] = []
    try:
        hotlines, _ = _load_hotlines(folder / "hotlines.yml", f"{shown}/hotlines.yml", counties)
    except ConfigError as e:
        errors.append(str(e))
    site_url = cfg.site_url.strip()
    if site_url and not re.match(r"^https?://[^\s/]+(/\S*)?$", site_url):
        errors.append(
            f"{rpath}:{line_of(raw, 'site_url')}: site_url: expected an address like "
            f"https://kyr.example.org/, got {site_url!r}"
        )
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    pages = []
    docs = folder / "docs"
    for i, page in enumerate(cfg.pages):
        where = f"{rpath}:{line_of(raw, 'pages', i)}: pages[{i}]"
        path = docs / page["file"]
        if not page["file"].endswith(".md") or "/" in page["file"]:
            errors.append(f"{where}.file: expected the name of a Markdown file in {shown}/docs/, like local-laws.md")
        elif not path.is_file():
            errors.append(f"{where}.file: {shown}/docs/{page['file']} does not exist")
        pages.append(LocalPage(page["file"], page["after"], path))
    listed = {p.file for p in pages}
    if docs.is_dir():
        for path in sorted(docs.glob("*.md")):
            if path.name not in listed:
                warnings.append(
                    f"{shown}/docs/{path.name}: this local page is not listed under 'pages:' in "
                    f"{rpath}, so readers cannot reach it; add it there (with 'after:'), or delete it"
                )
    if errors:
        raise ConfigError("\n".join(errors))
    served = {c for h in hotlines for c in h.counties}
    for i, (cid, name) in enumerate(counties.items()):
        if cid not in served:
            warnings.append(
                f"{rpath}:{line_of(raw, 'counties', i)}: counties[{i}] ({cid}): no hotline serves {name}, so "
                f"readers there have no line to call; add one to hotlines.yml with 'counties: [{cid}]', "
                "or remove the county"
            )
    org = cfg.organisation
    region = Region(
        id=folder.name,
        folder=folder,
        shown=shown,
        name=cfg.name,
        short_name=cfg.short_name,
        site_name=cfg.site_name,
        site_description=cfg.site_description,
        organisation=Organisation(org["name"], org["contact"], org["url"] or None),
        site_url=site_url,
        counties=tuple(County(cid, name) for cid, name in counties.items()),
        hotlines=tuple(hotlines),
        pages=tuple(pages),
    )
    return region, warnings


def stale_hotlines(region: Region, today: dt.date, max_months: int) -> list[str]:
    """Warnings for hotlines not verified within ``max_months`` (or verified in the future)."""
    out = []
    for i, hotline in enumerate(region.hotlines):
        where = f"{region.shown}/hotlines.yml:{hotline.line or 1}: hotlines[{i}] ({hotline.id}).verified"
        if hotline.verified > today:
            out.append(f"{where}: {hotline.verified} is in the future")
        elif months_between(hotline.verified, today) >= max_months:
            out.append(
                f"{where}: last verified {hotline.verified}, more than {max_months} months ago; "
                "call the number, then update the date"
            )
    return out


def pick_region(configured: str | None, regions_dir: Path, shown_dir: str = "regions") -> str:
    """The edition to build: ``KYR_REGION``, else ``extra.kyr.region``, else the only one there is.

    Raises:
        ConfigError: when the edition does not exist, or none is chosen among several.
    """
    available = region_ids(regions_dir)
    wanted = os.environ.get(REGION_ENV, "").strip() or (configured or "").strip()
    source = REGION_ENV if os.environ.get(REGION_ENV, "").strip() else "extra.kyr.region"
    if not wanted:
        if len(available) == 1:
            return available[0]
        raise ConfigError(
            f"mkdocs.yml: extra.kyr.region: expected the edition to build, one of: "
            f"{', '.join(available) or f'(none: {shown_dir}/ has no region folder)'}"
        )
    if wanted not in available:
        raise ConfigError(
            f"{source}: there is no edition {wanted!r} ({shown_dir}/{wanted}/region.yml does not exist); "
            f"expected one of: {', '.join(available) or '(none)'}"
        )
    return wanted
