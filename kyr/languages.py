"""Languages: the one mapping from a URL folder to everything else that names a language.

A language is declared once, by its code in ``mkdocs.yml`` (``extra.kyr.languages``). The code is
the URL folder (``site/<code>/``), the catalog folder (``locales/<code>/``) and the BCP 47 ``lang``
attribute. Everything else is derived from CLDR through Babel, with a small table for the cases
where the tools disagree:

=========  ==============  ====================  ================  =======  =====
code       CLDR locale     Material language     search (lunr)     lang     dir
=========  ==============  ====================  ================  =======  =====
en         en              en                    en                en       ltr
es         es              es                    es                es       ltr
zh-Hant    zh_Hant         zh-Hant               zh                zh-Hant  ltr
zh-Hans    zh_Hans         zh                    zh                zh-Hans  ltr
tl         fil             tl                    en (no stemmer)   tl       ltr
vi         vi              vi                    vi                vi       ltr
ko         ko              ko                    ko                ko       ltr
ar         ar              ar                    ar                ar       rtl
=========  ==============  ====================  ================  =======  =====

Reader-facing names are endonyms from CLDR; text direction comes from CLDR too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from babel import Locale, UnknownLocaleError

__all__ = [
    "Language",
    "LanguageError",
    "MATERIAL_LANGUAGES",
    "SEARCH_LANGUAGES",
    "make_language",
]

CODE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$")

# Where the URL code, CLDR and Material disagree. Anything not listed is derived.
_CLDR_LOCALE = {"tl": "fil"}
_MATERIAL = {"zh-Hans": "zh"}
_SEARCH = {"zh-Hant": "zh", "zh-Hans": "zh"}
# The voices phones have are named by language and region (``es-US``, ``zh-TW``): which to ask for
# first, where CLDR's likely region is not the one readers here expect.
_SPEECH = {
    "en": ("en-US", "en-GB"),
    "es": ("es-US", "es-MX", "es-ES"),
    "zh-Hant": ("zh-TW", "zh-HK"),
    "zh-Hans": ("zh-CN",),
    "tl": ("fil-PH", "tl-PH"),
    "fa-AF": ("fa-AF", "prs-AF", "fa-IR"),
    "pt-BR": ("pt-BR", "pt-PT"),
    "ar": ("ar-SA", "ar-EG", "ar-XA"),
}


def _material_languages() -> frozenset[str]:
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html"))


def _search_languages() -> frozenset[str]:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr"
    found = {m.group(1) for p in folder.glob("min/lunr.*.min.js") if (m := re.match(r"lunr\.(\w+)\.min", p.name))}
    return frozenset(found - {"multi", "stemmer"}) | {"en"}


MATERIAL_LANGUAGES = _material_languages()
"""Languages Material has a UI translation for (``partials/languages/*.html``)."""
SEARCH_LANGUAGES = _search_languages()
"""Languages Material's search can stem (lunr-languages), plus English."""


class LanguageError(ValueError):
    """A language code that cannot be used, with the reason."""


@dataclass(frozen=True)
class Language:
    """Everything the build needs to know about one language."""

    code: str
    """URL folder, catalog folder and ``lang`` attribute, e.g. ``zh-Hant``."""
    cldr: str
    """Babel/CLDR locale identifier, e.g. ``zh_Hant`` or ``fil``."""
    theme_language: str
    """Material's ``theme.language`` (which UI translation to use)."""
    search_language: str
    """Material search's ``lang`` (which lunr stemmer to use)."""

    @cached_property
    def locale(self) -> Locale:
        """The CLDR locale."""
        return Locale.parse(self.cldr)

    @property
    def direction(self) -> str:
        """``ltr`` or ``rtl``, from CLDR."""
        return self.locale.text_direction

    @property
    def html_lang(self) -> str:
        """The value of ``lang`` attributes."""
        return self.code

    @cached_property
    def name(self) -> str:
        """The endonym shown to readers, e.g. ``español``, ``العربية``."""
        locale = self.locale
        if locale.territory and "-" in self.code:
            # A language named for where it is spoken: CLDR's own name when it has one (Dari,
            # "دری", for fa_AF), otherwise the name with the place ("português (Brasil)").
            name = locale.languages.get(f"{locale.language}_{locale.territory}") or locale.get_display_name(locale)
        elif locale.script:
            name = locale.get_display_name(locale) or self.code
        else:
            name = Locale(locale.language).get_display_name(locale) or self.code
        return name[:1].upper() + name[1:]

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @cached_property
    def _likely(self) -> list[str]:
        """CLDR's likely subtags of the language (``["pa", "Guru", "IN"]``)."""
        from babel.core import get_global

        return get_global("likely_subtags").get(self.locale.language, self.locale.language).split("_")

    @cached_property
    def script(self) -> str:
        """The script it is written in (ISO 15924, CLDR's likely script; ``Latn`` if unknown)."""
        if self.locale.script:
            return self.locale.script
        return next((p for p in self._likely[1:] if len(p) == 4 and p.istitle()), "Latn")

    @cached_property
    def speech(self) -> tuple[str, ...]:
        """The voices to ask the phone for, best first (``es-US``, then ``es-MX``...); the page
        script falls back to any voice of the same language."""
        if self.code in _SPEECH:
            return _SPEECH[self.code]
        region = self.locale.territory or next((p for p in self._likely[1:] if p.isupper() or p.isdigit()), "")
        return (f"{self.locale.language}-{region}",) if region else (self.locale.language,)

    def template_context(self) -> dict[str, str]:
        """The plain values templates use (``config.extra.kyr_lang``)."""
        return {
            "code": self.code,
            "name": self.name,
            "dir": self.direction,
            "lang": self.html_lang,
            "theme_language": self.theme_language,
            "speech": " ".join(self.speech),
        }


def make_language(
    code: str,
    *,
    locale: str | None = None,
    theme_language: str | None = None,
    search_language: str | None = None,
) -> Language:
    """Build a :class:`Language` from its code, deriving what is not given.

    Raises:
        LanguageError: if the code is malformed, unknown to CLDR, or an override is unknown to
            Material.
    """
    if not CODE_RE.match(code):
        raise LanguageError(
            f"{code!r} is not a language code; expected a BCP 47 tag such as 'es', 'zh-Hant' "
            "or 'pt-BR'"
        )
    cldr = locale or _CLDR_LOCALE.get(code) or code.replace("-", "_")
    try:
        parsed = Locale.parse(cldr)
    except (UnknownLocaleError, ValueError) as e:
        raise LanguageError(
            f"{code!r} is not a locale CLDR knows ({e}); give its CLDR locale with 'locale:'"
        ) from None
    theme = theme_language or _MATERIAL.get(code)
    if theme is None:
        for candidate in (code, parsed.language):
            if candidate in MATERIAL_LANGUAGES:
                theme = candidate
                break
        else:
            theme = "en"
    elif theme not in MATERIAL_LANGUAGES:
        raise LanguageError(
            f"Material has no UI language {theme!r}; expected one of {sorted(MATERIAL_LANGUAGES)}"
        )
    search = search_language or _SEARCH.get(code)
    if search is None:
        search = next(
            (c for c in (code, parsed.language, theme) if c in SEARCH_LANGUAGES), "en"
        )
    elif search not in SEARCH_LANGUAGES:
        raise LanguageError(
            f"search has no language {search!r}; expected one of {sorted(SEARCH_LANGUAGES)}"
        )
    return Language(code, str(parsed), theme, search)
