"""Catalogs: where they live, how they are read, counted, extracted and kept in sync.

Layout (one catalog per page per language, like Sphinx's per-document catalogs)::

    locales/templates/<domain>.pot            committed templates, made from the English source
    locales/<lang>/LC_MESSAGES/<domain>.po    what translators edit

A page ``docs/at-home.md`` has the domain ``at-home``; ``mkdocs.yml`` (navigation) and
``overrides/`` (theme strings) share ``_site``; the state-wide data files share ``_data``.

An edition (``regions/<id>/``) has catalogs of its own, in the same layout under
``regions/<id>/locales/``: ``_region`` (its settings and hotlines), ``_sections`` (the local
sections state pages include) and one per local page. Inside the kit their domains carry the
prefix ``region:`` (``region:_region``), so one lookup table holds both. Compiled ``.mo`` files
are never needed: the build reads the ``.po`` files.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from kyr.languages import Language

__all__ = [
    "DATA_DOMAIN",
    "DATA_DOMAINS",
    "REGION_DOMAIN",
    "REGION_PREFIX",
    "SECTIONS_DOMAIN",
    "SITE_DOMAIN",
    "CatalogError",
    "Counts",
    "Layout",
    "counts",
    "domain_for",
    "is_translated",
    "read_catalog",
    "render_po",
]

SITE_DOMAIN = "_site"
DATA_DOMAIN = "_data"
#: Domains of the edition's own catalogs start with this.
REGION_PREFIX = "region:"
#: The edition's settings, counties and hotlines.
REGION_DOMAIN = REGION_PREFIX + "_region"
#: The local sections that state pages include.
SECTIONS_DOMAIN = REGION_PREFIX + "_sections"
#: Where data-file texts are looked up: the edition's first, then the state-wide ones.
DATA_DOMAINS = (REGION_DOMAIN, DATA_DOMAIN)
_WIDTH = 76  # GNU gettext's default, what Poedit and Weblate write too

_HEADER = """\
# {title}
# Made by `scripts/i18n.py update` from the English source; translators edit the .po files.
# This file is distributed under the same license as the kyr project.
#"""

# Directories never searched for sources.
_SKIP_DIRS = frozenset({"site", "node_modules", "tests", "benchmarks", "locales", "build", "dist"})


class CatalogError(Exception):
    """A catalog that cannot be read. ``str(error)`` is ``path:line: message``."""

    def __init__(self, path: str | os.PathLike[str], line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


#: Where caches go instead of the project's ``.cache/kyr/`` (optional).
CACHE_ENV = "KYR_CACHE"


@dataclass(frozen=True)
class Layout:
    """Paths of templates and catalogs (the kit's and the edition's), and of the project's caches."""

    locales: Path
    root: Path | None = None
    """The project folder (where ``mkdocs.yml`` is); ``locales/``'s parent when not given."""
    region: Path | None = None
    """The edition's folder (``regions/<id>/``), whose ``locales/`` holds the ``region:`` domains."""

    @property
    def project(self) -> Path:
        return self.root if self.root is not None else self.locales.parent

    def cache_dir(self, name: str) -> Path:
        """``.cache/kyr/<name>/`` in the project (git-ignored, always safe to delete), or under
        ``$KYR_CACHE`` when set (copies of a project can share one: every key holds all its
        inputs, so a result never passes from one project to another unless they are equal)."""
        shared = os.environ.get(CACHE_ENV)
        return (Path(shared) if shared else self.project / ".cache" / "kyr") / name

    def folders(self) -> list[tuple[str, Path]]:
        """``(domain prefix, locales folder)``: the kit's, then the edition's."""
        out = [("", self.locales)]
        if self.region is not None:
            out.append((REGION_PREFIX, self.region / "locales"))
        return out

    def _split(self, domain: str) -> tuple[Path, str]:
        if domain.startswith(REGION_PREFIX):
            if self.region is None:
                raise KeyError(f"{domain}: this layout has no edition")
            return self.region / "locales", domain[len(REGION_PREFIX):]
        return self.locales, domain

    def template(self, domain: str) -> Path:
        base, name = self._split(domain)
        return base / "templates" / f"{name}.pot"

    def catalog(self, code: str, domain: str) -> Path:
        base, name = self._split(domain)
        return base / code / "LC_MESSAGES" / f"{name}.po"

    def domains(self) -> list[str]:
        """Every domain that has a template: the kit's, then the edition's (prefixed), sorted."""
        out = []
        for prefix, base in self.folders():
            folder = base / "templates"
            out += sorted(
                prefix + str(PurePosixPath(p.relative_to(folder).as_posix()).with_suffix(""))
                for p in folder.rglob("*.pot")
            )
        return out

    def catalogs_of(self, code: str) -> list[tuple[str, Path]]:
        """``(domain, path)`` of every catalog a language has (with or without a template)."""
        out = []
        for prefix, base in self.folders():
            folder = base / code / "LC_MESSAGES"
            if folder.is_dir():
                out += [
                    (prefix + path.relative_to(folder).with_suffix("").as_posix(), path)
                    for path in sorted(folder.rglob("*.po"))
                ]
        return out


def domain_for(relpath: str, docs_dir: str = "docs", regions_dir: str = "regions") -> tuple[str | None, str] | None:
    """The catalog a source file's messages belong to, or ``None`` if it has none.

    Args:
        relpath: the file's path relative to the project folder, with ``/`` separators.
        docs_dir: the pages folder, relative to the project folder.
        regions_dir: the editions' folder, relative to the project folder.

    Returns:
        ``(edition, domain)``: the edition's id (``None`` for the kit's shared catalogs) and the
        domain within that edition's catalogs.
    """
    path = PurePosixPath(relpath)
    regions = PurePosixPath(regions_dir)
    if regions in path.parents:
        rel = path.relative_to(regions)
        if len(rel.parts) < 2:
            return None
        region, inner = rel.parts[0], PurePosixPath(*rel.parts[1:])
        if inner.suffix == ".md" and inner.parts[0] == "docs" and len(inner.parts) > 1:
            return region, str(inner.relative_to("docs").with_suffix(""))
        if inner.suffix == ".md" and inner.parts[0] == "sections":
            return region, SECTIONS_DOMAIN[len(REGION_PREFIX):]
        if inner.suffix in (".yml", ".yaml") and len(inner.parts) == 1:
            return region, REGION_DOMAIN[len(REGION_PREFIX):]
        return None
    docs = PurePosixPath(docs_dir)
    if path.suffix == ".md" and docs in path.parents:
        return None, str(path.relative_to(docs).with_suffix(""))
    if path.name in ("mkdocs.yml", "mkdocs.yaml") or path.parts[:1] == ("overrides",):
        return None, SITE_DOMAIN
    if path.parts[:1] == ("data",):
        return None, DATA_DOMAIN
    return None


def page_domain(src_uri: str) -> str:
    """The domain of a page, from its path inside ``docs/`` (``guide/x.md`` → ``guide/x``)."""
    return str(PurePosixPath(src_uri).with_suffix(""))


# -- Reading ----------------------------------------------------------------------------------


def read_catalog(path: str | os.PathLike[str], language: Language | None = None) -> Catalog:
    """Read a PO or POT file, failing on anything Babel notices.

    Raises:
        CatalogError: with the file and line of the first problem.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise CatalogError(path, None, f"cannot be read: {e.strerror}") from None
    return parse_catalog(data, path, language)


def parse_catalog(
    data: bytes, path: str | os.PathLike[str], language: Language | None = None
) -> Catalog:
    """Parse PO bytes (see :func:`read_catalog`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise CatalogError(path, line, "is not valid UTF-8; save it as UTF-8") from None
    try:
        catalog = read_po(
            io.StringIO(text),
            locale=language.cldr if language else None,
            abort_invalid=True,
        )
    except PoFileError as e:
        # Babel's line numbers are 0-based.
        raise CatalogError(path, (e.lineno or 0) + 1, str(e.args[0] if e.args else e)) from None
    except (ValueError, IndexError) as e:
        raise CatalogError(path, None, f"cannot be parsed: {e}") from None
    _read_previous(text, catalog)
    return catalog


_PREVIOUS_RE = re.compile(
    r'^((?:#\| .*\n)+)(?:msgctxt ((?:".*"\n)+))?msgid ((?:".*"\n)+)', re.M
)
_PO_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _po_string(block: str) -> str:
    return "".join(unescape(f'"{part}"') for part in _PO_STRING_RE.findall(block))


def _read_previous(text: str, catalog: Catalog) -> None:
    """Set ``previous_id`` from ``#|`` lines, which Babel's reader takes for user comments."""
    for message in catalog:
        if message.user_comments:
            message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    for m in _PREVIOUS_RE.finditer(text):
        previous = m.group(1)
        old_id = re.search(r'^#\| msgid ((?:"(?:[^"\\]|\\.)*"\s*(?:\n#\| (?=")|$))+)', previous, re.M)
        if not old_id:
            continue
        pieces = re.sub(r"\n#\| ", "\n", old_id.group(1))
        context = _po_string(m.group(2)) if m.group(2) else None
        message = catalog.get(_po_string(m.group(3)), context=context)
        if message is not None:
            message.previous_id = [_po_string(pieces)]


def is_translated(message: Message) -> bool:
    """Whether a message has a translation the site may show.

    Fuzzy entries (the English changed since the translation) and entries with any empty
    plural form do not count.
    """
    if not message.id or message.fuzzy:
        return False
    if isinstance(message.string, (list, tuple)):
        return bool(message.string) and all(message.string)
    return bool(message.string)


@dataclass(frozen=True)
class Counts:
    """How much of a catalog is done.

    ``translated`` counts only what readers see: entries the gates refused are in ``refused``
    (a refused file's translated entries all are).
    """

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    refused: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated + self.refused

    @property
    def percent(self) -> int:
        """The share readers see translated, rounded down so that 100 means everything.

        The one percentage of the kit: ``scripts/i18n.py status`` and the Translations page
        both show it.
        """
        return 100 * self.translated // self.total if self.total else 100

    @property
    def ratio(self) -> float:
        """:attr:`percent` as a fraction (for CLDR's percent format)."""
        return self.percent / 100

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
            self.refused + other.refused,
        )


def counts(catalog: Catalog) -> Counts:
    """Count translated, fuzzy and untranslated entries (header and obsolete ones excluded)."""
    translated = fuzzy = untranslated = 0
    for message in catalog:
        if not message.id:
            continue
        if is_translated(message):
            translated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            untranslated += 1
    return Counts(translated, fuzzy, untranslated)


# -- Writing and syncing ----------------------------------------------------------------------


def render_po(catalog: Catalog) -> bytes:
    """A catalog as PO bytes, in the one format the project writes.

    Previous msgids (``#|``) are written here, as quoted PO strings: Babel's own
    ``include_previous`` wraps them like comments, which GNU msgfmt rejects.
    """
    buf = io.BytesIO()
    write_po(buf, catalog, width=_WIDTH, include_previous=False, sort_output=False)
    text = buf.getvalue().decode("utf-8")
    for message in catalog:
        if not message.id or not message.previous_id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        previous = message.previous_id if isinstance(message.previous_id, (list, tuple)) else (message.previous_id,)
        ctx = f"msgctxt {normalize(message.context, prefix='', width=_WIDTH)}\n" if message.context else ""
        anchor = ctx + f"msgid {normalize(ids[0], prefix='', width=_WIDTH)}\n"
        lines = _previous_lines("msgid", previous[0])
        if len(previous) > 1:
            lines += _previous_lines("msgid_plural", previous[1])
        text = text.replace("\n" + anchor, "\n" + lines + anchor, 1)
    return text.encode("utf-8")


def _previous_lines(keyword: str, text: str) -> str:
    body = normalize(text, prefix="", width=_WIDTH - 3).split("\n")
    return f"#| {keyword} {body[0]}\n" + "".join(f"#| {line}\n" for line in body[1:])
