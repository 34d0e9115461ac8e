"""Lay out and render one printout with WeasyPrint.

Every panel (brochure), card (card sheet) and the poster's sheet is a fixed box marked ``.fit``;
after layout, any line of text that ends below or beyond its box is an overflow. The templates'
type sizes are the smallest allowed (no text below 9 pt); the renderer grows the type to the
largest size at which everything still fits, and refuses a document that does not fit even at
the smallest size, so a long translation is never cut off silently or printed too small.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from kyr.prints import PAPER_SIZES
from kyr.prints.tagged import write_tagged_pdf
from kyr.prints.texts import PrintTexts
from kyr.site.parts import mark_html, writes_latin

__all__ = ["Overflow", "RenderedPrint", "measure", "render"]

_TEMPLATES = Path(__file__).parent / "templates"
# WeasyPrint reports every layout step at INFO; keep its warnings only.
log = logging.getLogger("mkdocs.plugins.kyr")
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
#: The largest and smallest type scale (1 = the sizes in the templates, whose smallest is 9 pt).
SCALES = (1.8, 1.0)
#: The smallest type size on paper, in points (the templates' smallest size at scale 1).
MIN_PT = 9.0
#: Where the search for each document starts (close to what the site's texts need).
FIRST_SCALE = {"brochure": 1.1, "cards": 1.05, "poster": 1.2}
#: A 1/16 inch narrower tuck-in panel, so the brochure folds flat.
TUCK_IN = 25.4 / 16
CARD = (88.9, 50.8)  # 3.5 × 2 in


class Overflow(Exception):
    """Text that does not fit its panel even at the smallest type size."""


#: Parts of a document whose type grows on its own (their boxes never share a page area): a
#: card's two sides do; a brochure's panels grow together, so it reads as one piece.
GROUPS = {"brochure": ("main",), "cards": ("front", "back"), "poster": ("main",)}


@dataclass(frozen=True)
class RenderedPrint:
    pdf: bytes
    scale: dict[str, float]
    """The type scale of each group (1 = the templates' sizes)."""
    pages: int
    own_font: bool = True
    """Whether the face print.yml chose for the language was used (it fit)."""


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )


def _qr(url: str) -> Markup | None:
    if not url:
        return None
    import segno

    code = segno.make(url, error="m")
    return Markup(code.svg_inline(scale=1, border=2, omitsize=True, dark="#000", title=url))


def _brochure_sides(paper: str, rtl: bool) -> list[list[dict[str, Any]]]:
    """Panel slots of the outside and inside of a C-fold brochure, in page order."""
    height, width = PAPER_SIZES[paper]  # landscape
    tuck = width / 3 - TUCK_IN
    other = (width - tuck) / 2
    outside = [("flap", 0, tuck), ("back", tuck, other), ("front", tuck + other, other)]
    inside = [("inside1", 0, other), ("inside2", other, other), ("inside3", 2 * other, tuck)]
    sides = []
    for side in (outside, inside):
        slots = []
        for name, x, w in side:
            # Mirrored for right-to-left languages: the cover opens the other way.
            slots.append({"name": name, "x": round(width - x - w if rtl else x, 2), "w": round(w, 2)})
        sides.append(slots)
    return sides


def _card_sheet(paper: str) -> tuple[list[dict[str, Any]], list[dict[str, float]]]:
    """Two sides of eight cards; the back mirrored for long-edge duplex; crop marks."""
    width, height = PAPER_SIZES[paper]
    cw, ch = CARD
    x0, y0 = (width - 2 * cw) / 2, (height - 4 * ch) / 2
    front, back = [], []
    for row in range(4):
        for col in range(2):
            front.append({"x": round(x0 + col * cw, 2), "y": round(y0 + row * ch, 2)})
            back.append({"x": round(x0 + (1 - col) * cw, 2), "y": round(y0 + row * ch, 2)})
    marks = []
    gap, length, weight = 2.0, 5.0, 0.15
    for col in range(3):
        x = x0 + col * cw
        marks.append({"x": x - weight / 2, "y": y0 - gap - length, "w": weight, "h": length})
        marks.append({"x": x - weight / 2, "y": y0 + 4 * ch + gap, "w": weight, "h": length})
    for row in range(5):
        y = y0 + row * ch
        marks.append({"x": x0 - gap - length, "y": y - weight / 2, "w": length, "h": weight})
        marks.append({"x": x0 + 2 * cw + gap, "y": y - weight / 2, "w": length, "h": weight})
    sides = [{"name": "front", "cards": front}, {"name": "back", "cards": back}]
    return sides, [{k: round(v, 2) for k, v in m.items()} for m in marks]


def _html(kind: str, paper: str, texts: PrintTexts, scale: dict[str, float]) -> str:
    """The document's HTML at a type scale per group (``pt(size, "front")``)."""
    env = _environment()
    portrait = PAPER_SIZES[paper]
    context = texts.context()
    font = context["font"]
    context.update(
        css=Markup((_TEMPLATES / "print.css").read_text(encoding="utf-8")),
        pt=lambda size, group="main": f"{size * scale[group]:.2f}pt",
        # A line height made for Latin letters, grown for scripts that need taller lines.
        lh=lambda height: f"{height * font.line_height / 1.25:.2f}",
        qr=_qr(texts.home_url),
    )
    if kind == "brochure":
        context.update(page_w=portrait[1], page_h=portrait[0], sides=_brochure_sides(paper, texts.language.rtl))
    elif kind == "cards":
        sides, marks = _card_sheet(paper)
        context.update(page_w=portrait[0], page_h=portrait[1], sides=sides, marks=marks,
                       card_w=CARD[0], card_h=CARD[1])
    else:
        context.update(page_w=portrait[0], page_h=portrait[1])
    document = env.get_template(f"{kind}.html").render(**context)
    if texts.catalogs.source:
        return document
    # Language of parts, as on the pages: the English a translation keeps is marked.
    return mark_html(document, latin=writes_latin(texts.language), phrases=texts.phrases,
                     not_english=texts.not_english)


def measure(document: Any) -> dict[str, tuple[list[str], float]]:
    """Per group: the ``.fit`` boxes whose text runs outside them, and how full the fullest is.

    The ratio is the height the text needs over the height it has (above 1: overflow). Each
    box ends with an empty ``.end`` paragraph: WeasyPrint drops whatever starts below the end
    of a page, so a box whose ``.end`` was not laid out overflowed (ratio reported as 1.25).
    A box's group is its ``data-group`` (``main`` if none).
    """
    out: dict[str, tuple[list[str], float]] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or "fit" not in (element.get("class") or "").split():
                continue
            if not hasattr(box, "content_box_y"):
                continue
            group = element.get("data-group") or "main"
            over, fullest = out.get(group, ([], 0.0))
            top, left = box.content_box_y(), box.content_box_x()
            bottom, right = top + box.height, left + box.width
            needed = top
            wide = ended = False
            for child in box.descendants():
                name = type(child).__name__
                if name == "LineBox":
                    needed = max(needed, child.position_y + child.height)
                elif name == "TextBox" and child.position_x + child.width > right + 0.5:
                    wide = True
                child_element = getattr(child, "element", None)
                if child_element is not None and child_element.get("class") == "end":
                    ended = True
                    needed = max(needed, child.position_y)
            ratio = (needed - top) / box.height if box.height else 0
            if not ended:
                ratio = max(ratio, 1.25)
            if needed > bottom + 0.5 or wide or not ended:
                over = sorted({*over, element.get("data-panel") or "?"})
            out[group] = (over, max(fullest, ratio))
    return out


@dataclass
class _Search:
    """The type-scale search of one group: the largest scale that fits, between the bounds."""

    scale: float
    fits: float | None = None
    fails: float | None = None
    done: bool = False
    over: tuple[str, ...] = ()

    def step(self, over: list[str], fullest: float) -> None:
        largest, smallest = SCALES
        if not over:
            self.fits = max(self.fits or 0.0, self.scale)
            # Grow: text height goes roughly with the square of the type size.
            target = min(largest, self.scale * (1 / max(fullest, 0.3)) ** 0.5 * 0.985)
            if self.fails is not None:
                target = min(target, (self.scale + self.fails) / 2)
            if self.scale >= largest or fullest > 0.96 or target <= self.scale * 1.015:
                self.done = True
                return
        else:
            self.over = tuple(over)
            self.fails = self.scale if self.fails is None else min(self.fails, self.scale)
            if self.scale <= smallest:
                self.done = True
                return
            target = max(smallest, self.scale * min((1 / max(fullest, 0.01)) ** 0.5 * 0.98, 0.96))
            if self.fits is not None:
                target = max(target, (self.fits + self.scale) / 2)
                if self.scale - self.fits < 0.02:
                    self.done = True
                    return
        self.scale = target


def render(
    kind: str, paper: str, texts: PrintTexts, *, base_url: str | None = None,
    start: dict[str, float] | None = None,
) -> RenderedPrint:
    """Render one document with the largest type that fits (within :data:`SCALES`), each
    group of boxes (:data:`GROUPS`) on its own.

    A face print.yml chose for the language (say, Nastaliq for Urdu) is used where it fits; where
    it does not, even at the smallest type, the document is set in its script's face instead,
    and the log says so.

    Args:
        start: the scales to try first (another paper size's or county's result is a good guess).

    Raises:
        Overflow: naming the boxes that do not fit at the smallest size (9 pt).
    """
    try:
        return _render(kind, paper, texts, base_url=base_url, start=start)
    except Overflow:
        chosen = (texts.data.prints or {}).get("fonts", {}).get(texts.language.code)
        if not chosen or not texts.own_font:
            raise
        from kyr.prints.fonts import print_font

        fallback = replace(texts, own_font=False)
        log.info(f"kyr: {kind} ({paper}, {texts.language.code}): {chosen} does not fit even at the smallest type; "
                 f"set in {print_font(texts.language).families[0]}")
        return replace(_render(kind, paper, fallback, base_url=base_url, start=start), own_font=False)


def _render(
    kind: str, paper: str, texts: PrintTexts, *, base_url: str | None = None,
    start: dict[str, float] | None = None,
) -> RenderedPrint:
    from weasyprint import HTML

    largest, smallest = SCALES
    first = FIRST_SCALE.get(kind, smallest)
    searches = {
        group: _Search(min(largest, max(smallest, (start or {}).get(group, first))))
        for group in GROUPS.get(kind, ("main",))
    }
    document = None
    for _ in range(8):
        scales = {g: s.scale for g, s in searches.items()}
        document = HTML(string=_html(kind, paper, texts, scales), base_url=base_url).render()
        found = measure(document)
        for group, search in searches.items():
            if not search.done:
                over, fullest = found.get(group, ([], 0.0))
                search.step(over, fullest)
        if all(s.done for s in searches.values()):
            break
    best = {g: s.fits if s.fits is not None else smallest for g, s in searches.items()}
    if best != scales or any(s.fits is None for s in searches.values()):
        document = HTML(string=_html(kind, paper, texts, best), base_url=base_url).render()
        found = measure(document)
    over = sorted({panel for o, _ in found.values() for panel in o})
    if over:
        raise Overflow(
            f"{kind} ({paper}, {texts.language.code}{', ' + texts.county if texts.county else ''}): text does "
            f"not fit in {', '.join(over)} even at the smallest type ({MIN_PT:g} pt); shorten it"
        )
    expected = 1 if kind == "poster" else 2
    if len(document.pages) != expected:
        raise Overflow(f"{kind} ({paper}, {texts.language.code}) has {len(document.pages)} pages, expected {expected}")
    return RenderedPrint(write_tagged_pdf(document), best, len(document.pages))
