"""Output gate: scan built pages for anything that runs code or reaches another host.

Every HTML file of a language build is parsed; a hit fails the build, strict or not:

- an event-handler attribute (``onclick``, ``onerror``, ...);
- a ``javascript:``, ``vbscript:`` or ``data:`` address in any URL attribute (entity-encoded,
  mixed-case and whitespace-split forms included);
- anything the browser would fetch from another host (``src``, stylesheets, icons, frames,
  forms, ``url(...)`` in styles): the site makes no third-party requests;
- a link to a host the English source does not link to;
- frames, objects, ``<base>`` and ``<meta http-equiv="refresh">``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from kyr.cache import JsonCache, code_hash, digest

__all__ = ["Hit", "allowed_hosts", "scan_file", "scan_text", "scan_tree", "trace"]

_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "poster", "cite", "data", "background",
                        "xlink:href", "manifest", "ping", "longdesc", "usemap", "codebase", "srcset", "imagesrcset"})
_FETCHED_ATTRS = frozenset({"src", "poster", "data", "background", "srcset", "imagesrcset", "manifest", "action",
                            "formaction", "codebase"})
_FORBIDDEN_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:", "file:")
_CSS_URL_RE = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]+)", re.I)
_URL_IN_TEXT_RE = re.compile(r"https?://[^\s\"'<>)]+", re.I)


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    what: str
    evidence: tuple[str, ...] = ()
    """Words of the offending markup (a host, an attribute, a value), to find the translation
    that produced it (:func:`trace`)."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _squeeze(value: str) -> str:
    """A URL as a browser reads it: entities decoded, control characters and spaces dropped."""
    value = html.unescape(html.unescape(value))
    return re.sub(r"[\x00-\x20\x7f-\x9f]+", "", value).lower()


def _external_host(url: str) -> str | None:
    squeezed = _squeeze(url)
    if squeezed.startswith("//"):
        squeezed = "https:" + squeezed
    parts = urlsplit(squeezed)
    if parts.scheme in ("http", "https") or parts.netloc:
        return parts.hostname or ""
    return None


class _Scanner(HTMLParser):
    def __init__(self, path: str, hosts: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.hosts = hosts
        self.hits: list[Hit] = []
        self.in_style = False

    def hit(self, what: str, *evidence: str) -> None:
        self.hits.append(Hit(self.path, self.getpos()[0], what, tuple(e for e in evidence if e)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _FORBIDDEN_TAGS:
            self.hit(f"<{tag}> element", tag)
        # Every copy of an attribute is scanned (browsers use the first, a scanner must not
        # trust either); lookups use the first copy, as browsers do.
        pairs = [(name.lower(), value or "") for name, value in attrs]
        values: dict[str, str] = {}
        for name, value in pairs:
            values.setdefault(name, value)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.hit("<meta http-equiv=refresh> (a redirect)", "http-equiv", values.get("content", ""))
        if tag == "style":
            self.in_style = True
        for name, value in pairs:
            if name.startswith("on"):
                self.hit(f"event-handler attribute {name}= on <{tag}>", name, value)
                continue
            if name == "style":
                self._css(value, f"style attribute on <{tag}>")
            if name not in _URL_ATTRS:
                continue
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
            for url in urls:
                squeezed = _squeeze(url)
                if squeezed.startswith(_BAD_SCHEMES):
                    self.hit(f"{squeezed.split(':')[0]}: address in {name}= on <{tag}>", url)
                    continue
                host = _external_host(url)
                if host is None:
                    continue
                fetched = name in _FETCHED_ATTRS or (tag == "link" and values.get("rel", "").lower() not in ("", "alternate", "canonical", "next", "prev"))
                if fetched:
                    self.hit(f"a request to another host ({host}) in {name}= on <{tag}>", host, url)
                elif host not in self.hosts:
                    self.hit(f"a link to {host}, which the English source does not link to", host, url)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() == "style":
            self.in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self._css(data, "<style>")

    def _css(self, css: str, where: str) -> None:
        if re.search(r"expression\s*\(|javascript:|@import", css, re.I):
            self.hit(f"active CSS in {where}", css)
        for url in _CSS_URL_RE.findall(css):
            if _squeeze(url).startswith(_BAD_SCHEMES[:2]) or _external_host(url) is not None:
                self.hit(f"url({url}) in {where}", url)


def scan_text(text: str, hosts: frozenset[str], shown: str) -> list[Hit]:
    scanner = _Scanner(shown, hosts)
    scanner.feed(text)
    scanner.close()
    return scanner.hits


def scan_file(path: Path, hosts: frozenset[str], shown: str | None = None, cache: JsonCache | None = None) -> list[Hit]:
    """Scan one HTML file. With ``cache``, a file already scanned with the same bytes, hosts and
    kit code gives the stored findings (the scan depends on nothing else)."""
    shown = shown or str(path)
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    if cache is None:
        return scan_text(text, hosts, shown)
    key = digest([code_hash(), "\n".join(sorted(hosts)), data])
    found = cache.get(key, lambda: [[h.line, h.what, list(h.evidence)] for h in scan_text(text, hosts, shown)])
    return [Hit(shown, line, what, tuple(evidence)) for line, what, evidence in found]


def scan_tree(folder: Path, hosts: frozenset[str], *, relative_to: Path | None = None,
              cache: JsonCache | None = None) -> list[Hit]:
    """Scan every ``.html`` file under ``folder``."""
    hits: list[Hit] = []
    for path in sorted(folder.rglob("*.html")):
        shown = str(path.relative_to(relative_to)) if relative_to else str(path)
        hits.extend(scan_file(path, hosts, shown, cache))
    return hits


def allowed_hosts(sources: Iterable[Path], extra: Iterable[str] = ()) -> frozenset[str]:
    """Hosts the English source links to (pages and data files), plus ``extra``."""
    hosts = {h.lower() for h in extra}
    for path in sources:
        for url in _URL_IN_TEXT_RE.findall(path.read_text(encoding="utf-8", errors="replace")):
            host = urlsplit(url).hostname
            if host:
                hosts.add(host.lower())
    return frozenset(hosts)


def trace(hit: Hit, entries: dict[tuple[str, str], tuple[str, str, int | None]]) -> list[str]:
    """The catalog entries whose translation produced a hit, as ``path:line: “English”``.

    Args:
        hit: a finding of the output scan.
        entries: ``(domain, English) -> (translation, catalog path, line)`` of the language.
    """
    from kyr.gates import quote

    found = []
    needles = [html.unescape(e).strip().lower() for e in hit.evidence if len(e.strip()) >= 3]
    for (_domain, english), (translation, path, line) in entries.items():
        text = translation.lower()
        if any(n in text or html.unescape(n) in text for n in needles) and not any(n in english.lower() for n in needles):
            found.append(f"{path}:{line}: {quote(english)}" if line else f"{path}: {quote(english)}")
    return found
