"""The printouts' typefaces: Debian's Noto fonts, chosen by the script a language is written in.

One table for every language (a new language needs no entry here if its script is listed), and
``data/print.yml``'s ``fonts:`` for a language whose readers expect another face than its
script's default, recorded there with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from kyr.languages import Language

__all__ = ["PrintFont", "print_font"]

#: Script (ISO 15924) -> font stack (first choice first) and the line height its letters need.
_BY_SCRIPT: dict[str, tuple[tuple[str, ...], float]] = {
    "Latn": (("Noto Sans",), 1.25),
    "Cyrl": (("Noto Sans",), 1.25),
    "Grek": (("Noto Sans",), 1.25),
    "Deva": (("Noto Sans Devanagari", "Noto Sans"), 1.4),
    "Guru": (("Noto Sans Gurmukhi", "Noto Sans"), 1.4),
    "Arab": (("Noto Naskh Arabic", "Noto Sans"), 1.35),
    "Hebr": (("Noto Sans Hebrew", "Noto Sans"), 1.3),
    "Hant": (("Noto Sans CJK TC", "Noto Sans"), 1.3),
    "Hans": (("Noto Sans CJK SC", "Noto Sans"), 1.3),
    "Kore": (("Noto Sans CJK KR", "Noto Sans"), 1.3),
    "Jpan": (("Noto Sans CJK JP", "Noto Sans"), 1.3),
    "Thai": (("Noto Sans Thai", "Noto Sans"), 1.4),
}
#: Scripts whose faces have a true italic; others get no slanted text (a synthesised oblique of
#: Chinese, Arabic or Devanagari letters is hard to read, and adds a whole font to the PDF).
_ITALIC = frozenset({"Latn", "Cyrl", "Grek"})
#: Faces a language may ask for in print.yml, with the line height they need.
_LINE_HEIGHT = {"Noto Nastaliq Urdu": 1.9}


@dataclass(frozen=True)
class PrintFont:
    families: tuple[str, ...]
    line_height: float
    #: Whether the script is ever set in italic.
    italic: bool = True

    def css(self) -> str:
        """``font-family`` value (quoted families, then a generic one)."""
        return ", ".join(f'"{f}"' for f in self.families) + ", sans-serif"


def print_font(language: Language, chosen: dict[str, str] | None = None) -> PrintFont:
    """The face a language's printouts use: print.yml's choice, else its script's."""
    script = language.script
    families, height = _BY_SCRIPT.get(script, _BY_SCRIPT["Latn"])
    italic = script in _ITALIC
    face = (chosen or {}).get(language.code)
    if face:
        return PrintFont((face, *families), _LINE_HEIGHT.get(face, height), italic)
    return PrintFont(families, height, italic)
