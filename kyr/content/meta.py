"""Content rules every page follows: front matter with a review date and sources.

A page's front matter is validated with :class:`PageMeta`. Problems are *warnings* (so
``mkdocs build --strict`` fails on them) naming the page and the key: a missing ``reviewed:`` or
``sources:``, a review older than ``extra.kyr.review_max_age`` months, a malformed source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from kyr.schema import ConfigError, Date, Text, months_between, validate

__all__ = ["CheckedMeta", "PageMeta", "SectionMeta", "Source", "check_page_meta"]

# Front-matter keys Material or MkDocs understand, besides ours.
_THEME_KEYS = frozenset({"template", "hide", "icon", "status", "search", "tags", "subtitle"})


class SourceSchema(base.Config):
    title = Text("Cal. Gov. Code § 7284.6")
    url = c.Optional(c.URL())


class SourcesOption(c.BaseConfigOption[list]):
    def run_validation(self, value: object) -> list:
        if value is None:
            raise ValidationError("missing; expected a list of sources, each with a title (and a url)")
        if not isinstance(value, list) or not value:
            raise ValidationError("expected a non-empty list of sources, each with a title (and a url)")
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                item = {"title": item}
            try:
                cfg = validate(SourceSchema, item, source="", where=f"sources[{i}]")
            except ConfigError as e:
                raise ValidationError(str(e).removeprefix(": ")) from None
            out.append(Source(cfg.title, cfg.url or None))
        return out


class PageMeta(base.Config):
    """A page's front matter."""

    title = c.Optional(c.Type(str))
    description = Text("One sentence for search results and link previews.")
    reviewed = Date()
    """When someone last checked the page against the fact sheet."""
    sources = SourcesOption()
    """Citations (statutes, cases, official pages) behind the page's statements."""
    offline = c.Type(bool, default=True)
    """Saved on the phone with the rest of the guide (``false`` for a page readers do not need
    without internet, such as the translator guide: kept only once opened)."""


class SectionMeta(base.Config):
    """A local section's front matter (``regions/<id>/sections/*.md``)."""

    reviewed = Date()
    sources = SourcesOption()


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class CheckedMeta:
    reviewed: dt.date | None
    sources: tuple[Source, ...]
    problems: tuple[str, ...]
    offline: bool = True
    """Whether the service worker saves the page in advance (``offline: false`` says no)."""


def check_page_meta(
    meta: dict, *, page: str, today: dt.date, max_age_months: int, schema: type[base.Config] = PageMeta
) -> CheckedMeta:
    """Validate a page's front matter.

    Args:
        meta: the page's front matter.
        page: how to name the page in messages (``docs/at-home.md``).
        today: the build date.
        max_age_months: how old ``reviewed:`` may be.

    Returns:
        The usable review date and sources, and one message per problem.
    """
    data = {k: v for k, v in meta.items() if k not in _THEME_KEYS}
    problems: list[str] = []
    reviewed = None
    sources: tuple[Source, ...] = ()
    offline = meta.get("offline") is not False
    try:
        cfg = validate(schema, data, source=page)
        reviewed, sources = cfg.reviewed, tuple(cfg.sources)
        offline = cfg.get("offline", True)
    except ConfigError as e:
        problems.extend(str(e).splitlines())
        # Keep whatever is valid so the page still renders.
        try:
            reviewed = Date().run_validation(meta.get("reviewed"))
        except ValidationError:
            pass
        try:
            sources = tuple(SourcesOption().run_validation(meta.get("sources")))
        except ValidationError:
            pass
    if reviewed is not None:
        if reviewed > today:
            problems.append(f"{page}: reviewed: {reviewed} is in the future")
        elif months_between(reviewed, today) >= max_age_months:
            problems.append(
                f"{page}: reviewed: last reviewed {reviewed}, more than {max_age_months} months ago; "
                "check the page against the fact sheet, then update the date"
            )
    return CheckedMeta(reviewed, sources, tuple(problems), offline)
