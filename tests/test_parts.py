"""Language of parts: the English a translation keeps is marked ``lang="en"`` (and isolated), in
the pages and in the printouts, without translators writing any markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, site_pages
from htmltree import Node, parse
from kyr.config import load_settings
from kyr.languages import make_language
from kyr.site.parts import english_phrases, mark_html, mark_text, project_phrases, writes_latin

SETTINGS = load_settings(str(ROOT / "mkdocs.yml"))
SPAN = '<span class="kyr-en" lang="en" dir="ltr">'


# -- Pure functions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "latin"),
    [("es", True), ("tl", True), ("vi", True), ("pt-BR", True), ("zh-Hant", False), ("ko", False),
     ("ar", False), ("ru", False), ("hi", False), ("pa", False), ("ur", False), ("fa-AF", False)],
)
def test_script_of_a_language_comes_from_cldr(code: str, latin: bool) -> None:
    assert writes_latin(make_language(code)) is latin


def test_quoted_english_phrases_are_found() -> None:
    text = 'Say "I want to remain silent." Agents may say they are "police". A "x" is too short.'
    assert english_phrases(text) == {"I want to remain silent", "police"}
    assert english_phrases("Say \u201cI do not consent\u201d.") == {"I do not consent"}


def test_latin_runs_in_other_scripts_are_marked_with_their_sentence_stop() -> None:
    out = mark_text('قل "I want to remain silent." ثم ICE. و Cal. Gov. Code § 7284.6 و 2026', latin=False)
    assert f'"{SPAN}I want to remain silent.</span>"' in out
    assert f"{SPAN}ICE</span>." in out  # a lone word leaves the Arabic full stop to the Arabic
    assert f"{SPAN}Cal. Gov. Code § 7284.6</span>" in out
    assert "و 2026" in out  # numbers alone are not English
    assert mark_text("打電話 1-800-555-0100", latin=False) == "打電話 1-800-555-0100"


def test_entities_and_words_that_are_not_english_are_left() -> None:
    out = mark_text("說 ICE&#39;s 和 notario", latin=False, not_english=["notario"])
    assert out == f"說 {SPAN}ICE</span>&#39;{SPAN}s</span> 和 notario"


def test_in_latin_script_only_the_quoted_english_is_marked_as_whole_words() -> None:
    phrases = ["I do not consent", "consent", "police", "notario"]
    out = mark_text('Diga "I do not consent". No consentimos; la policía (police); un notario.', latin=True,
                    phrases=phrases, not_english=["notario"])
    assert f'"{SPAN}I do not consent</span>"' in out
    assert "consentimos" in out and f"{SPAN}consent</span>imos" not in out
    assert f"({SPAN}police</span>)" in out
    assert "un notario." in out


def test_marked_html_skips_code_scripts_attributes_and_text_already_in_a_language() -> None:
    doc = ('<html lang="ar"><head><title>Know</title></head><body dir="rtl" data-x="rtl">'
           '<p title="Do not">قل <a href="x.html">Check who</a></p><code>make site</code>'
           '<script>var a = "b";</script><p lang="en">Keep this</p><select><option>English</option></select></body></html>')
    out = mark_html(doc, latin=False)
    assert '<body dir="rtl" data-x="rtl">' in out and "<title>Know</title>" in out
    assert f'<a href="x.html">{SPAN}Check who</span></a>' in out
    assert '<p title="Do not">' in out
    for left in ("<code>make site</code>", 'var a = "b";', '<p lang="en">Keep this</p>', "<option>English</option>"):
        assert left in out


def test_phrases_of_the_project_come_from_pages_and_data(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text('---\ntitle: "Front matter"\n---\nSay "I want to remain silent".\n')
    (tmp_path / "d.yml").write_text('card:\n  - en: x\n    meaning: Say "I do not consent".\n')
    assert project_phrases([tmp_path / "docs"], [tmp_path / "d.yml"]) == {"I want to remain silent", "I do not consent"}


# -- The built site ---------------------------------------------------------------------------

_SKIP = {"script", "style", "code", "pre", "kbd", "samp", "svg", "title", "option", "textarea", "head"}
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")


def _unmarked_text(node: Node, inherited: str, out: list[str]) -> None:
    """The text of ``node`` that is in the page's language (text marked with another language,
    English or a language's own name, is not)."""
    lang = node.attrs.get("lang", inherited)
    if node.tag in _SKIP or lang != inherited:
        return
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
        else:
            _unmarked_text(child, lang, out)


def _translated_languages(site: Path) -> list[str]:
    return [lang.code for lang in SETTINGS.languages[1:] if (site / lang.code / "index.html").exists()]


def test_no_english_in_a_translated_page_lacks_lang_en(real_site) -> None:
    """In a non-Latin script, no Latin letters outside ``lang="en"``; in a Latin script, no
    phrase the English quotes outside ``lang="en"``."""
    site = real_site.site
    phrases = project_phrases([real_site.path / "docs", real_site.path / "regions"], [])
    phrases -= set(SETTINGS.not_english)
    quoted = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?![\w'-])")
    # Quoted words that are not English (notario público) are left unmarked on purpose.
    not_english = {word for phrase in SETTINGS.not_english for word in phrase.split()}
    problems = []
    languages = _translated_languages(site)
    assert len(languages) == len(SETTINGS.languages) - 1
    for code in languages:
        latin = writes_latin(SETTINGS.language(code))
        for name in site_pages(site, code):
            texts: list[str] = []
            root = parse((site / code / name).read_text(encoding="utf-8"))
            html = next(n for n in root.iter() if n.tag == "html")
            _unmarked_text(html, html.attrs.get("lang", ""), texts)
            for text in texts:
                if latin:
                    found = quoted.findall(text)
                else:
                    found = [w for w in _LATIN.findall(text) if w not in not_english]
                if found:
                    problems.append(f"{code}/{name}: {found[:3]} in {text.strip()[:80]!r}")
    assert problems == [], "\n".join(problems[:30])


def test_say_aloud_sentences_are_marked_in_every_language(real_site) -> None:
    """The officer card's sentences and the quoted say-aloud phrases, where a translation keeps
    them, are read with an English voice."""
    for code in _translated_languages(real_site.site):
        page = (real_site.site / code / "card.html").read_text(encoding="utf-8")
        marked = [n for n in parse(page).iter() if n.attrs.get("lang") == "en"]
        assert any("remain silent" in n.text() for n in marked), code


@pytest.mark.slow
def test_printouts_tag_english_as_english(tmp_path: Path) -> None:
    """The PDFs are tagged, with the document's language and ``/Lang (en)`` on the English."""
    import subprocess
    import sys

    from pypdf import PdfReader

    out = tmp_path / "prints"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "prints.py"), "-l", "en,ar,es", "-k", "brochure",
                             "-p", "a4", "-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    statements = len(__import__("conftest").active_data().card.statements)

    def languages(pdf: Path) -> tuple[str, list[str]]:
        root = PdfReader(pdf).trailer["/Root"]
        found: list[str] = []

        def walk(element) -> None:
            element = element.get_object()
            if "/Lang" in element:
                found.append(str(element["/Lang"]))
            kids = element.get("/K")
            kids = kids.get_object() if kids is not None else []
            for kid in kids if isinstance(kids, list) else [kids]:
                kid = kid.get_object() if hasattr(kid, "get_object") else kid
                if isinstance(kid, dict) and "/S" in kid:
                    walk(kid)

        walk(root["/StructTreeRoot"]["/K"][0])
        return str(root["/Lang"]), found

    lang, marked = languages(out / "en" / "brochure-a4.pdf")
    assert lang == "en" and set(marked) <= {"en"}
    for code in ("ar", "es"):
        lang, marked = languages(out / code / "brochure-a4.pdf")
        assert lang == code
        assert marked.count("en") >= statements, (code, marked)
