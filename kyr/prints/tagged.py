"""Tagged PDFs that keep the language of parts.

WeasyPrint writes a structure tree (``pdf_tags=True``) that screen readers and "read aloud"
follow, with the document's language from ``<html lang>``. It does not yet carry the ``lang`` of
an element inside it, so English kept in a translated printout would be read with the page
language's voice. :func:`write_tagged_pdf` adds ``/Lang`` to the structure element of every
element that has a ``lang`` attribute (PDF 1.7, 14.9.2), for the time of one ``write_pdf`` call.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["write_tagged_pdf"]


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


def write_tagged_pdf(document: Any) -> bytes:
    """A rendered WeasyPrint document as a tagged PDF, with ``/Lang`` on marked elements."""
    with _element_languages():
        return document.write_pdf(pdf_tags=True)
