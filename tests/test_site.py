"""The real site: every page, its sources and review date, the edition's lines from its data.

Expectations come from the active edition's data (``extra.kyr.region``), so an edition made as
the README says passes these tests too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import LANGUAGES, ACTIVE_REGION, CONTENT_DATE, CONTENT_DATE_EPOCH, ROOT, active_data, copy_site
from htmltree import article, parse

pytestmark = pytest.mark.slow

LANGS = LANGUAGES
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
            assert "Last reviewed: " in text


def test_review_dates_are_formatted_for_the_reader(real_site) -> None:
    from babel.dates import format_date

    from kyr.content.meta import check_page_meta

    meta = {}
    front = (ROOT / "docs" / "at-home.md").read_text(encoding="utf-8").split("---")[1]
    import yaml

    meta = yaml.safe_load(front)
    reviewed = check_page_meta(meta, page="x", today=CONTENT_DATE, max_age_months=12).reviewed
    for lang, locale in (("en", "en"), ("es", "es"), ("zh-Hant", "zh_Hant"), ("ar", "ar")):
        assert format_date(reviewed, format="long", locale=locale) in real_site.page(lang, "at-home.html"), lang


def _in_class(node, cls: str) -> bool:
    while node is not None:
        if cls in node.attrs.get("class", "").split():
            return True
        node = node.parent
    return False


def test_home_page_shows_every_county_line_first(real_site) -> None:
    region = active_data().region
    body = article(real_site.page("en", "index.html"))
    boxes = [n for n in body.iter() if n.attrs.get("class") == "kyr-lines"]
    assert boxes, "no county lines on the home page"
    items = [n for n in boxes[0].iter() if "kyr-line" in n.attrs.get("class", "").split()]
    for cl in region.county_lines():
        item = next((i for i in items if i.attrs.get("data-county") == cl.county.id), None)
        assert item is not None, f"{cl.county.id} has no line on the home page"
        tel = item.find_all("a")[0]
        assert tel.attrs["href"] == f"tel:{cl.main.phone}" and tel.text() == cl.main.display
        assert tel.attrs["dir"] == "ltr"
        label = " ".join(item.text().split())
        assert cl.county.name in label
        if region.only_for(cl.main):
            assert f"Only for {cl.county.name}" in label
    # The lines come before anything else in the page's text.
    first = next(p for p in body.find_all("p") if not _in_class(p, "kyr-listen"))
    assert "rapid response line" in first.text()
    links = {a.attrs.get("href", "").split("#")[0] for a in body.find_all("a")}
    for page in PAGES[1:]:
        assert f"{page}.html" in links, f"home page does not link to {page}"


def test_every_page_that_names_a_line_gives_the_reader_their_county(real_site) -> None:
    """No page offers one county's number as if it served everyone."""
    region = active_data().region
    for path in sorted((real_site.site / "en").glob("*.html")):
        html = path.read_text(encoding="utf-8")
        tels = set(re.findall(r'href="tel:([^"]*)"', html)) - {"911"}
        mains = {cl.main.phone for cl in region.county_lines()}
        # A county's own line; state-wide and national lines (a court's, an office's) serve everyone.
        if not tels & mains:
            continue
        # A page grouped by county (hotlines, legal help) gives each number under its county.
        headings = set(re.findall(r'<h2[^>]* id="([^"]*)"', html))
        if all(any(h.endswith(cl.county.id) for h in headings) for cl in region.county_lines()):
            continue
        assert mains <= tels or "kyr-county-line" in html, f"{path.name} shows some counties' lines only"


def test_every_tel_link_is_a_hotline_from_the_data_file(real_site) -> None:
    data = active_data()
    numbers = {h.phone for h in data.region.hotlines} | {c.phone for c in data.directory.all() if c.phone}
    seen = set()
    for path in real_site.site.rglob("*.html"):
        for target in re.findall(r'href="tel:([^"]*)"', path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"\+[1-9]\d{7,14}", target), f"{path}: tel:{target}"
            assert target in numbers or target == "911", f"{path}: tel:{target} is not in the data"
            seen.add(target)
    assert seen >= {h.phone for h in data.region.hotlines}


def test_pages_never_type_phone_numbers() -> None:
    phone = re.compile(r"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d{8,}|\b1-8\d{2}-")
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not phone.search(line), f"{path.name}:{lineno}: write {{{{ hotline ID }}}} instead: {line}"


def test_hotlines_page_is_grouped_by_county(real_site) -> None:
    region = active_data().region
    body = article(real_site.page("en", "hotlines.html"))
    ids = [n.attrs.get("id") for n in body.iter() if n.tag == "h2"]
    for cl in region.county_lines():
        assert cl.county.id in ids
    html = real_site.page("en", "hotlines.html")
    for hotline in region.hotlines:
        assert f'href="tel:{hotline.phone}"' in html and hotline.display in html
        if hotline.hours is None:
            assert "Hours not confirmed. Call to check." in html
    es_ids = [n.attrs.get("id") for n in article(real_site.page("es", "hotlines.html")).iter() if n.tag == "h2"]
    assert es_ids == ids


def test_the_organisation_is_on_the_about_page_and_every_page(real_site) -> None:
    org = active_data().region.organisation
    assert org.name in article(real_site.page("en", "about.html")).text()
    for path in sorted((real_site.site / "en").glob("*.html")):
        footer = [n for n in parse(path.read_text(encoding="utf-8")).iter() if n.attrs.get("class") == "kyr-footer-org"]
        assert footer and org.name in footer[0].text(), path.name


def test_site_name_and_app_name_come_from_the_edition(real_site) -> None:
    import json

    region = active_data().region
    assert f"<title>{region.site_name}</title>" in (real_site.site / "index.html").read_text(encoding="utf-8")
    assert f"- {region.site_name}</title>" in real_site.page("en", "at-home.html").replace("&mdash;", "—")
    manifest = json.loads(real_site.page("en", "manifest.webmanifest"))
    assert manifest["name"] == region.site_name and manifest["short_name"] == region.short_name


def test_card_statements_stay_english_in_every_language(real_site) -> None:
    data = active_data()
    for lang in LANGS:
        body = article(real_site.page(lang, "card.html"))
        card = next(n for n in body.iter() if n.attrs.get("class") == "kyr-card")
        for statement in data.card.statements:
            node = card.containing(statement.en)
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
    # About a year and a half later: pages (12 months) and hotlines (6 months) are both stale.
    later = str(int(CONTENT_DATE_EPOCH) + 540 * 86400)
    result = proj.build(check=False, KYR_LANGS="en", SOURCE_DATE_EPOCH=later)
    assert result.returncode != 0
    assert re.search(r"docs/\S+\.md: reviewed: last reviewed \S+, more than 12 months ago", result.stderr)
    first = active_data().region.hotlines[0]
    assert f"hotlines.yml:{first.line}: hotlines[0] ({first.id}).verified: last verified" in result.stderr
    loose = proj.build(strict=False, KYR_LANGS="en", SOURCE_DATE_EPOCH=later)
    assert loose.returncode == 0 and "WARNING" in loose.stderr


def test_invalid_hotline_fails_every_build(tmp_path: Path) -> None:
    proj = copy_site(tmp_path / "site-src")
    first = active_data().region.hotlines[0]
    hotlines = f"regions/{ACTIVE_REGION.name}/hotlines.yml"
    text = proj.read(hotlines).replace(f'phone: "{first.phone}"', 'phone: "415-200-1548"')
    proj.write(hotlines, text)
    result = proj.build(strict=False, check=False, KYR_LANGS="en")
    assert result.returncode != 0
    assert f"{hotlines}:" in result.stderr
    assert f"hotlines[0] ({first.id}).phone: expected an E.164 number" in result.stderr


@pytest.mark.parametrize(
    "macro, message",
    [
        ("{{ hotline nowhere }}", "unknown hotline 'nowhere'"),
        ("{{ hotlines-all }}", "unknown macro 'hotlines-all'"),
        ("{{ county-lines }} inline", "{{ county-lines }} must stand alone on its own line"),
    ],
)
def test_bad_macros_fail_the_build_naming_the_line(tmp_path: Path, macro: str, message: str) -> None:
    proj = copy_site(tmp_path / "site-src")
    text = proj.read("docs/witness.md") + f"\nCall {macro} now.\n"
    proj.write("docs/witness.md", text)
    line = len(text.rstrip("\n").split("\n"))
    result = proj.build(strict=False, check=False, KYR_LANGS="en")
    assert result.returncode != 0 and message in result.stderr
    assert f"docs/witness.md:{line}:" in result.stderr
