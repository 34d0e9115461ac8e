#!/usr/bin/env python3
"""Translation catalogs: extract, update, status, check, add a language.

    scripts/i18n.py update              templates + every language's catalogs from the English
    scripts/i18n.py update --check      exit 1 if anything is out of date (CI)
    scripts/i18n.py check [LANG ...]    run the translation gates; exit 1 on any problem
    scripts/i18n.py status [LANG ...]   translated / fuzzy / untranslated per language and page
    scripts/i18n.py add-language CODE   create the catalogs and register the language
    scripts/i18n.py extract             only the templates (locales/templates/*.pot)

Run it from anywhere; paths are relative to the project's mkdocs.yml (``-f`` to choose another).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kyr.config import KyrConfig, load_settings  # noqa: E402
from kyr.i18n.sync import PlannedFile, sync_plan  # noqa: E402
from kyr.schema import ConfigError  # noqa: E402
from kyr.languages import LanguageError, make_language  # noqa: E402


def _project(args: argparse.Namespace) -> tuple[Path, KyrConfig, str]:
    config_file = Path(args.config_file).resolve()
    settings = load_settings(str(config_file))
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as f:
        docs_dir = (yaml_load(f) or {}).get("docs_dir", "docs")
    return config_file.parent, settings, docs_dir


def _plan(root: Path, settings: KyrConfig, docs_dir: str, languages=None, prune: bool = False):
    layout = settings.layout()
    return layout, sync_plan(
        root,
        layout,
        settings.targets if languages is None else languages,
        babel_cfg=settings.babel_config,
        docs_dir=docs_dir,
        regions_dir=settings.regions_dir,
        prune_obsolete=prune,
    )


def _write(files: list[PlannedFile], root: Path) -> None:
    for planned in files:
        if planned.reason == "removed":
            planned.path.unlink(missing_ok=True)
        else:
            planned.path.parent.mkdir(parents=True, exist_ok=True)
            planned.path.write_bytes(planned.content)
        print(f"{planned.reason:>8}  {planned.path.relative_to(root)}")


def cmd_update(args: argparse.Namespace) -> int:
    """Update templates and catalogs from the English source (--check: only report)."""
    root, settings, docs_dir = _project(args)
    _, plan = _plan(root, settings, docs_dir, prune=args.prune_obsolete)
    for problem in plan.problems:
        print(f"error: {problem}", file=sys.stderr)
    if args.check:
        for planned in plan.files:
            print(f"out of date: {planned.path.relative_to(root)} ({planned.reason})")
        if plan.files or plan.problems:
            print(
                "Catalogs are out of date with the English source; run "
                "`scripts/i18n.py update` and commit the result.",
                file=sys.stderr,
            )
            return 1
        print("catalogs are up to date")
        return 0
    _write(plan.files, root)
    if not plan.files:
        print("catalogs are up to date")
    return 1 if plan.problems else 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Write only the templates (locales/templates/*.pot)."""
    root, settings, docs_dir = _project(args)
    _, plan = _plan(root, settings, docs_dir, languages=[])
    _write(plan.files, root)
    return 1 if plan.problems else 0


def _width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for k, row in enumerate(rows):
        cells = []
        for i, (cell, w) in enumerate(zip(row, widths)):
            pad = " " * (w - _width(cell))
            cells.append(cell + pad if i == 0 else pad + cell)
        out.append("  ".join(cells).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def cmd_status(args: argparse.Namespace) -> int:
    """How much of each language readers see translated, per page, and how it was made and checked."""
    from kyr.cache import JsonCache
    from kyr.i18n.status import page_counts, translation_table

    root, settings, _ = _project(args)
    layout = settings.layout()
    wanted = args.languages or [lang.code for lang in settings.targets]
    for code in wanted:
        if code not in [lang.code for lang in settings.targets]:
            print(f"error: {code!r} is not one of the site's translated languages", file=sys.stderr)
            return 2
    failed = False
    header = ["translated", "fuzzy", "untranslated", "refused", "done"]
    if args.pages:
        cache = JsonCache(layout.cache_dir("counts"))
        for code in wanted:
            language = settings.language(code)
            rows = [["page", *header]]
            for page in page_counts(layout, language, cache):
                if page.unreadable:
                    print(f"error: {page.note}", file=sys.stderr)
                    failed = True
                c, note = page.counts, " (whole file refused)" if page.unreadable else (f" ({page.note})" if page.note else "")
                rows.append([page.domain + note, str(c.translated), str(c.fuzzy), str(c.untranslated), str(c.refused),
                             f"{c.percent}%"])
            print(f"\n{code} — {language.name}\n")
            print(_table(rows))
    # The same table as the site's Translations page (kyr.i18n.status).
    summary = [["language", *header, "live", "translation"]]
    for row in translation_table(settings):
        if row.source or row.language.code not in wanted:
            continue
        c = row.counts
        summary.append([f"{row.language.code} ({row.language.name})", str(c.translated), str(c.fuzzy),
                        str(c.untranslated), str(c.refused), f"{c.percent}%", "yes" if row.published else "preview",
                        row.status.describe()])
    print()
    print(_table(summary))
    print(f"\n'translated' counts what readers see; 'refused' are translations the checks stopped "
          f"(see scripts/i18n.py check). A language goes live at {settings.threshold_percent()}% "
          "(extra.kyr.publish_threshold); below that it is a preview.")
    return 1 if failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run the translation gates on every catalog, and list fuzzy entries (the build runs the same checks)."""
    from kyr.gates import quote
    from kyr.gates.check import check_language

    root, settings, _ = _project(args)
    layout = settings.layout()
    codes = args.languages or [lang.code for lang in settings.targets]
    problems = entries = fuzzy = 0
    for code in codes:
        try:
            language = settings.language(code)
        except KeyError:
            print(f"error: {code!r} is not one of the site's languages", file=sys.stderr)
            return 2
        for checked in check_language(layout, language, root):
            entries += len(checked.usable)
            for problem in checked.problems:
                print(problem)
                problems += 1
            shown = next((p.path for p in checked.problems), None)
            if checked.fuzzy_entries:
                path = shown or str(layout.catalog(code, checked.domain).relative_to(root))
                for line, english in checked.fuzzy_entries:
                    where = f"{path}:{line}" if line else path
                    print(f"{where}: [{code}] {quote(english)}: fuzzy (the English changed); readers see the "
                          "English until you compare the old and new English (#| lines), fix the translation "
                          "and clear the fuzzy mark")
                    fuzzy += 1
    summary = (f"{problems} problem(s), {fuzzy} fuzzy entr{'y' if fuzzy == 1 else 'ies'}; "
               f"{entries} translated entries passed in {', '.join(codes)}")
    print(summary, file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


def _register_language(config_file: Path, code: str) -> None:
    """Add ``code`` to ``extra.kyr.languages`` in mkdocs.yml, keeping the file's formatting."""
    text = config_file.read_text(encoding="utf-8")
    flow = re.compile(r"^(?P<head>[ \t]*languages:[ \t]*\[)(?P<items>[^\]]*)(?P<tail>\].*)$", re.M)
    m = flow.search(text)
    if m:
        items = m.group("items").rstrip()
        new = f"{m.group('head')}{items}, {code}{m.group('tail')}" if items.strip() else f"{m.group('head')}{code}{m.group('tail')}"
        text = text[: m.start()] + new + text[m.end() :]
    else:
        block = re.compile(r"^(?P<indent>[ \t]*)languages:[ \t]*\n(?P<items>(?:(?P=indent)[ \t]*-[^\n]*\n)+)", re.M)
        m = block.search(text)
        if not m:
            raise SystemExit(
                f"error: {config_file}: could not find extra.kyr.languages to add {code!r}; add it by hand"
            )
        last = m.group("items").rstrip("\n").split("\n")[-1]
        dash = last[: last.index("-")]
        text = text[: m.end()] + f"{dash}- {code}\n" + text[m.end() :]
    config_file.write_text(text, encoding="utf-8")


_STATUS_YML = """\
# How this language was translated and who checked it. The site tells readers, in this language.
# translation: machine-assisted (a machine drafted it and people checked it) or human.
translation: machine-assisted
translators: ""        # who translated it (a name or a group), if they want to be named
# Set native_review: true, with reviewer and reviewed (a date), only after a native speaker has
# read every page against the English.
native_review: false
reviewer: ""
notes: ""
"""

_GLOSSARY_YML = """\
# Term base for {name} ({code}): the agreed rendering of key legal terms. The checks warn when an
# entry uses the English term but none of its renderings. Seed it with the terms other languages
# fixed (see locales/es/glossary.yml): judicial warrant, administrative warrant, consent, remain
# silent, removal order, A-number, detainer, Notice of Inspection, expedited removal, ...
# `scripts/i18n.py update` exports it as glossary.tbx and glossary.csv for Weblate and Poedit.
terms: []
#  - en: judicial warrant
#    translation: ...
#    also: [...]            # other accepted forms (inflections)
#    note: ...
"""

_REVIEW_MD = """\
# Review notes: {name} ({code})

How this translation was checked, pass by pass. A native speaker who has read the whole language
against the English signs off here, and a maintainer then sets `native_review: true` in
`status.yml`.

## Passes

| date | who | what was read | result |
|---|---|---|---|

## Found and fixed

## Open questions for a native speaker
"""


def cmd_add_language(args: argparse.Namespace) -> int:
    """Create a new language's catalogs, status, term base and review notes, and register it."""
    root, settings, docs_dir = _project(args)
    code = args.code
    if any(lang.code == code for lang in settings.languages):
        print(f"{code} is already one of the site's languages")
        return 1
    try:
        language = make_language(code)
    except LanguageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    layout, plan = _plan(root, settings, docs_dir, languages=[language])
    _write(plan.files, root)
    folder = layout.locales / code
    for name, text in (("status.yml", _STATUS_YML), ("glossary.yml", _GLOSSARY_YML), ("REVIEW.md", _REVIEW_MD)):
        path = folder / name
        if not path.exists():
            path.write_text(text.format(name=language.name, code=code), encoding="utf-8")
            print(f"{'new':>8}  {path.relative_to(root)}")
    _register_language(Path(args.config_file).resolve(), code)
    try:
        load_settings(args.config_file).language(code)
    except (ConfigError, KeyError) as e:
        print(f"error: mkdocs.yml did not take the new language: {e}", file=sys.stderr)
        return 1
    ui = language.theme_language
    ui_note = "" if ui != "en" or language.locale.language == "en" else (
        " (Material has no interface in this language: its few buttons stay in English)")
    print(
        f"added {code} ({language.name}, {language.direction}; Material UI: {ui}{ui_note}, "
        f"search: {language.search_language}).\n"
        f"Translators edit {layout.catalog(code, '*').relative_to(root)}; the language goes live "
        f"at {settings.threshold_percent()}% translated.\n"
        f"Check:    .venv/bin/python scripts/i18n.py check {code}\n"
        f"Preview:  KYR_LANGS={code} make serve"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `... | head` ends quietly
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("update", help=cmd_update.__doc__)
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if out of date")
    p.add_argument("--prune-obsolete", action="store_true",
                   help="also drop obsolete (#~) entries that no longer help any untranslated entry")
    p.set_defaults(func=cmd_update)
    p = sub.add_parser("extract", help=cmd_extract.__doc__)
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("status", help=cmd_status.__doc__)
    p.add_argument("languages", nargs="*", help="language codes (default: all)")
    p.add_argument("--pages", action="store_true", help="also list every page")
    p.set_defaults(func=cmd_status)
    p = sub.add_parser("check", help=cmd_check.__doc__)
    p.add_argument("languages", nargs="*", help="language codes (default: all)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("add-language", help=cmd_add_language.__doc__)
    p.add_argument("code", help="BCP 47 code, e.g. pt-BR, fa, ru")
    p.set_defaults(func=cmd_add_language)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
