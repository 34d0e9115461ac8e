"""The law as dated data: the status of contested rules, the list of updates, legal help.

- ``data/legal-status.yml``: one entry per rule that is contested or changing, with a short
  plain-language status, how sure we are, the day it was last ``checked:`` against sources, and
  the sources. Pages, the glossary and the printouts show a status only through
  ``{{ status ID }}`` (or its short form), so no page retypes it in prose. An entry not checked
  within ``extra.kyr.legal_status_max_age`` days warns, and ``mkdocs build --strict`` fails.
- ``data/updates.yml``: every change to a status or to advice, dated, with what changed, what it
  means for the reader and the page to read. It feeds the Updates page, the Atom feed of each
  language and the home page's latest change.
- ``legal-help.yml`` and ``offices.yml`` (state-wide in ``data/``, local in the edition): free
  and low-cost legal help, and the offices readers call or visit (a court's case line, a
  complaint office, an ICE field office), each with a phone number only where a source gives
  one (else a web page, an address, or how to reach them) and a ``verified:`` date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from kyr.content.meta import Source, SourcesOption
from kyr.schema import (
    ConfigError, Date, LanguageCodes, Phone, Slug, Text, line_of, months_between, read_yaml, validate_entries,
)

__all__ = [
    "CONFIDENCE",
    "Contact",
    "Directory",
    "Status",
    "Update",
    "load_contacts",
    "load_statuses",
    "load_updates",
    "stale_providers",
    "stale_statuses",
    "TRANSLATABLE",
]

#: How sure the fact sheet is (H/M/L), as ``confidence:`` values.
CONFIDENCE = ("high", "medium", "low")

TRANSLATABLE: dict[str, frozenset[str]] = {
    "legal-status.yml": frozenset({"title", "status", "short"}),
    "updates.yml": frozenset({"title", "change", "meaning"}),
    "legal-help.yml": frozenset({"name", "what", "who", "reach"}),
    "offices.yml": frozenset({"name", "what", "who", "reach"}),
}


# -- Schemas ----------------------------------------------------------------------------------


class StatusSchema(base.Config):
    """One entry of ``data/legal-status.yml``."""

    id = Slug("expedited-removal")
    title = Text("Fast deportation without a judge (expedited removal)")
    status = Text()
    """Where the rule stands, in two or three plain sentences."""
    short = Text()
    """One short sentence, for the printouts and the glossary."""
    confidence = c.Choice(CONFIDENCE)
    """``high``, ``medium`` or ``low``, as the fact sheet marks it (H/M/L)."""
    checked = Date()
    """The day someone last checked the status against sources."""
    sources = SourcesOption()


class UpdateSchema(base.Config):
    """One entry of ``data/updates.yml``."""

    id = Slug("2026-12-expedited-removal")
    date = Date()
    title = Text("Fast deportation can again be used anywhere in the U.S.")
    change = Text()
    """What changed."""
    meaning = Text()
    """What it means for the reader, and what to do."""
    page = Text("arrested.md#fast-deportation")
    """The page (and section) to read, as a path in docs/."""
    status = c.Optional(Slug())
    """The legal status this update is about, if any."""


class ContactSchema(base.Config):
    """One entry of a ``legal-help.yml`` or ``offices.yml``."""

    id = Slug("sfildc")
    name = Text()
    what = Text()
    """What they do for readers."""
    who = Text()
    """Who they serve."""
    counties = c.ListOfItems(Slug(), default=[])
    """In an edition's file: the counties served (empty: every county of the edition)."""
    phone = c.Optional(Phone())
    """Only a number a source gives (E.164)."""
    display = c.Optional(Text())
    url = c.Optional(c.URL())
    address = c.Optional(Text())
    """A street address, where readers go in person (never translated)."""
    reach = c.Optional(Text())
    """How to reach them when no number or page is verified ("Ask the county's line")."""
    languages = c.Optional(LanguageCodes())
    source = Text()
    verified = Date()


# -- Loaded data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    id: str
    title: str
    status: str
    short: str
    confidence: str
    checked: dt.date
    sources: tuple[Source, ...]
    line: int | None = None


@dataclass(frozen=True)
class Update:
    id: str
    date: dt.date
    title: str
    change: str
    meaning: str
    page: str
    status: str | None = None


@dataclass(frozen=True)
class Contact:
    """A legal-help provider or an office."""

    id: str
    name: str
    what: str
    who: str
    counties: tuple[str, ...]
    phone: str | None
    display: str | None
    url: str | None
    address: str | None
    reach: str | None
    languages: tuple[str, ...]
    source: str
    verified: dt.date
    shown: str = ""
    """The file it comes from, for messages."""
    line: int | None = None


Provider = Contact


@dataclass(frozen=True)
class Directory:
    """Legal help and offices: the edition's (by county) and the state-wide ones."""

    local_help: tuple[Contact, ...] = ()
    state_help: tuple[Contact, ...] = ()
    local_offices: tuple[Contact, ...] = ()
    state_offices: tuple[Contact, ...] = ()

    def all(self) -> tuple[Contact, ...]:
        return self.local_help + self.state_help + self.local_offices + self.state_offices

    def get(self, ref: str) -> Contact:
        for contact in self.all():
            if contact.id == ref:
                return contact
        raise KeyError(ref)


LegalHelp = Directory


def _entries(path: Path, shown: str, key: str, *, required: bool = True) -> tuple[Any, list[Any]]:
    data = read_yaml(path, shown, required=required)
    if data is None:
        return None, []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise ConfigError(f"{shown}: expected '{key}:' followed by a list of entries, each starting with '- id:'")
    extra = sorted(set(data) - {key}, key=str)
    if extra:
        raise ConfigError(f"{shown}:{line_of(data, extra[0])}: {extra[0]}: unknown key; expected only '{key}:'")
    return data, data[key]


def _unique(ids: list[tuple[str, int | None]], shown: str, key: str) -> list[str]:
    seen: dict[str, int | None] = {}
    errors = []
    for i, (value, line) in enumerate(ids):
        if value in seen:
            errors.append(f"{shown}:{line}: {key}[{i}] ({value}).id: also used on line {seen[value]}; ids must differ")
        seen.setdefault(value, line)
    return errors


def load_statuses(path: Path, shown: str) -> tuple[Status, ...]:
    """Read ``legal-status.yml`` (a missing file means no statuses).

    Raises:
        ConfigError: naming the file, the line, the entry and the key.
    """
    data, entries = _entries(path, shown, "statuses", required=False)
    out, errors = [], []
    for _, _, cfg, _, line in validate_entries(StatusSchema, entries, source=shown, key="statuses", errors=errors):
        out.append(Status(cfg.id, cfg.title, cfg.status, cfg.short, cfg.confidence, cfg.checked,
                          tuple(cfg.sources), line))
    errors += _unique([(s.id, s.line) for s in out], shown, "statuses")
    if errors:
        raise ConfigError("\n".join(errors))
    return tuple(out)


def load_updates(path: Path, shown: str, statuses: tuple[Status, ...] = ()) -> tuple[Update, ...]:
    """Read ``updates.yml``, newest first (a missing file means no updates).

    Raises:
        ConfigError: naming the file, the line, the entry and the key.
    """
    data, entries = _entries(path, shown, "updates", required=False)
    out, errors, lines = [], [], []
    known = {s.id for s in statuses}
    for _, label, cfg, entry, line in validate_entries(UpdateSchema, entries, source=shown, key="updates",
                                                       errors=errors):
        if cfg.status and cfg.status not in known:
            errors.append(f"{shown}:{line_of(entry, 'status') or line}: {label}.status: unknown status {cfg.status!r}; "
                          f"expected an id from legal-status.yml: {', '.join(sorted(known))}")
        if not cfg.page.split("#")[0].endswith(".md"):
            errors.append(f"{shown}:{line_of(entry, 'page') or line}: {label}.page: expected a page of docs/ like "
                          f"'arrested.md#section', got {cfg.page!r}")
        out.append(Update(cfg.id, cfg.date, cfg.title, cfg.change, cfg.meaning, cfg.page, cfg.status))
        lines.append(line)
    errors += _unique([(u.id, line) for u, line in zip(out, lines)], shown, "updates")
    if errors:
        raise ConfigError("\n".join(errors))
    return tuple(sorted(out, key=lambda u: (u.date, u.id), reverse=True))


def load_contacts(path: Path, shown: str, counties: dict[str, str] | None = None, key: str = "providers") -> tuple[Contact, ...]:
    """Read a ``legal-help.yml`` (``providers:``) or ``offices.yml`` (``offices:``); a missing
    file means none.

    Args:
        counties: the edition's counties (for its own file), or ``None`` for a state-wide file.

    Raises:
        ConfigError: naming the file, the line, the entry and the key.
    """
    data, entries = _entries(path, shown, key, required=False)
    out, errors = [], []
    for _, label, cfg, entry, line in validate_entries(ContactSchema, entries, source=shown, key=key, errors=errors):

        def at(key: str) -> str:
            return f"{shown}:{line_of(entry, key) or line}: {label}.{key}"

        if bool(cfg.phone) != bool(cfg.display):
            errors.append(f"{at('phone')}: give both 'phone' (E.164) and 'display' (how people write it), or neither")
        elif cfg.phone:
            digits, dialled = "".join(ch for ch in cfg.display if ch.isdigit()), cfg.phone[1:]
            if len(digits) < 7 or not dialled.endswith(digits) or len(dialled) - len(digits) > 3:
                errors.append(f"{at('display')}: {cfg.display!r} is not the number in phone ({cfg.phone!r})")
        if not (cfg.phone or cfg.url or cfg.address or cfg.reach):
            errors.append(
                f"{at('url')}: say how readers reach them: a phone number a source gives, a web page, an "
                "address, or 'reach:' in words"
            )
        if counties is None and cfg.counties:
            errors.append(f"{at('counties')}: a state-wide file lists no counties; put local entries in the edition's own file")
        for county in cfg.counties:
            if counties is not None and county not in counties:
                errors.append(f"{at('counties')}: unknown county {county!r}; expected one of {', '.join(counties)}")
        out.append(Contact(cfg.id, cfg.name, cfg.what, cfg.who, tuple(cfg.counties), cfg.phone, cfg.display,
                           cfg.url, cfg.address, cfg.reach, tuple(cfg.languages or ()), cfg.source, cfg.verified,
                           shown, line))
    errors += _unique([(p.id, p.line) for p in out], shown, key)
    if errors:
        raise ConfigError("\n".join(errors))
    return tuple(out)


def stale_statuses(statuses: tuple[Status, ...], today: dt.date, max_days: int, shown: str) -> list[str]:
    """A warning for each status not checked within ``max_days`` (or checked in the future)."""
    out = []
    for i, status in enumerate(statuses):
        where = f"{shown}:{status.line or 1}: statuses[{i}] ({status.id}).checked"
        if status.checked > today:
            out.append(f"{where}: {status.checked} is in the future")
        elif (today - status.checked).days > max_days:
            out.append(
                f"{where}: last checked {status.checked}, {(today - status.checked).days} days ago (more than "
                f"{max_days}); check the rule against current sources, then update the status and the date"
            )
    return out


def stale_providers(providers: tuple[Contact, ...], today: dt.date, max_months: int) -> list[str]:
    """A warning for each provider or office not verified within ``max_months``."""
    out = []
    for i, provider in enumerate(providers):
        where = f"{provider.shown}:{provider.line or 1}: {provider.id}.verified"
        if provider.verified > today:
            out.append(f"{where}: {provider.verified} is in the future")
        elif months_between(provider.verified, today) >= max_months:
            out.append(f"{where}: last verified {provider.verified}, more than {max_months} months ago; "
                       "ask the provider to confirm the listing, then update the date")
    return out
