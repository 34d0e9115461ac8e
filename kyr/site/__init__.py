"""The site build: one MkDocs build writes every language; pages, chooser, offline use, page security."""
