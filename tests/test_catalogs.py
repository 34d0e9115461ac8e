"""Catalog workflow: update with previous msgids, status, --check, adding a language."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from htmltree import article
from kyr.i18n.catalogs import CatalogError, Counts, counts, domain_for, is_translated, parse_catalog
from kyr.languages import make_language


def test_domains() -> None:
    assert domain_for("docs/at-home.md") == (None, "at-home")
    assert domain_for("docs/guide/x.md") == (None, "guide/x")
    assert domain_for("mkdocs.yml") == (None, "_site")
    assert domain_for("overrides/partials/kyr-fallback.html") == (None, "_site")
    assert domain_for("data/card.yml") == (None, "_data")
    assert domain_for("README.md") is None
    # An edition's own texts go to its own catalogs.
    assert domain_for("regions/x/hotlines.yml") == ("x", "_region")
    assert domain_for("regions/x/region.yml") == ("x", "_region")
    assert domain_for("regions/x/docs/local-laws.md") == ("x", "local-laws")
    assert domain_for("regions/x/sections/local-police.md") == ("x", "_sections")
    assert domain_for("regions/x/locales/es/LC_MESSAGES/_region.po") is None


def test_counts_exclude_fuzzy_and_empty_plural_forms() -> None:
    catalog = Catalog(locale="ar")
    catalog.add("done", "تم")
    catalog.add("fuzzy", "قديم", flags=["fuzzy"])
    catalog.add("empty", "")
    catalog.add(("one", "many"), ("واحد", "", "", "", "", ""))
    catalog.add(("a", "b"), ("١", "٢", "٣", "٤", "٥", "٦"))
    assert counts(catalog) == Counts(translated=2, fuzzy=1, untranslated=2)
    assert counts(catalog).percent == 40


def test_unreadable_catalogs_name_file_and_line(tmp_path: Path) -> None:
    bad = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "a"\nmsgtxt "b"\n'
    with pytest.raises(CatalogError) as e:
        parse_catalog(bad, "x.po", make_language("es"))
    assert str(e.value).startswith("x.po:")
    with pytest.raises(CatalogError, match="x.po:2: is not valid UTF-8"):
        parse_catalog(b'msgid ""\nmsgstr "\xe9"\n', "x.po")


def test_check_fails_when_a_catalog_is_missing(project) -> None:
    proj = project("basic")
    result = proj.i18n("update", "--check")
    assert result.returncode == 1
    assert "out of date: locales/zh-Hant/LC_MESSAGES/rights.po (new)" in result.stdout
    proj.i18n("update", check=True)
    assert proj.i18n("update", "--check").returncode == 0


def _es_counts(proj) -> tuple[int, int, int]:
    status = proj.i18n("status", "es", "--pages", check=True).stdout
    row = [line.split() for line in status.splitlines() if line.startswith("es (Español)")][0]
    return int(row[2]), int(row[3]), int(row[4])


def test_edited_english_sentence_becomes_fuzzy_with_previous_msgid(project) -> None:
    proj = project("basic")
    proj.i18n("update", check=True)
    translated, fuzzy, untranslated = _es_counts(proj)
    page = proj.read("docs/rights.md").replace("You can stay silent.", "You can always stay silent.")
    proj.write("docs/rights.md", page)
    assert proj.i18n("update", "--check").returncode == 1
    proj.i18n("update", check=True)
    po = proj.read("locales/es/LC_MESSAGES/rights.po")
    assert '#, fuzzy\n#| msgid "You can stay silent."\nmsgid "You can always stay silent."\nmsgstr "Puede guardar silencio."' in po
    catalog = read_po(open(proj.path / "locales/es/LC_MESSAGES/rights.po", "rb"))
    message = catalog["You can always stay silent."]
    assert message.fuzzy and not is_translated(message)
    # The fuzzy entry no longer counts as translated.
    assert _es_counts(proj) == (translated - 1, fuzzy + 1, untranslated)
    assert "rights" in proj.i18n("status", "es", "--pages", check=True).stdout
    assert proj.i18n("update", "--check").returncode == 0
    # The previous msgid survives later updates and is valid for GNU gettext.
    proj.write("docs/help.md", proj.read("docs/help.md") + "\nAnother sentence.\n")
    proj.i18n("update", check=True)
    assert '#| msgid "You can stay silent."' in proj.read("locales/es/LC_MESSAGES/rights.po")
    import shutil
    import subprocess

    msgfmt = subprocess.run([shutil.which("msgfmt"), "--check", "-o", "/dev/null", "locales/es/LC_MESSAGES/rights.po"],
                            cwd=proj.path, capture_output=True, text=True)
    assert msgfmt.returncode == 0, msgfmt.stderr
    assert proj.i18n("check", "es").returncode == 0
    # And the page shows the new English sentence, marked as English.
    proj.build(KYR_LANGS="es")
    node = article(proj.page("es", "rights.html")).containing("You can always stay silent.")
    assert node.lang() == ("en", "ltr")
    assert "Puede guardar silencio." not in proj.page("es", "rights.html")


def test_add_language_creates_catalogs_and_registers_it(project) -> None:
    proj = project("basic")
    proj.i18n("update", check=True)
    result = proj.i18n("add-language", "fa", check=True)
    assert "added fa (فارسی, rtl" in result.stdout
    assert "languages: [en, es, ar, zh-Hant, fa]" in proj.read("mkdocs.yml")
    po = proj.read("locales/fa/LC_MESSAGES/index.po")
    assert '"Language: fa\\n"' in po and "Plural-Forms: nplurals=2;" in po
    assert proj.i18n("add-language", "fa").returncode == 1  # already there
    assert proj.i18n("add-language", "xx-Nope").returncode == 2
    proj.build(KYR_LANGS="en,fa")
    assert '<html lang="fa" class="no-js" dir="rtl">' in proj.page("fa", "index.html")


def test_add_language_into_a_block_style_list(project) -> None:
    proj = project("basic")
    text = proj.read("mkdocs.yml").replace(
        "    languages: [en, es, ar, zh-Hant]", "    languages:\n      - en\n      - es\n"
    )
    proj.write("mkdocs.yml", text)
    proj.i18n("add-language", "vi", check=True)
    assert "    languages:\n      - en\n      - es\n      - vi\n" in proj.read("mkdocs.yml")


def test_real_catalogs_are_up_to_date_with_the_english_source() -> None:
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "update", "--check"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_lookups_use_the_msgids_the_extractors_make() -> None:
    # Data-file strings and nav titles are folded and protected when extracted; the build must
    # ask for the same msgids, or their translations are never shown.
    from kyr.i18n.extract import data_messages, mkdocs_yml_messages
    from kyr.i18n.translate import Catalogs

    meaning = "Say it   through the door: <b>I do not consent</b>"
    (data_msg,) = data_messages("card.yml", f"statements:\n  - meaning: '{meaning}'\n")
    assert data_msg.msgid == "Say it through the door: {1}I do not consent{2}"
    (nav_msg,) = mkdocs_yml_messages("nav:\n  - 'Know  your rights': index.md\n")
    catalogs = Catalogs(make_language("es"), entries={
        "_data": {data_msg.msgid: "Dígalo a través de la puerta: {1}No doy mi consentimiento{2}"},
        "_site": {nav_msg.msgid: "Conozca sus <b>derechos</b>"},
    })
    assert catalogs.lookup("_data", meaning) == ("Dígalo a través de la puerta: <b>No doy mi consentimiento</b>", True)
    assert catalogs.lookup("_data", "Untranslated") == ("Untranslated", False)
    assert catalogs.line("_site", "Know  your rights") == "Conozca sus &lt;b>derechos&lt;/b>"
    source = Catalogs(make_language("en"), source=True)
    assert source.lookup("_data", meaning) == (meaning, True)


# -- Which old translation a changed sentence may inherit -------------------------------------


def _po(entries: dict[str, str]):
    from kyr.i18n.pofile import PoEntry, PoFile

    header = PoEntry(msgid="", msgstr=["Language: es\nContent-Type: text/plain; charset=UTF-8\n"])
    return PoFile([header] + [PoEntry(msgid=k, msgstr=[v]) for k, v in entries.items()])


def _template(*msgids: str):
    from kyr.i18n.pofile import TemplateMessage

    return [TemplateMessage(msgid=m) for m in msgids]


def _get(po, msgid: str):
    return next(e for e in po.entries if e.msgid == msgid and not e.obsolete)


def test_an_unrelated_new_string_never_inherits_a_translation() -> None:
    from kyr.i18n.pofile import update_po

    updated = update_po(_po({"Read online": "Leer en línea"}), _template("CHIRLA hotline"))
    message = _get(updated, "CHIRLA hotline")
    assert message.msgstr == [""] and not message.fuzzy
    assert any(e.obsolete and e.msgid == "Read online" for e in updated.entries)


def test_a_close_sentence_is_offered_as_fuzzy_with_the_old_english() -> None:
    from kyr.i18n.pofile import update_po

    old = _po({"Keep the door closed and talk through it.": "Mantenga la puerta cerrada y hable a través de ella."})
    updated = update_po(old, _template("Keep the door closed and talk through the door."))
    message = _get(updated, "Keep the door closed and talk through the door.")
    assert message.fuzzy and message.msgstr[0].startswith("Mantenga")
    assert message.previous == {"msgid": "Keep the door closed and talk through it."}
    assert "#| msgid \"Keep the door closed and talk through it.\"" in updated.render()


def test_similarity_is_by_words() -> None:
    from kyr.i18n.fuzzy import THRESHOLD, similarity

    assert similarity("CHIRLA hotline", "Read online") == 0
    assert similarity("Hours", "Hours") == 1
    assert similarity("Hotline hours", "Hours") == 0  # a word or two must match word for word
    assert similarity("Call the hotline", "Call the line") < THRESHOLD
    assert similarity("Do not open the door to agents.", "Do not open the door.") > 0.75


def test_a_moved_sentence_keeps_its_translation_and_languages_never_mix() -> None:
    from kyr.i18n.pofile import update_po

    template = _template("San Mateo County rapid response line", "New sentence")
    memories = {
        "es": {"San Mateo County rapid response line": "Línea de respuesta rápida del condado de San Mateo"},
        "ar": {"San Mateo County rapid response line": "خط الاستجابة السريعة في مقاطعة سان ماتيو"},
    }
    results = {code: update_po(None, template, memory=memories.get(code)) for code in ("es", "ar", "ko")}
    assert _get(results["es"], "San Mateo County rapid response line").msgstr[0].startswith("Línea")
    assert _get(results["ar"], "San Mateo County rapid response line").msgstr[0].startswith("خط")
    assert _get(results["ko"], "San Mateo County rapid response line").msgstr == [""]
    assert all(_get(r, "New sentence").msgstr == [""] for r in results.values())


# -- Standard PO tools work as they are --------------------------------------------------------


@pytest.mark.parametrize("tool", [["msgcat", "--width=79"], ["msgcat", "--width=77"], ["msgcat", "--no-wrap"]],
                         ids=["poedit-79", "weblate-77", "no-wrap"])
def test_update_after_one_english_change_touches_only_that_entry(project, tool) -> None:
    import difflib
    import subprocess

    proj = project("basic")
    proj.i18n("update", check=True)
    po = proj.path / "locales/es/LC_MESSAGES/rights.po"
    # The translator's tool rewraps the file, adds its own header field, and saves it.
    subprocess.run([*tool, "-o", str(po), str(po)], check=True)
    text = po.read_text(encoding="utf-8").replace('"Content-Type:', '"X-Generator: Poedit 3.5\\n"\n"Content-Type:', 1)
    po.write_text(text, encoding="utf-8")
    assert proj.i18n("update", "--check").returncode == 0, "a tool's own wrapping must not count as a change"
    before = po.read_text(encoding="utf-8").splitlines()
    proj.write("docs/rights.md", proj.read("docs/rights.md").replace(
        "You can stay silent.\n", "You can stay silent.\n\nYou can ask for a lawyer.\n"))
    proj.i18n("update", check=True)
    after = po.read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert all(line.startswith("+") for line in changes), changes  # nothing removed or rewritten
    added = "\n".join(line[1:] for line in changes)
    assert 'msgid "You can ask for a lawyer."' in added and len(changes) <= 5, changes
    assert "X-Generator: Poedit 3.5" in po.read_text(encoding="utf-8")
    # GNU tools still read the result.
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True).returncode == 0


def test_msgmerge_output_is_accepted_and_kept(project) -> None:
    import subprocess

    proj = project("basic")
    proj.i18n("update", check=True)
    po = proj.path / "locales/es/LC_MESSAGES/rights.po"
    pot = proj.path / "locales/templates/rights.pot"
    subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", str(po), str(pot)], check=True)
    assert proj.i18n("check", "es").returncode == 0
    assert proj.i18n("update", "--check").returncode == 0


def test_previous_english_is_read_for_live_and_obsolete_entries() -> None:
    """The ``#|`` (and, on an obsolete entry, ``#~|``) lines Poedit shows as "old source text"."""
    from kyr.i18n.pofile import parse_po

    po = parse_po(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\n#| msgid "You can stay silent."\nmsgid "You can always stay silent."\nmsgstr "Puede callar."\n\n'
        '#~| msgid "Old"\n#~ msgid "Older"\n#~ msgstr "Viejo"\n'
    )
    live, obsolete = [e for e in po.entries if not e.is_header]
    assert live.previous == {"msgid": "You can stay silent."} and not live.obsolete
    assert obsolete.obsolete and obsolete.previous == {"msgid": "Old"} and obsolete.msgid == "Older"
