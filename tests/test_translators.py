"""Translators first: one mistake costs one entry, standard tools' files work, labels tell the truth.

These replay what a volunteer does with Poedit, Weblate or gettext habits, with the real tools
where it matters (msgfmt, msginit, translate-toolkit, which Weblate uses).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from htmltree import article, parse
from kyr.config import load_settings

SETTINGS = load_settings(str(ROOT / "mkdocs.yml"))

# What GNU gettext (msginit), Poedit and Weblate write in Plural-Forms for each language, where
# they differ from CLDR's rule. msginit knows only some; the rest are those tools' own tables.
TOOL_PLURAL_FORMS = {
    "es": ["nplurals=2; plural=(n != 1);"],
    "zh": ["nplurals=1; plural=0;"],
    "vi": ["nplurals=1; plural=0;"],
    "ko": ["nplurals=1; plural=0;"],
    "fil": ["nplurals=2; plural=(n > 1);", "nplurals=2; plural=n != 1 && n != 2 && n != 3 && (n % 10 == 4 || n % 10 == 6 || n % 10 == 9);"],
    "ar": ["nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"],
    "pt": ["nplurals=2; plural=(n > 1);"],
    "ru": ["nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"],
    "hi": ["nplurals=2; plural=(n != 1);", "nplurals=2; plural=n > 1;"],
    "pa": ["nplurals=2; plural=(n != 1);", "nplurals=2; plural=n > 1;"],
    "ur": ["nplurals=2; plural=(n != 1);"],
    "fa": ["nplurals=2; plural=(n > 1);"],
}


def _msginit_forms(locale: str) -> str | None:
    result = subprocess.run(
        ["msginit", "--no-translator", "-l", locale, "-i", str(ROOT / "locales/templates/card.pot"), "-o", "-"],
        capture_output=True, text=True,
    )
    m = re.search(r'"Plural-Forms: (nplurals=\d+;[^"]*?)\\n"', result.stdout.replace('"\n"', ""))
    return m.group(1) if m else None


@pytest.mark.parametrize("language", SETTINGS.targets, ids=[lang.code for lang in SETTINGS.targets])
def test_standard_plural_headers_are_accepted(language, tmp_path: Path) -> None:
    from kyr.gates.check import check_catalog
    from kyr.i18n.catalogs import read_catalog

    variants = list(TOOL_PLURAL_FORMS.get(language.locale.language, []))
    gnu = _msginit_forms(language.cldr.replace("_Hant", "_TW").replace("_Hans", "_CN"))
    if gnu:
        variants.append(gnu)
    assert variants, f"no tool's Plural-Forms known for {language.code}"
    source = SETTINGS.layout().catalog(language.code, "card")
    template = read_catalog(SETTINGS.layout().template("card"))
    for forms in variants:
        text = re.sub(r'"Plural-Forms:.*?\\n"\n(?:".*?\\n"\n)*?(?=")', "", source.read_text(encoding="utf-8"), flags=re.S)
        text = text.replace('"Content-Type:', f'"Plural-Forms: {forms}\\n"\n"Content-Type:', 1)
        path = tmp_path / "card.po"
        path.write_text(text, encoding="utf-8")
        checked = check_catalog(path, language, template, shown="card.po")
        assert not [p for p in checked.problems if p.scope == "file"], (forms, [str(p) for p in checked.problems])


def _break_one_entry(proj) -> Path:
    po = proj.path / "locales/es/LC_MESSAGES/rights.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "Pida ver una [orden firmada por un juez]({1})."', 'msgstr "Pida ver una orden firmada por un juez."')
    po.write_text(text, encoding="utf-8")
    return po


def test_a_dropped_placeholder_costs_one_entry(project) -> None:
    proj = project("basic")
    proj.i18n("update", check=True)
    _break_one_entry(proj)
    result = proj.build(strict=False, KYR_LANGS="en,es")
    assert "\u201cAsk to see a [warrant signed by a judge]({1}).\u201d: placeholders differ" in result.stderr
    assert "(this entry is shown in English instead)" in result.stderr
    assert "whole file" not in result.stderr
    # The kit's own message comes before gettext's about the same entry (if gettext says anything).
    body = article(proj.page("es", "rights.html"))
    assert body.containing("Puede guardar silencio.") is not None  # the rest of the catalog is on the page
    assert body.containing("Ask to see a").lang() == ("en", "ltr")
    status = proj.i18n("status", "es", "--pages").stdout
    row = next(line.split() for line in status.splitlines() if line.startswith("rights "))
    translated, fuzzy, untranslated, refused = map(int, row[1:5])
    assert refused == 1 and row[5] != "100%"
    check = proj.i18n("check", "es")
    assert check.returncode == 1 and "locales/es/LC_MESSAGES/rights.po:" in check.stdout
    assert "\u201cAsk to see a [warrant signed by a judge]({1}).\u201d" in check.stdout


def test_windows_line_endings_are_accepted(project) -> None:
    proj = project("basic")
    proj.i18n("update", check=True)
    po = proj.path / "locales/es/LC_MESSAGES/rights.po"
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    assert proj.i18n("check", "es").returncode == 0
    proj.build(KYR_LANGS="en,es")
    assert article(proj.page("es", "rights.html")).containing("Puede guardar silencio.") is not None
    assert proj.i18n("update", "--check").returncode == 0  # and update keeps them
    assert b"\r\n" in po.read_bytes()
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "*.po text eol=lf" in attributes and "*.pot text eol=lf" in attributes


def test_check_reports_fuzzy_entries(project) -> None:
    proj = project("basic")
    proj.i18n("update", check=True)
    proj.write("docs/rights.md", proj.read("docs/rights.md").replace("You can stay silent.", "You can always stay silent."))
    proj.i18n("update", check=True)
    result = proj.i18n("check", "es")
    assert result.returncode == 0  # fuzzy is work to do, not an error
    assert "\u201cYou can always stay silent.\u201d: fuzzy" in result.stdout
    assert re.search(r"\d+ fuzzy entr(y|ies)", result.stdout)


def test_a_human_translation_is_never_called_machine_made(project) -> None:
    proj = project("basic")
    proj.write("locales/es/status.yml", "translation: human\ntranslators: Voluntarias de prueba\nnative_review: false\n")
    proj.build(KYR_LANGS="en,es")
    for name in ("index.html", "rights.html"):
        html = proj.page("es", name)
        assert "machine" not in html.lower() and "made by volunteer translators" in html
    status = proj.i18n("status", "es").stdout
    assert "human translation by Voluntarias de prueba; no native review yet" in status
    proj.write("locales/es/status.yml", "translation: machine-assisted\nnative_review: false\n")
    proj.build(KYR_LANGS="en,es")
    assert "made with the help of a machine" in proj.page("es", "index.html")
    proj.write("locales/es/status.yml", "translation: human\nnative_review: true\nreviewer: A. Revisora\nreviewed: 2026-11-01\n")
    proj.build(KYR_LANGS="en,es")
    assert "kyr-review-note" not in proj.page("es", "index.html")


def test_a_language_below_the_threshold_is_a_preview(project) -> None:
    proj = project("basic")
    proj.write("mkdocs.yml", proj.read("mkdocs.yml").replace("publish_threshold: 0 ", "publish_threshold: 0.5 "))
    proj.build()  # es is about 70% translated; zh-Hant has no catalogs at all: 0%
    chooser = (proj.site / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="zh-Hant"' not in chooser and 'hreflang="es"' in chooser
    switcher = [a.attrs.get("hreflang") for a in parse(proj.page("es", "index.html")).find_all("a")
                if "md-select__link" in a.attrs.get("class", "")]
    assert "zh-Hant" not in switcher and "es" in switcher
    preview = proj.page("zh-Hant", "index.html")  # still built and reachable
    assert '<meta name="robots" content="noindex">' in preview and "kyr-preview-note" in preview
    # With the threshold at 0, every language is live.
    proj.write("mkdocs.yml", proj.read("mkdocs.yml").replace("publish_threshold: 0.5 ", "publish_threshold: 0 "))
    proj.build()
    assert 'hreflang="zh-Hant"' in (proj.site / "index.html").read_text(encoding="utf-8")


def test_add_language_creates_what_a_translator_needs(project) -> None:
    proj = project("basic")
    result = proj.i18n("add-language", "pt-BR", check=True)
    folder = proj.path / "locales" / "pt-BR"
    for name in ("status.yml", "glossary.yml", "REVIEW.md"):
        assert (folder / name).is_file(), name
    assert "translation: machine-assisted" in (folder / "status.yml").read_text(encoding="utf-8")
    assert ".venv/bin/python scripts/i18n.py check pt-BR" in result.stdout and "KYR_LANGS=pt-BR make serve" in result.stdout
    assert proj.i18n("check", "pt-BR").returncode == 0
    po = (folder / "LC_MESSAGES" / "index.po").read_text(encoding="utf-8")
    assert "Language: pt_BR" in po and "Plural-Forms: nplurals=" in po


def test_the_term_base_is_exported_for_weblate_and_kept_in_sync() -> None:
    from translate.storage import tbx

    for language in SETTINGS.targets:
        folder = ROOT / "locales" / language.code
        if not (folder / "glossary.yml").exists():
            continue
        store = tbx.tbxfile.parsefile(str(folder / "glossary.tbx"))
        import yaml

        terms = yaml.safe_load((folder / "glossary.yml").read_text(encoding="utf-8"))["terms"]
        assert [u.source for u in store.units] == [t["en"] for t in terms]
        assert [u.target for u in store.units] == [t["translation"] for t in terms]
        assert (folder / "glossary.csv").read_text(encoding="utf-8").startswith("source,target,note\n")


def test_weblate_reads_every_catalog() -> None:
    from translate.storage import po

    layout = SETTINGS.layout()
    for language in SETTINGS.targets:
        for _, path in layout.catalogs_of(language.code):
            store = po.pofile.parsefile(str(path))
            assert store.units, path


def test_weblate_setup_is_documented() -> None:
    guide = (ROOT / "docs" / "translator-guide.md").read_text(encoding="utf-8") + (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needle in ("LC_MESSAGES/(?P<component>", "locales/templates/", "msgmerge", "status.yml", "glossary.tbx",
                   "$10,000", "US$"):
        assert needle in guide, needle
    hook = ROOT / ".ci" / "translations"
    assert hook.exists() and "i18n.py check" in hook.read_text(encoding="utf-8")


def test_percentages_agree_between_the_site_and_the_cli(real_site) -> None:
    from kyr.i18n.status import translation_table

    page = article(real_site.page("en", "translations.html"))
    rows = {r.find_all("a")[0].attrs["hreflang"]: r for r in page.find_all("tr")[1:]}
    for row in translation_table(SETTINGS):
        if row.source:
            continue
        shown = rows[row.language.code].find_all("td")[1].text()
        assert f"{row.counts.percent}%" in shown.replace("\u00a0", "").replace(" ", ""), (row.language.code, shown)
