"""The edition's local content in the build: local pages and local sections.

- **Local pages** (``regions/<id>/docs/<file>.md``) become pages of the site, at
  ``<file>.html``, placed in the navigation after the page ``region.yml`` names. Their
  catalogs are the edition's (domain ``region:<file>``).
- **Local sections** (``regions/<id>/sections/<name>.md``) are included by state-wide pages with
  ``{{ local NAME }}`` on a line of its own; a state page offers the slot, an edition may fill
  it or not. A section's ``sources:`` join the page's, and its ``reviewed:`` date counts too.
  Their catalog is the edition's ``_sections``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import yaml

from kyr.i18n.catalogs import REGION_PREFIX
from kyr.i18n.segments import split_front_matter
from kyr.region import Region
from kyr.schema import ConfigError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

__all__ = [
    "LOCAL_RE",
    "Section",
    "add_local_files",
    "include_sections",
    "insert_local_nav",
    "load_sections",
    "local_domain",
]

#: ``{{ local NAME }}`` alone on a line (with its indentation or quote prefix).
LOCAL_RE = re.compile(r"^(?P<indent>[ \t]*(?:> ?)*)\{\{\s*local\s+(?P<name>[a-z0-9][a-z0-9-]*)\s*\}\}[ \t]*$", re.M)


@dataclass(frozen=True)
class Section:
    name: str
    path: Path
    shown: str
    body: str
    """The Markdown after the front matter."""
    meta: dict[str, Any]
    first_line: int
    """The file's line where ``body`` starts."""


def load_sections(region: Region) -> dict[str, Section]:
    """Every local section of the edition, by name.

    Raises:
        ConfigError: for a section whose front matter is not valid YAML.
    """
    out: dict[str, Section] = {}
    folder = region.sections_dir
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.md")):
        shown = f"{region.shown}/sections/{path.name}"
        text = path.read_text(encoding="utf-8")
        front, body, offset = split_front_matter(text)
        try:
            meta = yaml.safe_load(front) or {} if front else {}
        except yaml.YAMLError as e:
            raise ConfigError(f"{shown}: the front matter is not valid YAML: {e}") from None
        if not isinstance(meta, dict):
            raise ConfigError(f"{shown}: the front matter must be 'key: value' lines")
        out[path.stem] = Section(path.stem, path, shown, body, meta, offset + 1)
    return out


def include_sections(
    markdown: str, sections: dict[str, Section], render: Callable[[Section], str]
) -> tuple[str, list[Section]]:
    """Replace each ``{{ local NAME }}`` line by the rendered section (or nothing).

    Args:
        markdown: a page's Markdown (translated or not).
        sections: the edition's sections.
        render: gives a section's Markdown in the build's language.

    Returns:
        The Markdown, and the sections included (in order).
    """
    used: list[Section] = []

    def one(m: re.Match[str]) -> str:
        section = sections.get(m.group("name"))
        if section is None:
            return ""
        used.append(section)
        indent = m.group("indent")
        text = render(section).strip("\n")
        return "\n".join(indent + line if line else line for line in text.split("\n"))

    return LOCAL_RE.sub(one, markdown), used


def local_domain(page_file: str) -> str:
    """The catalog domain of a local page (``local-laws.md`` → ``region:local-laws``)."""
    return REGION_PREFIX + Path(page_file).stem


def add_local_files(files: Files, config: MkDocsConfig, region: Region) -> set[str]:
    """``on_files``: add the edition's local pages; returns their ``src_uri``.

    Raises:
        ConfigError: when a local page has the name of a state-wide page.
    """
    from mkdocs.structure.files import File

    added = set()
    for page in region.pages:
        if files.get_file_from_path(page.file) is not None:
            raise ConfigError(
                f"{region.shown}/region.yml: pages: {page.file!r} has the name of a page in "
                f"{Path(config.docs_dir).name}/; give the local page another name"
            )
        files.append(File.generated(config, page.file, abs_src_path=str(page.path)))
        added.add(page.file)
    return added


def insert_local_nav(nav: list[Any] | None, region: Region) -> list[Any] | None:
    """``mkdocs.yml``'s ``nav`` with each local page after the page it follows.

    Raises:
        ConfigError: when ``after:`` names no page of the navigation.
    """
    if nav is None or not region.pages:
        return nav
    nav = _copy(nav)
    for i, page in enumerate(region.pages):
        if not _insert_after(nav, page.after, page.file):
            raise ConfigError(
                f"{region.shown}/region.yml: pages[{i}].after: {page.after!r} is not a page of the "
                f"site's navigation; expected one of: {', '.join(_nav_files(nav))}"
            )
    return nav


def _copy(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            out.append({k: _copy(v) if isinstance(v, list) else v for k, v in item.items()})
        else:
            out.append(item)
    return out


def _target(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None


def _insert_after(items: list[Any], after: str, new: str) -> bool:
    for index, item in enumerate(items):
        if _target(item) == after:
            items.insert(index + 1, new)
            return True
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and _insert_after(value, after, new):
                    return True
    return False


def _nav_files(items: list[Any]) -> list[str]:
    out = []
    for item in items:
        target = _target(item)
        if target:
            out.append(target)
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    out += _nav_files(value)
    return out


def oldest(dates: list[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return min(known) if known else None
