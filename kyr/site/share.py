"""The short text readers forward: what to do now, what to say, every county's line, the address.

One plain-text summary per language, ``site/<lang>/share.txt``, made from the same catalogs and
data as the pages (``data/share.yml``, the officer card, the edition's lines). The "Share"
button of the home and card pages hands the same text to the phone's share sheet. It must stay
whole when forwarded by WhatsApp, Signal or SMS, so it is at most :data:`LIMIT` characters:
a longer text is a build error naming the language, not a text cut short.
"""

from __future__ import annotations

from typing import Any

from kyr.i18n.catalogs import DATA_DOMAINS

__all__ = ["LIMIT", "ShareTooLong", "share_text"]

#: Characters a forwarded text keeps whole (SMS concatenation and chat previews cut longer ones).
LIMIT = 1600


class ShareTooLong(ValueError):
    """The text is over :data:`LIMIT` characters."""


def share_text(data: Any, catalogs: Any, *, home_url: str = "", site_name: str = "") -> str:
    """The share text of one language.

    Args:
        data: the project's data (:class:`kyr.content.data.SiteData`, with ``share``).
        catalogs: the language's catalogs (texts not yet translated stay in English).
        home_url: the language's home page on the published site, or ``""`` when the edition
            has no address yet (the page's script adds the address it is read from).
        site_name: the site's name in the language.

    Raises:
        ShareTooLong: over :data:`LIMIT` characters.
    """
    share = data.share or {}

    def t(english: str) -> str:
        return " ".join(catalogs.lookup(DATA_DOMAINS, english)[0].split())

    lines: list[str] = []
    if site_name:
        lines.append(site_name)
    if share.get("heading"):
        lines.append(t(share["heading"]))
    lines += [f"{i}. {t(step)}" for i, step in enumerate(share.get("steps", []), 1)]
    lines.append("")
    if share.get("say_heading"):
        lines.append(t(share["say_heading"]))
    lines += [f"- {' '.join(s.en.split())}" for s in data.card.statements]
    lines.append("")
    if share.get("lines_heading"):
        lines.append(t(share["lines_heading"]))
    for county_line in data.region.county_lines():
        name = " ".join(catalogs.lookup(DATA_DOMAINS, county_line.county.name)[0].split())
        lines.append(f"{name}: {county_line.main.display}")
    if home_url:
        lines += ["", f"{t(share['web']) if share.get('web') else ''} {home_url}".strip()]
    text = "\n".join(lines).strip() + "\n"
    if len(text) > LIMIT:
        raise ShareTooLong(
            f"the share text is {len(text)} characters, more than {LIMIT} (it would be cut when forwarded); "
            "shorten data/share.yml's texts or their translations"
        )
    return text
