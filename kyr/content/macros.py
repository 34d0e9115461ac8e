"""Page macros: the edition's lines, the officer card, the region's name, local content.

Pages never type a phone number; they write a macro and the build fills it in from the
edition's data. Macros are expanded *after* translations are applied (they travel through
catalogs as ``{N}`` placeholders, so a translator cannot change them) and are rendered by the
Jinja templates in ``overrides/partials/kyr/``, whose labels are translated like every theme
string.

=================================  ======  ======================================================
macro                              where   what
=================================  ======  ======================================================
``{{ county-lines }}``             block   every county's main line, large, with a county picker
``{{ county-line }}``              inline  "your county's line": a link to the list (and, once a
                                           reader picks a county, that county's number)
``{{ hotline ID }}``               inline  one line's number as a tap-to-call link
``{{ hotline ID name }}``          inline  one line's name
``{{ hotline-card ID }}``          block   a box with name, number, hours, languages
``{{ hotlines }}``                 block   every line, grouped by county
``{{ officer-card }}``             block   the English statements to show an officer
``{{ organisation }}``             block   who publishes this edition, and how to reach them
``{{ local-pages }}``              block   links to the edition's local pages
``{{ translations }}``             block   how complete and how reviewed each language is
``{{ prints }}``                   block   the printouts of the language, by county, with sizes
``{{ region }}``                   inline  the region's name
``{{ phone ID }}``                 inline  any number of the data (a line, a legal-help provider)
``{{ status ID }}``                block   a rule's current status, how sure we are, when checked
``{{ status ID short }}``          inline  the status in one sentence, with its checked date
``{{ updates }}``                  block   every change to a status or to advice, newest first
``{{ latest-update }}``            block   the newest change, with a link to the Updates page
``{{ legal-help }}``               block   free and low-cost legal help, by county
``{{ office ID }}``                block   an office (a court's case line, a complaint office)
=================================  ======  ======================================================

``{{ local NAME }}`` (a local section of the edition) is expanded earlier, by
:mod:`kyr.site.pages`, because it brings Markdown of its own to translate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from kyr.content.data import SiteData
from kyr.i18n.catalogs import DATA_DOMAINS
from kyr.i18n.translate import FALLBACK_ATTRS, Catalogs, fallback
from kyr.languages import Language
from kyr.region import Hotline

__all__ = ["BLOCK_MACROS", "MACRO_RE", "MacroError", "Macros", "check_macros", "expand"]

MACRO_RE = re.compile(r"\{\{\s*([a-z][a-z-]*)((?:[ \t]+[A-Za-z0-9_-]+)*)\s*\}\}")
_BLOCK_LINE_RE = re.compile(r"^(?P<indent>[ \t]*(?:> ?)*)(?P<macro>\{\{.*\}\})[ \t]*$")

#: Macros that must stand alone on their line.
BLOCK_MACROS = frozenset({
    "county-lines", "hotline-card", "hotlines", "officer-card", "organisation", "local-pages",
    "translations", "prints", "local", "updates", "latest-update", "legal-help", "office", "share",
})
INLINE_MACROS = frozenset({"county-line", "hotline", "region", "phone"})
#: Macros that may stand alone (a box) or inline (a short form), depending on their arguments.
EITHER_MACROS = frozenset({"status"})
#: The anchor of the county list on the hotlines page (``{{ county-line }}`` links to it).
COUNTY_LIST_ID = "county-lines"


class MacroError(Exception):
    """A macro that cannot be expanded (unknown name or hotline)."""


@dataclass
class Macros:
    """Everything macros need for one language build."""

    data: SiteData
    language: Language
    catalogs: Catalogs
    env: Any
    """A Jinja environment with the theme's templates and the UI string functions."""
    translations: list[Any] = field(default_factory=list)
    """Rows of :func:`kyr.i18n.status.translation_table`, for ``{{ translations }}``."""
    prints: list[Any] = field(default_factory=list)
    """This build's printouts (:class:`kyr.prints.build.PrintFile`), for ``{{ prints }}``."""
    site_url: str = ""
    hotlines_href: str = "hotlines.html"
    """Where the list of every county's line is, relative to the page being expanded."""
    local_pages: list[dict[str, str]] = field(default_factory=list)
    """The edition's local pages: ``href`` and translated ``title``."""
    site_name: str = ""
    """The site's name in this language."""

    def share_text(self) -> str:
        """The short text readers forward (:func:`kyr.site.share.share_text`)."""
        from kyr.site.share import share_text

        home = f"{self.site_url.rstrip('/')}/{self.language.code}/" if self.site_url else ""
        return share_text(self.data, self.catalogs, home_url=home, site_name=self.site_name)

    @property
    def region(self) -> Any:
        return self.data.region

    def documents(self) -> list[dict[str, Any]]:
        """This language's printouts: the brochure, then cards and posters for each county."""
        from babel.numbers import format_decimal

        docs: dict[tuple[str, str], dict[str, Any]] = {}
        for file in self.prints:
            if file.language != self.language.code:
                continue
            doc = docs.setdefault((file.county or "", file.kind), {"kind": file.kind, "county": file.county, "files": []})
            size = format_decimal(max(1, round(file.size / 1024)), locale=self.language.locale) + " KB"
            doc["files"].append({"paper": file.paper, "href": f"print/{file.name}", "size": size})
        everywhere = [d for (county, _), d in docs.items() if not county]
        by_county = []
        for county in self.region.counties:
            kinds = [d for (c, _), d in docs.items() if c == county.id]
            if kinds:
                by_county.append({"county": county, "documents": kinds})
        return [{"county": None, "documents": everywhere}, *by_county] if everywhere or by_county else []

    # Text from data files, in the reader's language ---------------------------------------

    def text(self, value: str) -> Markup:
        """A data-file string, translated if possible; English fallback is marked as such."""
        text, translated = self.catalogs.lookup(DATA_DOMAINS, value)
        return Markup(escape(text)) if translated else fallback(escape(text))

    def lookup(self, value: str) -> tuple[str, bool]:
        """A data-file string in this language (plain text) and whether it is translated, for
        places where a ``<span>`` cannot go (``<option>``); the caller marks English itself."""
        return self.catalogs.lookup(DATA_DOMAINS, value)

    def language_name(self, code: str, extra: dict[str, str] | None = None) -> Markup:
        """A spoken language's name in the reader's language: CLDR's, else from ``extra``."""
        name = self.language.locale.languages.get(code)
        if name:
            return Markup('<span class="kyr-cldr">%s</span>') % (name[:1].upper() + name[1:])
        return Markup(escape((extra or {}).get(code) or code))

    def hotline(self, ref: str) -> Hotline:
        try:
            return self.region.hotline(ref)
        except KeyError:
            known = ", ".join(h.id for h in self.region.hotlines)
            raise MacroError(
                f"unknown hotline {ref!r}; expected an id from {self.region.shown}/hotlines.yml: {known}"
            ) from None

    def only_for(self, hotline: Hotline) -> Any:
        """The county a line is limited to (for its "only for ..." label), or ``None``."""
        return self.region.only_for(hotline)

    def lines_data(self) -> list[dict[str, str]]:
        """Each county's main line, for the page script that shows the reader's county."""
        return [
            {"county": cl.county.id, "name": str(self.text(cl.county.name)), "tel": cl.main.phone,
             "display": cl.main.display}
            for cl in self.region.county_lines()
        ]

    # Rendering -----------------------------------------------------------------------------

    def render(self, template: str, **context: Any) -> str:
        html = self.env.get_template(f"partials/kyr/{template}.html").render(
            kyr=self, lang=self.language, region=self.region, **context
        )
        # One line: a raw HTML block in Markdown must not contain blank lines.
        return " ".join(html.split())

    def status(self, ref: str) -> Any:
        try:
            return self.data.status(ref)
        except KeyError:
            known = ", ".join(s.id for s in self.data.statuses)
            raise MacroError(f"unknown status {ref!r}; expected an id from data/legal-status.yml: {known}") from None

    def number(self, ref: str) -> Any:
        """A line or a legal-help provider with a phone number, by id."""
        for item in (*self.region.hotlines, *self.data.directory.all()):
            if item.id == ref and item.phone:
                return item
        known = ", ".join(i.id for i in (*self.region.hotlines, *self.data.directory.all()) if i.phone)
        raise MacroError(f"no number with the id {ref!r}; expected one of: {known}")

    def page_href(self, target: str) -> str:
        """A ``docs/`` path (``arrested.md#x``) as a link from the page being expanded."""
        path, _, anchor = target.partition("#")
        href = path[:-3] + ".html" if path.endswith(".md") else path
        return href + (f"#{anchor}" if anchor else "")

    def expand(self, name: str, args: list[str], block: bool) -> str:
        if block and name in INLINE_MACROS and name != "hotline":
            block = False
        if name == "status":
            block = block and not (len(args) == 2 and args[1] == "short")
        if not block and name in BLOCK_MACROS:
            raise MacroError(f"{{{{ {name} }}}} must stand alone on its own line")
        if name == "status":
            if not args or len(args) > 2 or (len(args) == 2 and args[1] != "short"):
                raise MacroError("expected {{ status ID }} (a box) or {{ status ID short }} (one sentence)")
            status = self.status(args[0])
            return self.render("status-short" if len(args) == 2 else "status", status=status)
        if name == "phone":
            if len(args) != 1:
                raise MacroError("expected {{ phone ID }}")
            return self.render("tel", hotline=self.number(args[0]))
        if name == "updates":
            self._no_args(name, args)
            return self.render("updates", updates=self.data.updates)
        if name == "latest-update":
            self._no_args(name, args)
            return self.render("latest-update", update=self.data.updates[0]) if self.data.updates else ""
        if name == "legal-help":
            self._no_args(name, args)
            return self._legal_help()
        if name == "office":
            if len(args) != 1:
                raise MacroError("expected {{ office ID }}")
            try:
                return self.render("provider", provider=self.data.directory.get(args[0]))
            except KeyError:
                known = ", ".join(c.id for c in self.data.directory.all())
                raise MacroError(f"unknown office {args[0]!r}; expected an id from offices.yml or legal-help.yml: {known}") from None
        if name == "hotline":
            if not args or len(args) > 2 or (len(args) == 2 and args[1] not in ("name", "number")):
                raise MacroError("expected {{ hotline ID }} or {{ hotline ID name }}")
            hotline = self.hotline(args[0])
            if len(args) == 2 and args[1] == "name":
                return str(self.text(hotline.name))
            return self.render("tel", hotline=hotline)
        if name == "hotline-card":
            if len(args) != 1:
                raise MacroError("expected {{ hotline-card ID }}")
            return self.render("hotline-card", hotline=self.hotline(args[0]))
        if name == "county-lines":
            self._no_args(name, args)
            return self.render("county-lines", lines=self.region.county_lines(), nationwide=self.region.nationwide())
        if name == "county-line":
            self._no_args(name, args)
            return self.render("county-line", href=f"{self.hotlines_href}#{COUNTY_LIST_ID}")
        if name == "hotlines":
            self._no_args(name, args)
            return self._hotlines()
        if name == "officer-card":
            self._no_args(name, args)
            return self.render("officer-card", card=self.data.card)
        if name == "organisation":
            self._no_args(name, args)
            return self.render("organisation", organisation=self.region.organisation)
        if name == "local-pages":
            self._no_args(name, args)
            return self.render("local-pages", pages=self.local_pages) if self.local_pages else ""
        if name == "share":
            from kyr.site.share import ShareTooLong

            self._no_args(name, args)
            try:
                return self.render("share", text=self.share_text())
            except ShareTooLong as e:
                raise MacroError(f"[{self.language.code}] {e}") from None
        if name == "translations":
            self._no_args(name, args)
            return self.render("translations", rows=self.translations)
        if name == "prints":
            self._no_args(name, args)
            return self.render("prints", groups=self.documents(), has_qr=bool(self.site_url))
        if name == "region":
            self._no_args(name, args)
            return str(self.text(self.region.name))
        raise MacroError(f"unknown macro {name!r}; expected one of {', '.join(sorted(BLOCK_MACROS | INLINE_MACROS | EITHER_MACROS))}")

    @staticmethod
    def _no_args(name: str, args: list[str]) -> None:
        if args:
            raise MacroError(f"{{{{ {name} }}}} takes nothing after its name, got {' '.join(args)!r}")

    def _hotlines(self) -> str:
        # Markdown headings (so they get anchors and a table of contents), HTML cards below.
        parts = [f'<div id="{COUNTY_LIST_ID}"></div>', ""]
        groups = [(cl.county.id, cl.county.name, cl.hotlines) for cl in self.region.county_lines()]
        nationwide = self.region.nationwide()
        if nationwide:
            groups.append(("nationwide", None, tuple(nationwide)))
        for cid, county, hotlines in groups:
            if county is None:
                # A theme string: marked as English by _() itself when untranslated.
                title, attrs = str(self.env.globals["_"]("Anywhere in the U.S.")), f"#{cid}"
            else:
                text, translated = self.catalogs.lookup(DATA_DOMAINS, county)
                title, attrs = str(escape(text)), f"#{cid}" + ("" if translated else f" {FALLBACK_ATTRS}")
            parts.append(f"## {title} {{ {attrs} }}")
            parts.append("")
            for hotline in hotlines:
                parts.append(self.render("hotline-card", hotline=hotline))
                parts.append("")
        return "\n".join(parts).rstrip("\n")


    def _legal_help(self) -> str:
        # Markdown headings (anchors, a table of contents, search), HTML cards below.
        directory = self.data.directory
        groups = []
        for county in self.region.counties:
            providers = [p for p in directory.local_help if county.id in p.counties or not p.counties]
            if providers:
                text, translated = self.catalogs.lookup(DATA_DOMAINS, county.name)
                groups.append((county.id, str(escape(text)), translated, providers))
        if directory.state_help:
            groups.append(("california", self.render("legal-help-state"), True, list(directory.state_help)))
        parts = []
        for gid, title, translated, providers in groups:
            attrs = f"#legal-help-{gid}" + ("" if translated else f" {FALLBACK_ATTRS}")
            parts += [f"## {title} {{ {attrs} }}", ""]
            for provider in providers:
                parts += [self.render("provider", provider=provider), ""]
        return "\n".join(parts).rstrip("\n")


def _macro_lines(markdown: str):
    """``(line number, name, args, is_block)`` of every macro in ``markdown`` (1-based lines)."""
    for lineno, line in enumerate(markdown.split("\n"), 1):
        block = _BLOCK_LINE_RE.match(line)
        if block and MACRO_RE.fullmatch(block.group("macro")):
            m = MACRO_RE.fullmatch(block.group("macro"))
            assert m
            yield lineno, m.group(1), m.group(2).split(), True, line
            continue
        found = False
        for m in MACRO_RE.finditer(line):
            found = True
            yield lineno, m.group(1), m.group(2).split(), False, line
        if not found and "{{" in line and "}}" in line:
            yield lineno, None, [], False, line


def check_macros(markdown: str, data: SiteData | None, *, page: str, first_line: int = 1) -> list[str]:
    """Problems with the macros of a page's English source, each naming the file and line.

    Args:
        markdown: the page's body (what MkDocs passes to ``on_page_markdown``).
        data: the site's data (hotline ids).
        page: how to name the page (``docs/at-home.md``).
        first_line: the line of the file where ``markdown`` starts (after the front matter).
    """
    problems = []
    known = BLOCK_MACROS | INLINE_MACROS | EITHER_MACROS
    for lineno, name, args, block, line in _macro_lines(markdown):
        where = f"{page}:{lineno + first_line - 1}"
        if name is None:
            problems.append(f"{where}: malformed macro in {line.strip()!r}; expected {{{{ name }}}}")
        elif name not in known:
            problems.append(f"{where}: unknown macro {name!r}; expected one of {', '.join(sorted(known))}")
        elif data is None:
            problems.append(f"{where}: {{{{ {name} }}}} needs the edition's data, and this site has no regions/ folder")
        elif name in ("hotline", "hotline-card") and args:
            ids = [h.id for h in data.region.hotlines]
            if args[0] not in ids:
                problems.append(
                    f"{where}: unknown hotline {args[0]!r}; expected an id from "
                    f"{data.region.shown}/hotlines.yml: {', '.join(ids)}"
                )
        elif name in BLOCK_MACROS and not block:
            problems.append(f"{where}: {{{{ {name} }}}} must stand alone on its own line")
        elif name == "status" and args and args[0] not in {s.id for s in data.statuses}:
            problems.append(
                f"{where}: unknown status {args[0]!r}; expected an id from data/legal-status.yml: "
                f"{', '.join(s.id for s in data.statuses)}"
            )
        elif name == "office" and args and args[0] not in {c.id for c in data.directory.all()}:
            problems.append(f"{where}: unknown office {args[0]!r}; expected an id from offices.yml or legal-help.yml")
        elif name == "phone" and args and args[0] not in {i.id for i in (*data.region.hotlines, *data.directory.all()) if i.phone}:
            problems.append(f"{where}: no number with the id {args[0]!r} in the edition's or the state's data")
    return problems


def expand(markdown: str, macros: Macros, *, page: str) -> str:
    """Expand every macro in a page's Markdown.

    Raises:
        MacroError: naming the page of the first bad macro.
    """
    out = []
    for line in markdown.split("\n"):
        block = _BLOCK_LINE_RE.match(line)
        try:
            if block and MACRO_RE.fullmatch(block.group("macro")):
                m = MACRO_RE.fullmatch(block.group("macro"))
                assert m
                html = macros.expand(m.group(1), m.group(2).split(), True)
                indent = block.group("indent")
                out.append("\n".join(indent + part if part else part for part in html.split("\n")))
                continue
            out.append(MACRO_RE.sub(lambda m: macros.expand(m.group(1), m.group(2).split(), False), line))
        except MacroError as e:
            raise MacroError(f"{page}: {e}") from None
    return "\n".join(out)
