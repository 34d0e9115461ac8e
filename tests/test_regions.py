"""Editions: a second, fictional edition built from the real kit holds nothing of the Bay Area.

The fictional North Valley (``tests/fixtures/regions/north-valley``) is copied into
``regions/`` of a copy of the real site and picked in ``mkdocs.yml``, as the README's "Make it
yours" says. Its pages and printouts must show its own lines, organisation and name, and none of
the shipped edition's names, numbers or local texts.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import CONTENT_DATE_EPOCH, ROOT, copy_site
from htmltree import article, parse
from kyr.region import load_region

pytestmark = pytest.mark.slow

FICTION = "north-valley"
LANGS = "en,es,ar"


def shipped_texts() -> list[str]:
    """What belongs to every shipped edition: names, numbers and local texts."""
    out: set[str] = set()
    for folder in sorted((ROOT / "regions").iterdir()):
        if not (folder / "region.yml").exists():
            continue
        region, _ = load_region(folder)
        out |= {region.name, region.short_name, region.site_name}
        for county in region.counties:
            out.add(county.name.removesuffix(" County"))
        for hotline in region.hotlines:
            out |= {hotline.name, hotline.display, hotline.phone, hotline.phone[-7:]}
        for path in [*folder.glob("sections/*.md"), *folder.glob("docs/*.md")]:
            body = path.read_text(encoding="utf-8").split("---", 2)[-1]
            out |= {m.strip() for m in re.findall(r"(?m)^#+ (.+)$", body)}
    return sorted(t for t in out if len(t) >= 4)


@pytest.fixture(scope="module")
def fiction(tmp_path_factory) -> Path:
    proj = copy_site(tmp_path_factory.mktemp("fiction") / "site", region=FICTION)
    proj.i18n("update", check=True)  # the README's step: catalogs for the new edition
    result = proj.build(KYR_LANGS=LANGS, SOURCE_DATE_EPOCH=CONTENT_DATE_EPOCH)
    assert "WARNING" not in result.stderr, result.stderr
    return proj


def test_no_shipped_edition_text_in_pages_or_printouts(fiction) -> None:
    leaks = shipped_texts()
    assert "San Francisco" in leaks or len(leaks) > 10  # the list is real
    found = []
    for path in sorted(fiction.site.rglob("*")):
        if path.suffix in (".html", ".json", ".js", ".webmanifest", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            text = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, text=True).stdout
        else:
            continue
        text = " ".join(text.split())
        found += [f"{path.relative_to(fiction.site)}: {leak!r}" for leak in leaks if leak in text]
    assert not found, "\n".join(found[:40])


def test_its_own_lines_name_and_organisation(fiction) -> None:
    home = fiction.page("en", "index.html")
    assert 'href="tel:+15305550123"' in home and "(530) 555-0123" in home
    assert 'href="tel:+15305550188"' in home and "530-555-0188" in home
    assert "Only for Alder County" in home and "Hours not confirmed. Call to check." in home
    assert "<title>Know Your Rights — North Valley</title>" in fiction.site.joinpath("index.html").read_text(encoding="utf-8")
    assert "North Valley Rights Circle" in home  # the foot of every page
    about = article(fiction.page("es", "about.html")).text()
    assert "North Valley Rights Circle" in about and "circle@north-valley.example.org" in about
    assert '<link rel="canonical" href="https://kyr.north-valley.example.org/en/index.html">' in home
    hotlines = fiction.page("es", "hotlines.html")
    assert "tel:+15305550123" in hotlines and "Hmong" in fiction.page("en", "hotlines.html")


def test_its_local_page_and_sections(fiction) -> None:
    page = fiction.page("en", "valley-offices.html")
    assert "Valley Complaints Desk" in page
    police = fiction.page("en", "local-police.html")
    assert "Valley Ordinance 7" in police and "Valley Ordinance 7 (fixture)" in police  # text and source
    home = parse(fiction.page("en", "index.html"))
    nav = [a.attrs.get("href") for a in home.find_all("a") if "md-nav__link" in a.attrs.get("class", "")]
    assert nav.index("valley-offices.html") == nav.index("local-police.html") + 1
    # Untranslated local text is marked as English on the Spanish page.
    body = article(fiction.page("es", "local-police.html"))
    assert body.containing("Valley Ordinance 7 says").lang() == ("en", "ltr")


def test_printouts_per_county(fiction) -> None:
    prints = fiction.site / "en" / "print"
    names = sorted(p.name for p in prints.glob("*.pdf"))
    for county in ("alder", "cedar"):
        for kind in ("cards", "poster"):
            for paper in ("letter", "a4"):
                assert f"{kind}-{county}-{paper}.pdf" in names
    brochure = subprocess.run(["pdftotext", str(prints / "brochure-letter.pdf"), "-"], capture_output=True, text=True).stdout
    assert "(530) 555-0123" in brochure and "530-555-0188" in brochure
    card = subprocess.run(["pdftotext", str(prints / "cards-cedar-a4.pdf"), "-"], capture_output=True, text=True).stdout
    assert "530-555-0188" in card and "(530) 555-0123" not in card
    listing = article(fiction.page("en", "print.html")).text()
    assert "For Alder County" in listing and "For Cedar County" in listing


def test_kyr_region_overrides_mkdocs_yml(tmp_path: Path) -> None:
    proj = copy_site(tmp_path / "site")
    (proj.path / "regions" / FICTION).mkdir()
    import shutil

    shutil.copytree(ROOT / "tests" / "fixtures" / "regions" / FICTION, proj.path / "regions" / FICTION, dirs_exist_ok=True)
    proj.build(strict=False, KYR_LANGS="en", KYR_REGION=FICTION, KYR_PRINTS="0")
    assert "North Valley" in proj.page("en", "index.html")
    wrong = proj.build(strict=False, check=False, KYR_LANGS="en", KYR_REGION="atlantis", KYR_PRINTS="0")
    assert wrong.returncode != 0
    assert "KYR_REGION: there is no edition 'atlantis'" in wrong.stderr and FICTION in wrong.stderr


def test_local_content_mistakes_are_reported(tmp_path: Path) -> None:
    proj = copy_site(tmp_path / "site", region=FICTION)
    region = proj.path / "regions" / FICTION
    (region / "sections" / "orphan.md").write_text("---\nreviewed: 2026-11-20\nsources: [x]\n---\n\nHi.\n", encoding="utf-8")
    result = proj.build(check=False, KYR_LANGS="en", KYR_PRINTS="0", SOURCE_DATE_EPOCH=CONTENT_DATE_EPOCH)
    assert result.returncode != 0
    assert f"regions/{FICTION}/sections/orphan.md: no page includes this local section" in result.stderr
    text = (region / "region.yml").read_text(encoding="utf-8").replace("after: local-police.md", "after: nowhere.md")
    (region / "region.yml").write_text(text, encoding="utf-8")
    result = proj.build(strict=False, check=False, KYR_LANGS="en", KYR_PRINTS="0")
    assert result.returncode != 0
    assert "pages[0].after: 'nowhere.md' is not a page of the site's navigation" in result.stderr
