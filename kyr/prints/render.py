"""Lay out and render one printout with WeasyPrint.

Every panel (brochure), card (card sheet) and the poster's sheet is a fixed box marked ``.fit``;
after layout, any line of text that ends below or beyond its box is an overflow. The renderer
shrinks the type in small steps until everything fits and refuses the document if it never does,
so a long translation can never be cut off silently on paper.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from kyr.prints import PAPER_SIZES
from kyr.prints.texts import PrintTexts

__all__ = ["Overflow", "RenderedPrint", "measure", "render"]

_TEMPLATES = Path(__file__).parent / "templates"
#: The largest and smallest type scale (1 = the sizes in the templates).
SCALES = (1.4, 0.6)
#: Where the search for each document starts (close to what the site's texts need).
FIRST_SCALE = {"brochure": 1.4, "cards": 1.2, "poster": 1.1}
#: A 1/16 inch narrower tuck-in panel, so the brochure folds flat.
TUCK_IN = 25.4 / 16
CARD = (88.9, 50.8)  # 3.5 × 2 in


class Overflow(Exception):
    """Text that does not fit its panel even at the smallest type size."""


@dataclass(frozen=True)
class RenderedPrint:
    pdf: bytes
    scale: float
    pages: int


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
    return Markup(code.svg_inline(scale=1, border=2, omitsize=True, dark="#000"))


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


def _html(kind: str, paper: str, texts: PrintTexts, scale: float) -> str:
    """The document's HTML at a type scale."""
    env = _environment()
    portrait = PAPER_SIZES[paper]
    context = texts.context()
    context.update(
        css=Markup((_TEMPLATES / "print.css").read_text(encoding="utf-8")),
        pt=lambda size: f"{size * scale:.2f}pt",
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
    return env.get_template(f"{kind}.html").render(**context)


def measure(document: Any) -> tuple[list[str], float]:
    """The ``.fit`` boxes whose text runs outside them, and how full the fullest box is.

    The ratio is the height the text needs over the height it has (above 1: overflow). Each
    box ends with an empty ``.end`` paragraph: WeasyPrint drops whatever starts below the end
    of a page, so a box whose ``.end`` was not laid out overflowed (ratio reported as 1.25).
    """
    out = []
    fullest = 0.0
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None or "fit" not in (element.get("class") or "").split():
                continue
            if not hasattr(box, "content_box_y"):
                continue
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
            fullest = max(fullest, ratio)
            if needed > bottom + 0.5 or wide or not ended:
                out.append(element.get("data-panel") or "?")
    return sorted(set(out)), fullest


def render(
    kind: str, paper: str, texts: PrintTexts, *, base_url: str | None = None, start: float | None = None
) -> RenderedPrint:
    """Render one document with the largest type that fits (within :data:`SCALES`).

    Args:
        start: the scale to try first (the other paper size's result is a good guess).

    Raises:
        Overflow: naming the panels that do not fit at the smallest size.
    """
    from weasyprint import HTML

    # WeasyPrint reports every layout step at INFO; keep its warnings only.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    largest, smallest = SCALES[0], SCALES[-1]
    scale = min(largest, start or FIRST_SCALE.get(kind, largest))
    fitting: tuple[float, Any] | None = None
    last: list[str] = []
    tried = []
    for _ in range(8):
        tried.append(scale)
        document = HTML(string=_html(kind, paper, texts, scale), base_url=base_url).render()
        last, fullest = measure(document)
        if not last:
            fitting = (scale, document)
            # Fits: good enough if the type is as large as allowed or the boxes are nearly full.
            if scale >= largest or fullest > 0.9 or start:
                break
            bigger = min(largest, scale * (1 / max(fullest, 0.3)) ** 0.5 * 0.97)
            if bigger <= scale * 1.03:
                break
            scale = bigger
        else:
            if scale <= smallest:
                break
            # Text height grows roughly with the square of the type size (wider lines wrap more).
            scale = max(smallest, scale * min((1 / max(fullest, 0.01)) ** 0.5 * 0.96, 0.93))
            if fitting and scale <= fitting[0]:
                break
    if fitting is None and min(tried) > smallest:
        # The steps did not reach the smallest size (text too wide rather than too long).
        document = HTML(string=_html(kind, paper, texts, smallest), base_url=base_url).render()
        last, _ = measure(document)
        if not last:
            fitting = (smallest, document)
    if fitting is None:
        raise Overflow(
            f"{kind} ({paper}, {texts.language.code}): text does not fit in {', '.join(last)} even at "
            f"{smallest:.0%} of the type size; shorten it"
        )
    scale, document = fitting
    expected = 1 if kind == "poster" else 2
    if len(document.pages) != expected:
        raise Overflow(f"{kind} ({paper}, {texts.language.code}) has {len(document.pages)} pages, expected {expected}")
    return RenderedPrint(document.write_pdf(), scale, len(document.pages))
