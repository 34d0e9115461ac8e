"""The output gate and the fallback rules, on built pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from htmltree import article
from kyr.gates.html import allowed_hosts, scan_file

HOSTS = frozenset({"leginfo.legislature.ca.gov"})


@pytest.mark.parametrize(
    "snippet, expected",
    [
        ('<a href="page.html">ok</a>', None),
        ('<a href="https://leginfo.legislature.ca.gov/x">ok</a>', None),
        ('<a href="tel:+14152001548">ok</a> <a href="mailto:a@b.org">ok</a>', None),
        ('<span onclick="alert(1)">x</span>', "event-handler attribute onclick"),
        ('<img src=x ONERROR=alert(1)>', "event-handler attribute onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript: address"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: address"),
        ('<a href="java\tscript:alert(1)">x</a>', "javascript: address"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "javascript: address"),
        ('<a href="vbscript:x">x</a>', "vbscript: address"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data: address"),
        ('<img src="https://tracker.example/p.gif">', "a request to another host (tracker.example)"),
        ('<a href="index.html" href="javascript:alert(1)">x</a>', "javascript: address"),
        ('<a href="javascript:alert(1)" href="index.html">x</a>', "javascript: address"),
        ('<img srcset="a.png 1x, https://cdn.example/b.png 2x">', "a request to another host (cdn.example)"),
        ('<script src="//cdn.example/x.js"></script>', "a request to another host (cdn.example)"),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', "a request to another host (fonts.googleapis.com)"),
        ('<a href="https://evil.example/">x</a>', "a link to evil.example"),
        ('<iframe src="page.html"></iframe>', "<iframe> element"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta http-equiv=refresh>"),
        ('<div style="background:url(https://t.example/p.png)">x</div>', "url(https://t.example/p.png)"),
        ("<style>body{background:url('//t.example/x')}</style>", "url(//t.example/x)"),
        ('<form action="https://evil.example/steal"></form>', "a request to another host (evil.example)"),
        ("<base href='https://evil.example/'>", "<base> element"),
    ],
)
def test_scan(tmp_path: Path, snippet: str, expected: str | None) -> None:
    page = tmp_path / "p.html"
    page.write_text(f"<!doctype html><html><body>{snippet}</body></html>", encoding="utf-8")
    hits = [str(h) for h in scan_file(page, HOSTS, "p.html")]
    if expected is None:
        assert hits == []
    else:
        assert any(expected in h for h in hits), hits
        assert hits[0].startswith("p.html:1: ")


def test_allowed_hosts_come_from_the_english_source() -> None:
    hosts = allowed_hosts(sorted((ROOT / "docs").rglob("*.md")))
    assert "leginfo.legislature.ca.gov" in hosts
    assert "evil.example" not in hosts


@pytest.mark.slow
def test_a_page_that_would_run_code_fails_every_build(project) -> None:
    proj = project("basic")
    proj.build()
    before = proj.page("en", "help.html")
    proj.write("docs/help.md", proj.read("docs/help.md") + '\n<div onmouseover="alert(1)">x</div>\n')
    result = proj.build(strict=False, check=False)
    assert result.returncode != 0
    assert "event-handler attribute onmouseover" in result.stderr
    # Every language reports the page itself: one failing language build must not pull the
    # staging folder from under the others (they ran in parallel).
    for lang in ("en", "es", "ar", "zh-Hant"):
        assert f"output scan: {lang}/help.html:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert proj.page("en", "help.html") == before


@pytest.mark.slow
def test_a_third_party_image_fails_the_build(project) -> None:
    proj = project("basic")
    proj.write("docs/help.md", proj.read("docs/help.md") + "\n![pixel](https://tracker.example/p.gif)\n")
    result = proj.build(strict=False, check=False)
    assert result.returncode != 0 and "a request to another host (tracker.example)" in result.stderr


@pytest.mark.slow
def test_a_changed_phone_number_never_shows_the_old_translation(project) -> None:
    proj = project("basic")
    proj.write("docs/help.md", proj.read("docs/help.md") + "\nCall [(415) 200-1548](tel:+14152001548) now.\n")
    proj.i18n("update", check=True)
    po = proj.path / "locales/es/LC_MESSAGES/help.po"
    text = po.read_text(encoding="utf-8").replace(
        'msgid "Call [(415) 200-1548]({1}) now."\nmsgstr ""',
        'msgid "Call [(415) 200-1548]({1}) now."\nmsgstr "Llame al [(415) 200-1548]({1}) ahora."',
    )
    po.write_text(text, encoding="utf-8")
    proj.build(KYR_LANGS="es")
    assert "Llame al" in proj.page("es", "help.html")
    # The English number changes; the translation becomes fuzzy and must never be shown.
    proj.write("docs/help.md", proj.read("docs/help.md").replace("200-1548](tel:+14152001548)", "200-9999](tel:+14152009999)"))
    proj.i18n("update", check=True)
    assert '#| msgid "Call [(415) 200-1548]({1}) now."' in po.read_text(encoding="utf-8")
    proj.build(KYR_LANGS="es")
    html = proj.page("es", "help.html")
    assert "200-1548" not in html and "Llame al" not in html
    node = article(html).containing("(415) 200-9999")
    assert node.lang() == ("en", "ltr")
    assert 'href="tel:+14152009999"' in html


def test_the_real_catalogs_pass_every_gate() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_a_description_cannot_add_attributes(project) -> None:
    """Quotes in a page description (English or translated) stay text in <meta content>."""
    proj = project("basic")
    proj.i18n("update", check=True)
    po = proj.path / "locales/es/LC_MESSAGES/rights.po"
    text = po.read_text(encoding="utf-8").replace(
        'msgstr "Sus derechos, en una prueba."',
        'msgstr "Sus derechos\\" http-equiv=\\"refresh\\" content=\\"0;url=https://evil.example/"',
    )
    po.write_text(text, encoding="utf-8")
    proj.write("docs/rights.md", proj.read("docs/rights.md").replace(
        "description: Your rights, in a fixture.", 'description: Your rights, "in a fixture".'))
    proj.i18n("update", check=True)
    result = proj.build(strict=False, KYR_LANGS="en,es")
    for lang in ("en", "es"):
        html = proj.page(lang, "rights.html")
        assert 'http-equiv="refresh"' not in html
        meta = re.findall(r'<meta name="description" content="[^"]*">', html)
        assert len(meta) == 1, meta
    assert "&#34;in a fixture&#34;" in proj.page("en", "rights.html")
    assert "output scan" not in result.stderr


def test_output_scan_findings_name_the_translation_that_made_them() -> None:
    from kyr.gates.html import Hit, trace

    hit = Hit("es/help.html", 12, "a link to evil.example, which the English source does not link to",
              ("evil.example", "https://evil.example/x"))
    entries = {
        ("help", "Call a hotline."): ("Llame a una línea.", "locales/es/LC_MESSAGES/help.po", 20),
        ("help", "Read more."): ("Lea más en https://evil.example/x", "locales/es/LC_MESSAGES/help.po", 33),
    }
    assert trace(hit, entries) == ["locales/es/LC_MESSAGES/help.po:33: \u201cRead more.\u201d"]


def test_cached_scans_find_the_same_and_follow_the_bytes(tmp_path: Path) -> None:
    from kyr.cache import JsonCache

    cache = JsonCache(tmp_path / "cache")
    page = tmp_path / "page.html"
    page.write_text('<p>ok</p><img src="x.png" onerror="alert(1)">', encoding="utf-8")
    first = scan_file(page, frozenset(), "es/page.html", cache)
    again = scan_file(page, frozenset(), "es/page.html", cache)
    assert first == again and len(first) == 1 and "onerror" in first[0].what
    page.write_text("<p>ok</p>", encoding="utf-8")
    assert scan_file(page, frozenset(), "es/page.html", cache) == []
    page.write_text('<a href="https://evil.example/">x</a>', encoding="utf-8")
    assert scan_file(page, frozenset({"evil.example"}), "p", cache) == []
    assert scan_file(page, frozenset(), "p", cache)  # other allowed hosts: scanned again
