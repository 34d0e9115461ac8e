"""Tagged PDFs that keep the language of parts.

WeasyPrint writes a structure tree (``pdf_tags=True``) that screen readers and "read aloud"
follow, with the document's language from ``<html lang>``. It does not yet carry the ``lang`` of
an element inside it, so English kept in a translated printout would be read with the page
language's voice. :func:`write_tagged_pdf` adds ``/Lang`` to the structure element of every
element that has a ``lang`` attribute (PDF 1.7, 14.9.2), for the time of one ``write_pdf`` call.

WeasyPrint also maps each glyph to one piece of text for the whole document (the font's
``ToUnicode``). In scripts whose letters are reordered when shaped (a vowel sign drawn before
its consonant in Devanagari and Gurmukhi), the same glyph stands for different text in
different places, so copied, searched or read-aloud text came out garbled ("ਕ ਹਿਣਾ ਹਿੈ" for
"ਕਹਿਣਾ ਹੈ"). Each line of such text is therefore wrapped in a marked-content ``/Span`` with
``/ActualText`` (PDF 1.7, 14.9.4), the line's text in reading order, which PDF readers use in
place of the glyphs' mapping.

Right-to-left scripts are left to the glyphs' mapping, which is right for Naskh Arabic: Poppler
(Evince, Okular, pdftotext) reverses the characters of a right-to-left ``/ActualText``. For the
same reason Urdu is printed in Naskh, not Nastaliq (``data/print.yml``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["needs_actual_text", "write_tagged_pdf"]


@contextlib.contextmanager
def _element_languages() -> Iterator[None]:
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build(box: Any, parent: Any, pdf: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        lang = None
        if element is not None and getattr(box, "element_tag", None) not in ("html", "body"):
            lang = element.get("lang")
        for struct in original(box, parent, pdf, *args):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    tags._build_box_tree = build  # the recursion looks the name up in the module each time
    try:
        yield
    finally:
        tags._build_box_tree = original


#: Left-to-right scripts that shaping reorders: the Indic scripts, Thai, Lao, Tibetan, Myanmar
#: and Khmer.
COMPLEX_SCRIPT = re.compile("[\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff]")


def needs_actual_text(text: str) -> bool:
    """Whether a line of text is in a script whose glyphs cannot be mapped back one by one."""
    return bool(COMPLEX_SCRIPT.search(text))


@contextlib.contextmanager
def _actual_text() -> Iterator[None]:
    import pydyf
    from weasyprint.draw import text as draw_text

    original = draw_text.draw_first_line

    def draw_first_line(stream: Any, textbox: Any, *args: Any) -> Any:
        text = textbox.text
        if not needs_actual_text(text):
            return original(stream, textbox, *args)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
        try:
            return original(stream, textbox, *args)
        finally:
            stream.end_marked_content()

    draw_text.draw_first_line = draw_first_line  # draw_text() looks the name up at each call
    try:
        yield
    finally:
        draw_text.draw_first_line = original


def write_tagged_pdf(document: Any) -> bytes:
    """A rendered WeasyPrint document as a tagged PDF, with ``/Lang`` on marked elements and
    ``/ActualText`` on lines of complex scripts."""
    with _element_languages(), _actual_text():
        return document.write_pdf(pdf_tags=True)
