"""The real site: every page, its sources and review date, hotlines from data, other regions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CONTENT_DATE_EPOCH, ROOT, copy_site
from htmltree import article, parse
from kyr.content.data import load_site_data

pytestmark = pytest.mark.slow

LANGS = ["en", "es", "zh-Hant", "zh-Hans", "tl", "vi", "ko", "ar"]
PAGES = [
    "index", "at-home", "in-public", "at-work", "employers", "arrested", "local-police",
    "schools-hospitals-courts", "family-plan", "hotlines", "witness", "glossary", "card", "about",
]


def test_every_required_page_exists_in_every_language(real_site) -> None:
    for lang in LANGS:
        for page in PAGES:
            assert (real_site.site / lang / f"{page}.html").is_file(), f"{lang}/{page}"


@pytest.mark.parametrize("page", PAGES)
def test_each_page_shows_disclaimer_review_date_and_sources(real_site, page: str) -> None:
    for lang in ("en", "es", "ar"):
        root = parse(real_site.page(lang, f"{page}.html"))
        footer = [n for n in root.iter() if "kyr-page-meta" in n.attrs.get("class", "")]
        assert footer, f"{lang}/{page}: no page footer"
        text = " ".join(footer[0].text().split())
        sources = [n for n in footer[0].iter() if "kyr-sources" == n.attrs.get("class")]
        assert sources and sources[0].find_all("li"), f"{lang}/{page}: no sources"
        assert sources[0].lang() == ("en", "ltr")
        help_links = [a for a in footer[0].find_all("a") if a.attrs.get("href") == "hotlines.html"]
        assert help_links, f"{lang}/{page}: the disclaimer does not link to the hotlines page"
        if lang == "en":
            assert "This is general information, not legal advice." in text
            assert "Last reviewed: November 27, 2026" in text


def test_review_dates_are_formatted_for_the_reader(real_site) -> None:
    assert "27 de noviembre de 2026" in real_site.page("es", "at-home.html")
    assert "2026年11月27日" in real_site.page("zh-Hant", "at-home.html")
    assert "نوفمبر" in real_site.page("ar", "at-home.html")


def test_home_page(real_site) -> None:
    data = load_site_data(ROOT / "data")
    html = real_site.page("en", "index.html")
    body = article(html)
    card = [n for n in body.iter() if n.attrs.get("class") == "kyr-hotline"]
    assert card, "no featured hotline box on the home page"
    tel = card[0].find_all("a")[0]
    assert tel.attrs["href"] == f"tel:{data.featured.phone}"
    assert tel.text() == data.featured.display and tel.attrs["dir"] == "ltr"
    links = {a.attrs.get("href", "").split("#")[0] for a in body.find_all("a")}
    for page in PAGES[1:]:
        assert f"{page}.html" in links, f"home page does not link to {page}"


def test_every_tel_link_is_a_hotline_from_the_data_file(real_site) -> None:
    numbers = {h.phone for h in load_site_data(ROOT / "data").hotlines}
    seen = set()
    for path in real_site.site.rglob("*.html"):
        for target in re.findall(r'href="tel:([^"]*)"', path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"\+[1-9]\d{7,14}", target), f"{path}: tel:{target}"
            assert target in numbers or target == "911", f"{path}: tel:{target} is not in data/hotlines.yml"
            seen.add(target)
    assert len(seen) >= len(numbers)


def test_pages_never_type_phone_numbers() -> None:
    phone = re.compile(r"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d{8,}|\b1-8\d{2}-")
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not phone.search(line), f"{path.name}:{lineno}: write {{{{ hotline ID }}}} instead: {line}"


def test_hotlines_page_is_grouped_by_county(real_site) -> None:
    data = load_site_data(ROOT / "data")
    body = article(real_site.page("en", "hotlines.html"))
    ids = [n.attrs.get("id") for n in body.iter() if n.tag == "h2"]
    for cid, _, _ in data.by_county():
        assert cid in ids
    html = real_site.page("en", "hotlines.html")
    for hotline in data.hotlines:
        assert f'href="tel:{hotline.phone}"' in html and hotline.display in html
    es_ids = [n.attrs.get("id") for n in article(real_site.page("es", "hotlines.html")).iter() if n.tag == "h2"]
    assert es_ids == ids


def test_card_statements_stay_english_in_every_language(real_site) -> None:
    data = load_site_data(ROOT / "data")
    for lang in LANGS:
        body = article(real_site.page(lang, "card.html"))
        for statement in data.card.statements:
            node = body.containing(statement.en)
            assert node is not None, f"{lang}: missing {statement.en!r}"
            assert node.lang() == ("en", "ltr")


def test_checklist_is_clickable_and_remembered_by_a_local_script(real_site) -> None:
    html = real_site.page("en", "family-plan.html")
    boxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    assert len(boxes) >= 5 and not any("disabled" in b for b in boxes)
    assert 'src="assets/kyr/kyr.js"' in html


def _broken_copy(tmp_path: Path, edit) -> tuple:
    proj = copy_site(tmp_path / "site-src")
    proj.build(KYR_LANGS="en", SOURCE_DATE_EPOCH=CONTENT_DATE_EPOCH)
    before = (proj.site / "en" / "witness.html").read_bytes()
    edit(proj)
    return proj, before


def test_missing_review_date_fails_strict_builds(tmp_path: Path) -> None:
    def edit(proj):
        text = proj.read("docs/witness.md")
        proj.write("docs/witness.md", re.sub(r"(?m)^reviewed:.*\n", "", text, count=1))

    proj, before = _broken_copy(tmp_path, edit)
    result = proj.build(check=False, KYR_LANGS="en", SOURCE_DATE_EPOCH=CONTENT_DATE_EPOCH)
    assert result.returncode != 0
    assert "docs/witness.md: reviewed: missing; expected a date like 2026-06-01" in result.stderr
    assert (proj.site / "en" / "witness.html").read_bytes() == before


def test_stale_dates_warn(tmp_path: Path) -> None:
    proj = copy_site(tmp_path / "site-src")
    # A year and a half later: pages (12 months) and hotlines (6 months) are both stale.
    result = proj.build(check=False, KYR_LANGS="en", SOURCE_DATE_EPOCH="1843000000")
    assert result.returncode != 0
    assert "reviewed: last reviewed 2026-11-27, more than 12 months ago" in result.stderr
    assert re.search(r"data/hotlines.yml: hotlines\[0\] \(sf-rrn\).verified: last verified", result.stderr)
    loose = proj.build(strict=False, KYR_LANGS="en", SOURCE_DATE_EPOCH="1843000000")
    assert loose.returncode == 0 and "WARNING" in loose.stderr


def test_invalid_hotline_fails_every_build(tmp_path: Path) -> None:
    proj = copy_site(tmp_path / "site-src")
    text = proj.read("data/hotlines.yml").replace('phone: "+14152001548"', 'phone: "415-200-1548"')
    proj.write("data/hotlines.yml", text)
    result = proj.build(strict=False, check=False, KYR_LANGS="en")
    assert result.returncode != 0
    assert "data/hotlines.yml: hotlines[0] (sf-rrn).phone: expected an E.164 number" in result.stderr


@pytest.mark.parametrize(
    "macro, message",
    [
        ("{{ hotline nowhere }}", "docs/witness.md: line"),
        ("{{ hotline nowhere }}", "unknown hotline 'nowhere'"),
        ("{{ hotlines-all }}", "unknown macro 'hotlines-all'"),
    ],
)
def test_bad_macros_fail_the_build(tmp_path: Path, macro: str, message: str) -> None:
    proj = copy_site(tmp_path / "site-src")
    proj.write("docs/witness.md", proj.read("docs/witness.md") + f"\nCall {macro} now.\n")
    result = proj.build(strict=False, check=False, KYR_LANGS="en")
    assert result.returncode != 0 and message in result.stderr


def test_another_region_changes_only_its_data(tmp_path: Path) -> None:
    proj = copy_site(tmp_path / "site-src", data_from="other-region")
    proj.build(KYR_LANGS="en,es", SOURCE_DATE_EPOCH=CONTENT_DATE_EPOCH)
    home = proj.page("en", "index.html")
    assert 'href="tel:+15595550123"' in home and "(559) 555-0123" in home
    assert "Fresno test rapid response line" in home
    assert "200-1548" not in home
    assert '<link rel="canonical" href="https://fresno.example.org/en/index.html">' in home
    hotlines = proj.page("es", "hotlines.html")
    assert "tel:+15595550123" in hotlines and "tel:+14152001548" not in hotlines
    assert "Hmong" in home or "Hmong" in proj.page("en", "hotlines.html")
    card = proj.page("en", "card.html")
    assert "I want to speak to a lawyer." in card
