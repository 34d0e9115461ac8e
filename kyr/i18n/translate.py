"""Translations at build time: load a language's catalogs and look messages up.

Only entries that are translated and not fuzzy are ever used (see
:func:`kyr.i18n.catalogs.is_translated`); everything else falls back to the English source.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from kyr.i18n.catalogs import Layout
from kyr.gates import Problem
from kyr.languages import Language
from kyr.i18n.placeholders import PlaceholderError, escape_translation, protect, restore

__all__ = ["Catalogs", "UiStrings", "fallback", "load_catalogs"]

log = logging.getLogger("mkdocs.kyr")

#: Attributes marking text shown in English on a page in another language.
FALLBACK_ATTRS = 'lang="en" dir="ltr"'


@dataclass
class Catalogs:
    """One language's usable translations, by domain."""

    language: Language
    source: bool = False
    """True for the source language: nothing is translated, nothing falls back."""
    entries: dict[str, dict[str, str | tuple[str, ...]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """What the translation gates refused (those entries fall back to English)."""
    plural_rules: dict[str, str] = field(default_factory=dict)
    """Each catalog's ``Plural-Forms`` expression (which form a number takes)."""
    origins: dict[str, tuple[str, dict[str, int]]] = field(default_factory=dict)
    """Each domain's catalog path and the line of each entry, to name an entry in messages."""

    def traced(self) -> dict[tuple[str, str], tuple[str, str, int | None]]:
        """``(domain, English) -> (translation, catalog path, line)`` of every usable entry."""
        out = {}
        for domain, entries in self.entries.items():
            path, lines = self.origins.get(domain, ("", {}))
            for english, translation in entries.items():
                text = translation if isinstance(translation, str) else " ".join(translation)
                out[(domain, english)] = (text, path, lines.get(english))
        return out

    def get(self, domain: str | tuple[str, ...], msgid: str) -> str | None:
        """The translation of ``msgid`` in ``domain`` (or the first of several that has one)."""
        for one in (domain,) if isinstance(domain, str) else domain:
            value = self.entries.get(one, {}).get(msgid)
            if isinstance(value, str):
                return value
        return None

    def get_plural(self, domain: str, msgid: str) -> tuple[str, ...] | None:
        value = self.entries.get(domain, {}).get(msgid)
        return value if isinstance(value, tuple) else None

    def text(self, domain: str, text: str) -> str | None:
        """Translate one Markdown segment (as the segmenter gives it), or ``None``.

        Markdown and HTML syntax a translation adds is neutralised (it becomes page source).
        """
        return self._translate(domain, text, neutralise=True)

    def line(self, domain: str | tuple[str, ...], value: str) -> str | None:
        """Translate a one-line title (front matter, ``nav``, ``site_name``), or ``None``.

        The whitespace is folded as the extractors fold it; themes print titles unescaped, so
        syntax is neutralised as in :meth:`text`.
        """
        return self._translate(domain, " ".join(value.split()), neutralise=True)

    def lookup(self, domain: str | tuple[str, ...], value: str) -> tuple[str, bool]:
        """A data-file or theme string in this language, and whether it is translated.

        Whitespace is folded as the extractors fold it. The source language is always
        translated; otherwise untranslated text comes back as the English, which the caller
        escapes and marks with :func:`fallback`.
        """
        if self.source:
            return value, True
        found = self._translate(domain, " ".join(value.split()), neutralise=False)
        return (found, True) if found is not None else (value, False)

    def _translate(self, domain: str | tuple[str, ...], text: str, *, neutralise: bool) -> str | None:
        """Look ``text`` up by the msgid the extractors made of it; restore its placeholders."""
        try:
            protected = protect(text)
        except PlaceholderError:
            return None
        msgstr = self.get(domain, protected.msgid)
        if msgstr is None:
            return None
        try:
            return restore(escape_translation(msgstr) if neutralise else msgstr, protected.tokens)
        except PlaceholderError:
            return None


def fallback(html: str) -> Markup:
    """Mark (already escaped) English shown on a page in another language."""
    return Markup(f"<span {FALLBACK_ATTRS}>{html}</span>")


def load_catalogs(
    layout: Layout,
    language: Language,
    *,
    source: bool = False,
    domains: set[str] | None = None,
) -> Catalogs:
    """Read a language's catalogs through the translation gates (:mod:`kyr.gates`).

    Only entries that pass are kept; every problem is in ``problems`` (the caller logs them).

    Args:
        domains: only these catalogs (all of them when ``None``).
    """
    from kyr.gates.check import check_language

    catalogs = Catalogs(language, source=source)
    if source:
        return catalogs
    for checked in check_language(layout, language, layout.project, domains=domains):
        catalogs.entries[checked.domain] = checked.usable
        catalogs.problems.extend(checked.problems)
        if checked.plural_expr:
            catalogs.plural_rules[checked.domain] = checked.plural_expr
        catalogs.origins[checked.domain] = (checked.path, checked.lines)
    return catalogs


class UiStrings:
    """The gettext functions theme overrides call: ``_()``, ``gettext()``, ``ngettext()``.

    ``_()`` is for element content: an untranslated string comes back wrapped in an English
    ``<span lang="en" dir="ltr">``. ``gettext()`` is for attribute values. Both escape HTML, so
    a translation can never add markup.
    """

    def __init__(self, catalogs: Catalogs, domain: str) -> None:
        self.catalogs = catalogs
        self.domain = domain

    def _lookup(self, msgid: str) -> tuple[str, bool]:
        found = self.catalogs.get(self.domain, msgid)
        return (found, True) if found is not None else (msgid, self.catalogs.source)

    @staticmethod
    def _format(text: str, values: dict[str, object]) -> Markup:
        """Escape ``text``, then fill in ``values`` (escaped unless they are already Markup)."""
        escaped = Markup(escape(text))
        if not values:
            return escaped
        try:
            return escaped % values
        except (KeyError, ValueError, TypeError):
            log.warning(f"kyr: theme string {text!r} does not fit its values {sorted(values)}")
            return escaped

    def gettext(self, msgid: str, **values: object) -> Markup:
        text, _ = self._lookup(msgid)
        return self._format(text, values)

    def content(self, msgid: str, **values: object) -> Markup:
        text, translated = self._lookup(msgid)
        out = self._format(text, values)
        return out if translated else fallback(out)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> Markup:
        values.setdefault("num", n)
        forms = self.catalogs.get_plural(self.domain, singular)
        if forms is not None:
            index = _plural_index(self.catalogs.plural_rules.get(self.domain), self.catalogs.language, n, len(forms))
            return self._format(forms[index], values)
        out = self._format(singular if n == 1 else plural, values)
        return out if self.catalogs.source else fallback(out)


def _plural_index(rule: str | None, language: Language, n: int, count: int) -> int:
    """Which plural form gettext uses for ``n``: the catalog's own rule, else CLDR's."""
    import gettext

    from babel.messages.plurals import get_plural

    index = gettext.c2py(rule or get_plural(language.cldr).plural_expr)(n)
    return min(max(index, 0), count - 1)
