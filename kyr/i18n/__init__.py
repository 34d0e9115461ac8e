"""Translation: Markdown segments, placeholders, Babel extractors, catalogs and lookups."""
