"""Printouts: a tri-fold brochure, a sheet of wallet cards and a door poster per language.

Each document is made in US Letter and A4 from the same texts as the site (``data/print.yml``,
``card.yml``, the region and its hotline), translated through the same catalogs and gates, and
rendered by WeasyPrint with Debian's Noto fonts:

- :mod:`kyr.prints.texts` gathers a language's texts (English where untranslated, marked so);
- :mod:`kyr.prints.render` lays a document out, refuses text that overflows its panel or card,
  and writes the PDF;
- :mod:`kyr.prints.build` plans every document, reuses cached PDFs whose inputs did not change,
  and renders the rest in parallel worker processes with a progress display.
"""

from __future__ import annotations

KINDS = ("brochure", "cards", "poster")
PAPERS = ("letter", "a4")

#: Page sizes in millimetres (width, height), portrait.
PAPER_SIZES = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}
