"""The Updates feed of each language: ``site/<lang>/updates.xml`` (Atom, RFC 4287).

Made from ``data/updates.yml`` in the language of the build, with absolute links on the
edition's ``site_url`` (a feed reader needs them). Without a ``site_url`` there is no feed, and
the build says so. Text still in English is marked ``xml:lang="en"``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable
from xml.sax.saxutils import escape, quoteattr

__all__ = ["FEED_NAME", "render_feed"]

FEED_NAME = "updates.xml"


def _time(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _page_url(base: str, page: str) -> str:
    path, _, anchor = page.partition("#")
    href = path[:-3] + ".html" if path.endswith(".md") else path
    return base + href + (f"#{anchor}" if anchor else "")


def render_feed(
    updates: list[Any],
    *,
    base: str,
    lang: str,
    title: str,
    author: str,
    text: Callable[[str], tuple[str, bool]],
) -> str:
    """The Atom document.

    Args:
        updates: the entries of ``updates.yml``, newest first.
        base: the language's absolute address (``https://kyr.example.org/es/``).
        lang: the language's BCP 47 code.
        title: the feed's title, in the language.
        author: who publishes it (the edition's organisation).
        text: gives a data text in the language and whether it is translated.
    """

    def element(tag: str, english: str, extra: str = "") -> str:
        value, translated = text(english)
        marked = "" if translated else ' xml:lang="en"'
        return f"<{tag}{extra}{marked}>{escape(value)}</{tag}>"

    entries = []
    for update in updates:
        change, change_ok = text(update.change)
        meaning, meaning_ok = text(update.meaning)
        summary_lang = "" if (change_ok and meaning_ok) else ' xml:lang="en"'
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(base)}updates.html#{escape(update.id)}</id>\n"
            f"    {element('title', update.title)}\n"
            f"    <updated>{_time(update.date)}</updated>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(_page_url(base, update.page))}/>\n"
            f"    <summary type=\"text\"{summary_lang}>{escape(change)} {escape(meaning)}</summary>\n"
            "  </entry>"
        )
    updated = _time(updates[0].date) if updates else _time(dt.date(1970, 1, 1))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>\n'
        f"  <id>{escape(base)}{FEED_NAME}</id>\n"
        f"  <title>{escape(title)}</title>\n"
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED_NAME)}/>\n'
        f'  <link rel="alternate" type="text/html" href={quoteattr(base + "updates.html")}/>\n'
        f"  <updated>{updated}</updated>\n"
        f"  <author><name>{escape(author)}</name></author>\n"
        + "\n".join(entries)
        + ("\n" if entries else "")
        + "</feed>\n"
    )


def write_feed(site_dir: Path, document: str) -> Path:
    path = site_dir / FEED_NAME
    path.write_text(document, encoding="utf-8")
    return path
