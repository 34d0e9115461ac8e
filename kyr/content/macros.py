"""Page macros: hotline numbers, the hotline list, the officer card, the region's name.

Pages never type a phone number; they write a macro and the build fills it in from
``data/``. Macros are expanded *after* translations are applied (they travel through catalogs as
``{N}`` placeholders, so a translator cannot change them) and are rendered by the Jinja templates
in ``overrides/partials/kyr/``, whose labels are translated like every theme string.

=================================  ======  ================================================
macro                              where   what
=================================  ======  ================================================
``{{ hotline ID }}``               inline  the number as a tap-to-call link
``{{ hotline ID name }}``          inline  the hotline's name
``{{ hotline-card ID }}``          block   a box with name, number, hours, languages
``{{ hotlines }}``                 block   every hotline, grouped by county
``{{ officer-card }}``             block   the English statements to show an officer
``{{ translations }}``             block   how complete and how reviewed each language is
``{{ prints }}``                   block   the printouts of the language, with their sizes
``{{ region }}``                   inline  the region's name
=================================  ======  ================================================

``ID`` is a hotline id from ``data/hotlines.yml`` or ``featured`` (the region's main hotline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from kyr.i18n.catalogs import DATA_DOMAIN
from kyr.content.data import Hotline, SiteData
from kyr.languages import Language
from kyr.i18n.translate import FALLBACK_ATTRS, Catalogs, fallback

__all__ = ["MACRO_RE", "MacroError", "Macros", "expand"]

MACRO_RE = re.compile(r"\{\{\s*([a-z][a-z-]*)((?:[ \t]+[A-Za-z0-9_-]+)*)\s*\}\}")
_BLOCK_LINE_RE = re.compile(r"^(?P<indent>[ \t]*(?:> ?)*)(?P<macro>\{\{.*\}\})[ \t]*$")


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

    def documents(self) -> list[dict[str, Any]]:
        """This language's printouts, grouped by document, with their links and sizes."""
        from babel.numbers import format_decimal

        docs: dict[str, dict[str, Any]] = {}
        for file in self.prints:
            if file.language != self.language.code:
                continue
            doc = docs.setdefault(file.kind, {"kind": file.kind, "files": []})
            size = format_decimal(max(1, round(file.size / 1024)), locale=self.language.locale) + " KB"
            doc["files"].append({"paper": file.paper, "href": f"print/{file.name}", "size": size})
        return list(docs.values())

    # Text from data files, in the reader's language ---------------------------------------

    def text(self, value: str) -> Markup:
        """A data-file string, translated if possible; English fallback is marked as such."""
        text, translated = self.catalogs.lookup(DATA_DOMAIN, value)
        return Markup(escape(text)) if translated else fallback(escape(text))

    def language_name(self, code: str, extra: dict[str, str] | None = None) -> Markup:
        """A spoken language's name in the reader's language: CLDR's, else from ``extra``."""
        name = self.language.locale.languages.get(code)
        if name:
            return Markup('<span class="kyr-cldr">%s</span>') % (name[:1].upper() + name[1:])
        return Markup(escape((extra or {}).get(code) or code))

    def hotline(self, ref: str) -> Hotline:
        try:
            return self.data.hotline(ref)
        except KeyError:
            known = ", ".join(["featured", *(h.id for h in self.data.hotlines)])
            raise MacroError(f"unknown hotline {ref!r}; expected one of {known}") from None

    # Rendering -----------------------------------------------------------------------------

    def render(self, template: str, **context: Any) -> str:
        html = self.env.get_template(f"partials/kyr/{template}.html").render(
            kyr=self, lang=self.language, **context
        )
        # One line: a raw HTML block in Markdown must not contain blank lines.
        return " ".join(html.split())

    def expand(self, name: str, args: list[str], block: bool) -> str:
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
        if name == "hotlines":
            if args or not block:
                raise MacroError("expected {{ hotlines }} alone on its line")
            return self._hotlines()
        if name == "officer-card":
            if args or not block:
                raise MacroError("expected {{ officer-card }} alone on its line")
            return self.render("officer-card", card=self.data.card)
        if name == "translations":
            if args or not block:
                raise MacroError("expected {{ translations }} alone on its line")
            return self.render("translations", rows=self.translations)
        if name == "prints":
            if args or not block:
                raise MacroError("expected {{ prints }} alone on its line")
            return self.render("prints", documents=self.documents(), has_qr=bool(self.site_url))
        if name == "region":
            if args:
                raise MacroError("expected {{ region }}")
            return str(self.text(self.data.region.name))
        raise MacroError(
            f"unknown macro {name!r}; expected hotline, hotline-card, hotlines, officer-card, "
            "translations, prints or region"
        )

    def _hotlines(self) -> str:
        # Markdown headings (so they get anchors and a table of contents), HTML cards below.
        parts = []
        for cid, county, hotlines in self.data.by_county():
            title, translated = self.catalogs.lookup(DATA_DOMAIN, county)
            attrs = f"#{cid}" + ("" if translated else f" {FALLBACK_ATTRS}")
            parts.append(f"## {escape(title)} {{ {attrs} }}")
            parts.append("")
            for hotline in hotlines:
                parts.append(self.render("hotline-card", hotline=hotline))
                parts.append("")
        return "\n".join(parts).rstrip("\n")


def expand(markdown: str, macros: Macros, *, page: str) -> str:
    """Expand every macro in a page's Markdown.

    Raises:
        MacroError: naming the page and line of the first bad macro.
    """
    out = []
    for lineno, line in enumerate(markdown.split("\n"), 1):
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
            raise MacroError(f"{page}: line {lineno}: {e}") from None
        if "{{" in out[-1] and "}}" in out[-1]:
            raise MacroError(f"{page}: line {lineno}: malformed macro in {line.strip()!r}")
    return "\n".join(out)
