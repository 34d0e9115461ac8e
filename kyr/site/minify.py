"""Smaller pages without any visible change: the indentation Material's templates leave between
tags goes.

A run of white space that starts a line becomes a single line break. HTML treats any run of
white space between words or tags as one space, so nothing moves, except inside elements that
keep white space as written: ``<pre>``, ``<code>``, ``<textarea>``, and the text of
``<script>`` and ``<style>`` (whose hashes the Content Security Policy lists), which are left
byte for byte.
"""

from __future__ import annotations

import re

__all__ = ["collapse_whitespace"]

_KEEP_RE = re.compile(r"(<(pre|code|textarea|script|style)\b[^>]*>.*?</\2\s*>)", re.S | re.I)
_INDENT_RE = re.compile(r"\n[ \t\r\n]+")


def collapse_whitespace(page: str) -> str:
    """``page`` with every indented line break made a plain line break (outside kept elements)."""
    parts = _KEEP_RE.split(page)
    out = []
    # split() gives: text, kept element, its tag name, text, ...
    i = 0
    while i < len(parts):
        out.append(_INDENT_RE.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
        i += 3
    return "".join(out)
