"""Pseudo-locales: unextracted English and overflow show up; injections keep failing closed."""

from __future__ import annotations

import re

import pytest

from conftest import copy_site
from htmltree import parse
from pseudo import ATTACK_MARKERS, accented, add_language, attack, write_locale

pytestmark = pytest.mark.slow

_WORD = re.compile(r"\b[A-Za-z]*[a-z][A-Za-z]*\b")
# Parts of the page whose text is meant to stay as is: English on purpose, CLDR data, code,
# and Material's own interface (translated by Material, not by our catalogs).
_SKIP_CLASSES = ("kyr-cldr", "headerlink", "md-search", "md-skip", "md-select", "md-header__button",
                 "md-footer__direction", "md-nav__title", "md-top", "md-dialog", "md-source")


def _skipped(node) -> bool:
    while node is not None:
        # Text marked as another language: English on purpose, or a language's own name.
        if node.attrs.get("lang") not in (None, "en-XA") or "hreflang" in node.attrs or node.tag in ("code", "pre", "script", "style", "svg", "title"):
            return True
        if any(cls in node.attrs.get("class", "").split() for cls in _SKIP_CLASSES):
            return True
        node = node.parent
    return False


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory):
    proj = copy_site(tmp_path_factory.mktemp("pseudo") / "site-src")
    add_language(proj.path / "mkdocs.yml", "{code: en-XA, locale: en}")
    write_locale(proj.layout(), "en-XA", lambda msgid, i: accented(msgid))
    proj.build(KYR_LANGS="en,en-XA")
    return proj


def test_accented_keeps_what_must_not_change() -> None:
    source = "Call [the line]({1}) about SB 54 (Lab. Code § 90.2), $10,000, `I-205` and ICE."
    text = accented(source)
    assert text.startswith("⟦Ƈȧŀŀ [ŧħḗ ŀīƞḗ]({1}) ȧƀǿŭŧ SB 54 (Ŀȧƀ. Ƈǿḓḗ § 90.2), $10,000, `I-205` ȧƞḓ ICE.")
    assert text.endswith("⟧") and len(text) >= 1.3 * len(source)
    assert not re.search(r"[a-z]", text.replace("`I-205`", ""))


def test_pseudo_catalogs_pass_every_gate(pseudo_site) -> None:
    result = pseudo_site.i18n("check", "en-XA")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_hard_coded_english_in_pseudo_pages(pseudo_site) -> None:
    found = []
    for path in sorted((pseudo_site.site / "en-XA").glob("*.html")):
        root = parse(path.read_text(encoding="utf-8"))
        regions = [n for n in root.iter() if n.tag == "article" or "md-nav--primary" in n.attrs.get("class", "")
                   or "md-header__topic" in n.attrs.get("class", "")]
        for region in regions:
            for node in region.iter():
                if _skipped(node):
                    continue
                for child in node.children:
                    # Addresses are not words to translate ("calbar.ca.gov/", shown as a link).
                    text = re.sub(r"https?://\S+|\b[\w.-]+\.(?:gov|org|com|net|us)\b\S*", "", child) if isinstance(child, str) else ""
                    words = [w for w in _WORD.findall(text) if len(w) >= 3]
                    if words:
                        found.append(f"{path.name}: <{node.tag} class={node.attrs.get('class', '')!r}> {words} in {child.strip()[:50]!r}")
    assert not found, "text not extracted for translation:\n" + "\n".join(found[:40])


def test_pseudo_pages_fit_a_phone_screen(pseudo_site, phone) -> None:
    overflowing = []
    for path in sorted((pseudo_site.site / "en-XA").glob("*.html")):
        phone.goto(path.as_uri())
        width = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width[0] > width[1]:
            overflowing.append(f"{path.name}: {width[0]}px wide at {width[1]}px")
    assert not overflowing, overflowing


def test_attack_locale_fails_closed(tmp_path) -> None:
    proj = copy_site(tmp_path / "site-src")
    add_language(proj.path / "mkdocs.yml", "{code: en-XB, locale: en}")
    entries = write_locale(proj.layout(), "en-XB", attack)
    check = proj.i18n("check", "en-XB")
    assert check.returncode == 1
    assert "; 0 translated entries passed in en-XB" in check.stderr
    lines = check.stdout.splitlines()
    assert entries > 500 and len(lines) > 100
    assert all(re.match(r"^(regions/[^/]+/)?locales/en-XB/\S+:(\d+:)? \[en-XB\] .+, expected .+", line) for line in lines), [
        line for line in lines if not re.match(r"^(regions/[^/]+/)?locales/en-XB/\S+:(\d+:)? \[en-XB\] .+, expected .+", line)][:5]
    strict = proj.build(check=False, KYR_LANGS="en,en-XB")
    assert strict.returncode != 0 and "[en-XB]" in strict.stderr
    assert not (proj.site).exists(), "a failed strict build must not publish anything"
    loose = proj.build(strict=False, KYR_LANGS="en,en-XB")
    assert loose.returncode == 0, loose.stderr
    for path in (proj.site / "en-XB").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for marker in ATTACK_MARKERS:
            assert marker not in html, f"{path.name}: {marker!r} reached the page"
    assert "If immigration agents are here now" in (proj.site / "en-XB" / "index.html").read_text(encoding="utf-8")
