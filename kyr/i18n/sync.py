"""``scripts/i18n.py update``: extract the English, and bring every catalog in line with it.

Templates (``.pot``) are written from scratch in GNU's format; catalogs are updated entry by
entry (:func:`kyr.i18n.pofile.update_po`), so an editor's wrapping, header fields and order
survive, and one changed English sentence changes one entry. The same extraction runs for the
kit's catalogs and for every edition in ``regions/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural

from kyr.i18n.catalogs import REGION_PREFIX, CatalogError, Layout, domain_for
from kyr.i18n.pofile import PoEntry, PoFile, TemplateMessage, parse_po, render_template, update_po
from kyr.languages import Language

__all__ = ["PlannedFile", "SyncPlan", "extract_templates", "new_header", "sync_plan", "translation_memory"]

_HEADER = [
    "# {title}",
    "# Made by `scripts/i18n.py update` from the English source; translators edit the .po files.",
    "# This file is distributed under the same license as the kyr project.",
    "#",
]
_TEMPLATE_FIELDS = [
    ("Project-Id-Version", "kyr 1"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
]

# Directories never searched for sources.
_SKIP_DIRS = frozenset({"site", "node_modules", "tests", "benchmarks", "locales", "build", "dist"})

#: A template's key: ``(edition id or None for the kit's own catalogs, domain)``.
TemplateKey = tuple["str | None", str]


def extract_templates(
    root: str | os.PathLike[str], babel_cfg: str, docs_dir: str, regions_dir: str = "regions"
) -> dict[TemplateKey, list[TemplateMessage]]:
    """Extract every message of the project, per edition and domain, in source order.

    Uses the same ``babel.cfg`` mapping as stock ``pybabel extract``. References are file names
    without line numbers, so a line added to a page does not touch the entries after it.
    """
    root = Path(root)
    with open(root / babel_cfg, encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, filename=str(root / babel_cfg))

    def keep_dir(dirpath: str) -> bool:
        name = os.path.basename(dirpath)
        return not (name.startswith((".", "_")) or name in _SKIP_DIRS)

    found: dict[TemplateKey, dict[tuple[str | None, str], dict]] = {}
    for filename, _lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, directory_filter=keep_dir
    ):
        relpath = PurePosixPath(Path(filename).as_posix()).as_posix()
        key = domain_for(relpath, docs_dir, regions_dir)
        if key is None:
            continue
        singular, plural = (message, None) if isinstance(message, str) else (message[0], message[1])
        messages = found.setdefault(key, {})
        item = messages.setdefault((context, singular), {"plural": plural, "comments": [], "refs": []})
        for comment in comments:
            if comment not in item["comments"]:
                item["comments"].append(comment)
        if relpath not in item["refs"]:
            item["refs"].append(relpath)
    out: dict[TemplateKey, list[TemplateMessage]] = {}
    for key, messages in found.items():
        out[key] = [
            TemplateMessage(
                msgid=msgid, msgctxt=ctx, msgid_plural=item["plural"], extracted=tuple(item["comments"]),
                references=tuple(item["refs"]), flags=_format_flags(msgid),
            )
            for (ctx, msgid), item in messages.items()
        ]
    return out


def _format_flags(msgid: str) -> tuple[str, ...]:
    # msgfmt --check then checks that a translation keeps the message's placeholders.
    import re

    flags = []
    if re.search(r"%\([A-Za-z_]\w*\)[sdifr]", msgid):
        flags.append("python-format")
    if re.search(r"\{\d+\}", msgid):
        flags.append("python-brace-format")
    return tuple(flags)


def new_header(domain: str, language: Language) -> PoEntry:
    """The header of a new catalog: UTF-8, the language, and its plural forms from CLDR."""
    plural = get_plural(language.cldr)
    fields = [
        ("Project-Id-Version", "kyr 1"),
        ("Language", language.cldr),
        ("Language-Team", f"{language.name} ({language.code})"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"),
    ]
    comments = [line.format(title=f"{domain}: {language.name}") for line in _HEADER]
    return PoEntry(msgid="", msgstr=["".join(f"{k}: {v}\n" for k, v in fields)], comments=comments)


def render_pot(domain: str, messages: list[TemplateMessage]) -> bytes:
    comments = [line.format(title=f"{domain}: translations template") for line in _HEADER]
    return render_template(comments, _TEMPLATE_FIELDS, messages).encode("utf-8")


def translation_memory(layouts: Iterable[Layout], language: Language) -> dict[str, str]:
    """Every translated, non-fuzzy msgid → msgstr of a language, in all of a project's catalogs
    (active and obsolete), so a sentence moved to another page keeps its translation."""
    memory: dict[str, str] = {}
    for layout in layouts:
        for _, path in layout.catalogs_of(language.code):
            try:
                po = parse_po(path.read_bytes().decode("utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                continue
            for entry in po.entries:
                if not entry.is_header and not entry.plural and entry.translated and entry.msgid:
                    memory.setdefault(entry.msgid, entry.msgstr[0])
    return memory


@dataclass(frozen=True)
class PlannedFile:
    """A template or catalog whose content on disk differs from what the sources call for."""

    path: Path
    content: bytes
    reason: str


@dataclass
class SyncPlan:
    """What ``scripts/i18n.py update`` would write."""

    files: list[PlannedFile] = field(default_factory=list)
    problems: list[CatalogError] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.files)


def _nplurals(po: PoFile | None, language: Language) -> int:
    import re

    header = po.header if po else None
    if header is not None:
        m = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr[0] if header.msgstr else "")
        if m:
            return int(m.group(1))
    return get_plural(language.cldr).num_plurals


def sync_plan(
    root: str | os.PathLike[str],
    layout: Layout,
    languages: Iterable[Language],
    *,
    babel_cfg: str = "babel.cfg",
    docs_dir: str = "docs",
    regions_dir: str = "regions",
    prune_obsolete: bool = False,
) -> SyncPlan:
    """Compute the templates and catalogs the English source calls for.

    Covers the kit's catalogs and those of every edition in ``regions_dir`` (not only the one
    being built), so one repository keeps several editions in step. Files whose bytes already
    match are left out, so the plan is empty when everything is up to date. A catalog that
    cannot be read is reported in ``problems`` and never overwritten.
    """
    plan = SyncPlan()
    root = Path(root)
    languages = list(languages)
    templates = extract_templates(root, babel_cfg, docs_dir, regions_dir)
    editions = sorted({rid for rid, _ in templates if rid} | _edition_ids(root / regions_dir))

    def layout_of(rid: str | None) -> Layout:
        return replace(layout, region=None if rid is None else root / regions_dir / rid)

    layouts = [layout_of(None)] + [layout_of(rid) for rid in editions]
    memories = {language.code: translation_memory(layouts, language) for language in languages}
    for (rid, domain), messages in sorted(templates.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        lay = layout_of(rid)
        qualified = domain if rid is None else REGION_PREFIX + domain
        path = lay.template(qualified)
        content = render_pot(domain, messages)
        if not path.exists() or path.read_bytes() != content:
            plan.files.append(PlannedFile(path, content, "changed" if path.exists() else "new"))
        for language in languages:
            cpath = lay.catalog(language.code, qualified)
            existing = None
            if cpath.exists():
                try:
                    existing = parse_po(cpath.read_bytes().decode("utf-8"))
                except (UnicodeDecodeError, ValueError) as e:
                    plan.problems.append(CatalogError(cpath, None, f"cannot be read ({e}); fix it, then update again"))
                    continue
            updated = update_po(
                existing, messages, new_header=new_header(domain, language),
                nplurals=_nplurals(existing, language), memory=memories[language.code],
                prune_obsolete=prune_obsolete,
            )
            data = updated.render().encode("utf-8")
            if existing is None or cpath.read_bytes() != data:
                plan.files.append(PlannedFile(cpath, data, "changed" if existing is not None else "new"))
    # Each language's term base, exported for Weblate and other tools.
    for language in languages:
        glossary = layout.locales / language.code / "glossary.yml"
        if not glossary.exists():
            continue
        from kyr.gates.terms import export_csv, export_tbx
        from kyr.schema import ConfigError

        shown = f"{layout.locales.name}/{language.code}/glossary.yml"
        try:
            exports = {"glossary.tbx": export_tbx(glossary, shown, language.code), "glossary.csv": export_csv(glossary, shown)}
        except ConfigError as e:
            plan.problems.append(CatalogError(glossary, None, str(e)))
            continue
        for name, text in exports.items():
            path = glossary.with_name(name)
            data = text.encode("utf-8")
            if not path.exists() or path.read_bytes() != data:
                plan.files.append(PlannedFile(path, data, "changed" if path.exists() else "new"))
    # Templates of domains whose source is gone.
    for rid in [None, *editions]:
        for qualified in layout_of(rid).domains():
            local = qualified.startswith(REGION_PREFIX)
            if local != (rid is not None):
                continue
            domain = qualified[len(REGION_PREFIX):] if local else qualified
            if (rid, domain) not in templates:
                plan.files.append(PlannedFile(layout_of(rid).template(qualified), b"", "removed"))
    return plan


def _edition_ids(regions: Path) -> set[str]:
    if not regions.is_dir():
        return set()
    return {p.name for p in regions.iterdir() if (p / "region.yml").is_file()}
