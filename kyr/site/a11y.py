"""Accessibility fixes to the theme's HTML, applied to every built page.

- Material's search dialog has ``role="dialog"`` but no name: it gets the search field's
  placeholder (already in the reader's language) as its ``aria-label``.
- Task-list checkboxes get the item's text as their accessible name (the generated ``<label>``
  wraps only the drawn box).
- Content tables, which scroll sideways on a phone, can be focused so keyboard users can
  scroll them.
- The previous and next page links lose Material's ``aria-label`` ("Next: title"): their
  visible text ("Next", then the title) already names them, and a label that only repeats it
  can drift from what is shown (WCAG 2.5.3, Label in Name). With English parts marked in a
  title, checkers found the label and the text no longer matched.
"""

from __future__ import annotations

import html
import re

__all__ = ["fix_page"]

_SEARCH_DIALOG_RE = re.compile(r'<div class="md-search" data-md-component="search" role="dialog"(?![^>]*aria-label)')
_PLACEHOLDER_RE = re.compile(r'data-md-component="search-query"[^>]*placeholder="([^"]*)"|placeholder="([^"]*)"[^>]*data-md-component="search-query"')
_FOOTER_LINK_RE = re.compile(r'(<a [^>]*class="md-footer__link md-footer__link--(?:prev|next)")\s+aria-label="[^"]*"')
_TASK_RE = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
    r'((?:\s+disabled(?:="[^"]*")?)?\s*/?>)(<span class="task-list-indicator"></span></label>)(.*?)(?=</li>|<ul|<ol)',
    re.S,
)


def _task(m: re.Match[str]) -> str:
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(4))).split())[:160]
    label = html.escape(text, quote=True)
    return f'{m.group(1)} aria-label="{label}"{m.group(2)}{m.group(3)}{m.group(4)}'


def fix_page(page: str) -> str:
    """Apply the fixes to one page's HTML."""
    m = _PLACEHOLDER_RE.search(page)
    if m:
        name = m.group(1) or m.group(2)
        page = _SEARCH_DIALOG_RE.sub(lambda d: d.group(0) + f' aria-label="{name}"', page, count=1)
    page = re.sub(r"<table>", '<table tabindex="0">', page)
    page = _FOOTER_LINK_RE.sub(r"\1", page)
    return _TASK_RE.sub(_task, page)
