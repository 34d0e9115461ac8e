"""kyr: a multilingual know-your-rights site kit for MkDocs and Material.

The package is grouped by stage:

- :mod:`kyr.config`, :mod:`kyr.languages`, :mod:`kyr.schema`, :mod:`kyr.cache`: settings,
  the language table, schema helpers and the on-disk cache that every stage shares;
- :mod:`kyr.i18n`: Markdown segments, placeholders, extraction, catalogs, translation lookup;
- :mod:`kyr.gates`: the translation gates (file, entry, output);
- :mod:`kyr.region`: one edition's settings, counties and hotlines (``regions/<id>/``);
- :mod:`kyr.content`: state-wide data, page front matter and page macros;
- :mod:`kyr.site`: the multilingual build, pages, chooser, offline use and page security;
- :mod:`kyr.prints`: the printed brochure, wallet cards and door posters.
"""
