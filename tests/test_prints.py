"""Printouts: text, pages, paper, QR codes, fonts, sizes, and nothing cut off, in every language."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, copy_site
from kyr.i18n.catalogs import DATA_DOMAIN, Layout
from kyr.config import load_settings
from kyr.content.data import load_site_data
from kyr.languages import make_language
from kyr.prints.render import Overflow, render
from kyr.prints.texts import PrintTexts
from kyr.i18n.translate import load_catalogs

pytestmark = pytest.mark.slow

SITE_URL = "https://kyr.example.org/"
LANGS = ["en", "es", "zh-Hant", "zh-Hans", "tl", "vi", "ko", "ar"]
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Width × height in points, and pages, per document and paper.
GEOMETRY = {
    ("brochure", "letter"): ((792, 612), 2),
    ("brochure", "a4"): ((841.89, 595.28), 2),
    ("cards", "letter"): ((612, 792), 2),
    ("cards", "a4"): ((595.28, 841.89), 2),
    ("poster", "letter"): ((612, 792), 1),
    ("poster", "a4"): ((595.28, 841.89), 1),
}


def text_of(pdf: Path) -> str:
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    return BIDI.sub("", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def prints(tmp_path_factory) -> Path:
    """Every printout of every language, made by scripts/prints.py with a site address."""
    out = tmp_path_factory.mktemp("prints")
    project = copy_site(tmp_path_factory.mktemp("prints-src") / "site")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "prints.py"), "-o", str(out), "--site-url", SITE_URL],
        cwd=project.path, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr
    assert "printouts 24/24" in result.stderr  # progress is shown
    return out


def _translated(lang: str, english: str) -> str:
    settings = load_settings(str(ROOT / "mkdocs.yml"))
    language = settings.language(lang)
    catalogs = load_catalogs(Layout(ROOT / "locales"), language, source=lang == "en", domains={DATA_DOMAIN})
    found = catalogs.get(DATA_DOMAIN, english) if lang != "en" else english
    return unicodedata.normalize("NFKC", found or english)


@pytest.mark.parametrize("lang", LANGS)
def test_every_document_has_its_pages_paper_and_text(prints: Path, lang: str) -> None:
    data = load_site_data(ROOT / "data")
    title = _translated(lang, data.prints["brochure"]["title"])
    door = _translated(lang, data.prints["brochure"]["panels"][0]["heading"])
    poster = _translated(lang, data.prints["poster"]["title"])
    for (kind, paper), (size, pages) in GEOMETRY.items():
        pdf = prints / lang / f"{kind}-{paper}.pdf"
        reader = PdfReader(pdf)
        assert len(reader.pages) == pages, pdf.name
        for page in reader.pages:
            box = page.mediabox
            assert abs(float(box.width) - size[0]) < 1 and abs(float(box.height) - size[1]) < 1, pdf.name
        text = " ".join(text_of(pdf).split())
        compact = text.replace(" ", "")
        assert "(415) 200-1548" in text, f"{lang} {kind}: the hotline number is missing or reordered"
        if kind == "brochure":
            for phrase in (title, door):
                assert phrase.replace(" ", "") in compact, f"{lang} brochure: {phrase!r} missing"
            for statement in data.card.statements:
                assert statement.en.replace(" ", "") in compact, f"{lang} brochure: {statement.en!r}"
        if kind == "cards":
            assert "To the officer:" in text and "I want to speak to a lawyer." in text
        if kind == "poster":
            assert poster.replace(" ", "") in compact


@pytest.mark.parametrize("lang", LANGS)
def test_qr_codes_lead_to_the_language(prints: Path, lang: str, tmp_path: Path) -> None:
    for kind, page in (("brochure", 1), ("poster", 1)):
        pdf = prints / lang / f"{kind}-letter.pdf"
        png = tmp_path / f"{kind}"
        subprocess.run(["pdftoppm", "-r", "150", "-f", str(page), "-l", str(page), "-png", str(pdf), str(png)], check=True)
        image = next(tmp_path.glob(f"{kind}*.png"))
        decoded = subprocess.run(["zbarimg", "--nodbus", "-q", "--raw", str(image)], capture_output=True, text=True)
        assert decoded.stdout.strip() == f"{SITE_URL}{lang}/index.html", (kind, decoded.stdout, decoded.stderr)


FONTS = {"zh-Hant": "CJKtc", "zh-Hans": "CJKsc", "ko": "CJKkr", "ar": "Arabic"}


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_subsets(prints: Path, lang: str) -> None:
    reader = PdfReader(prints / lang / "brochure-letter.pdf")
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            assert re.match(r"^/[A-Z]{6}\+", str(font["/BaseFont"])), f"{font['/BaseFont']} is not a subset"
    joined = " ".join(names)
    if lang in FONTS:
        assert FONTS[lang].lower() in joined.lower().replace("-", "").replace(" ", ""), joined
    assert "NotoSans" in joined.replace("-", "")  # the English statements


def test_sizes(prints: Path) -> None:
    for lang in ("en", "es", "tl", "vi", "ar"):
        assert (prints / lang / "brochure-letter.pdf").stat().st_size <= 60 * 1024, lang
    for lang in ("zh-Hant", "zh-Hans", "ko"):
        assert (prints / lang / "brochure-letter.pdf").stat().st_size <= 400 * 1024, lang


def test_pages_render_to_png(prints: Path, tmp_path: Path) -> None:
    for pdf in sorted((prints / "zh-Hant").glob("*.pdf")):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / pdf.stem)], check=True)
    assert len(list(tmp_path.glob("*.png"))) == 10


def test_card_backs_are_mirrored_for_long_edge_duplex() -> None:
    from kyr.prints.render import CARD, _card_sheet

    sides, marks = _card_sheet("letter")
    front, back = sides[0]["cards"], sides[1]["cards"]
    width = 215.9
    for f, b in zip(front, back):
        assert b["y"] == f["y"]
        assert abs((width - f["x"] - CARD[0]) - b["x"]) < 0.01
    assert len(marks) == 16


def test_brochure_panels_fold_in_order_and_mirror_for_arabic() -> None:
    from kyr.prints.render import TUCK_IN, _brochure_sides

    outside, inside = _brochure_sides("letter", rtl=False)
    assert [s["name"] for s in outside] == ["flap", "back", "front"]
    assert outside[2]["x"] > outside[1]["x"] > outside[0]["x"]
    assert outside[0]["w"] < outside[1]["w"] and abs(outside[1]["w"] - outside[0]["w"] - 1.5 * TUCK_IN) < 0.1
    assert inside[2]["w"] == outside[0]["w"]  # the tuck-in panel is the flap's other side
    rtl_outside, _ = _brochure_sides("letter", rtl=True)
    assert rtl_outside[2]["x"] == 0  # the cover is on the left in Arabic


def _pseudo_texts(lang_code: str, translate) -> PrintTexts:
    from kyr.i18n.translate import Catalogs

    language = make_language(lang_code, locale="en")
    data = load_site_data(ROOT / "data")
    catalogs = Catalogs(language)
    strings = set()

    def walk(value):
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data.prints)
    strings |= {s.meaning for s in data.card.statements} | {data.region.name, data.featured.name, data.featured.hours,
                                                            data.featured.purpose, data.region.organisation_name}
    catalogs.entries[DATA_DOMAIN] = {s: translate(s) for s in strings}
    return PrintTexts(language, data, catalogs, dt.date(2026, 11, 27), SITE_URL)


def test_long_pseudo_locale_still_fits_everywhere() -> None:
    from pseudo import accented

    texts = _pseudo_texts("en-XA", accented)
    for kind in ("brochure", "cards", "poster"):
        for paper in ("letter", "a4"):
            result = render(kind, paper, texts)  # raises Overflow if anything is cut off
            assert result.scale < 1.4 or kind == "brochure"


def test_text_that_can_never_fit_fails() -> None:
    texts = _pseudo_texts("en-XB", lambda s: (s + " ") * 12)
    with pytest.raises(Overflow, match="does not fit"):
        render("cards", "letter", texts)


def test_site_build_publishes_prints_and_reuses_them(tmp_path: Path) -> None:
    project = copy_site(tmp_path / "site")
    text = project.read("data/region.yml").replace('site_url: ""', f'site_url: "{SITE_URL}"')
    project.write("data/region.yml", text)
    first = project.build(KYR_LANGS="en,ar")
    assert "rendering 6 of 6 printouts" in first.stderr
    for lang in ("en", "ar"):
        names = sorted(p.name for p in (project.site / lang / "print").glob("*.pdf"))
        assert names == sorted(f"{k}-{p}.pdf" for k in ("brochure", "cards", "poster") for p in ("a4", "letter"))
        html = project.page(lang, "print.html")
        assert 'href="print/cards-letter.pdf"' in html and "KB" in html
    second = project.build(KYR_LANGS="en,ar")
    assert "rendering" not in second.stderr  # nothing changed: every PDF came from the cache
    # A changed translation re-renders that language's printouts, and only those.
    from kyr.i18n.catalogs import read_catalog, render_po

    po = project.path / "locales/ar/LC_MESSAGES/_data.po"
    catalog = read_catalog(po, make_language("ar"))
    catalog["Know your rights"].string += "!"
    po.write_bytes(render_po(catalog))
    third = project.build(KYR_LANGS="en,ar")
    assert "rendering 3 of 6 printouts" in third.stderr
    shutil.rmtree(project.site)


def test_a_document_that_fits_only_at_the_smallest_type_is_still_made() -> None:
    # A number too wide for the card (it never wraps) needs far smaller type, not an error.
    import dataclasses

    settings = load_settings(str(ROOT / "mkdocs.yml"))
    data = load_site_data(Path(settings.data_path()))
    wide = dataclasses.replace(data.featured, display="Call us on +1 415 200 1548, day or night, any day, any hour")
    data = dataclasses.replace(data, hotlines=tuple(wide if h.id == wide.id else h for h in data.hotlines))
    language = settings.language("en")
    catalogs = load_catalogs(Layout(ROOT / "locales"), language, source=True, domains={DATA_DOMAIN})
    result = render("cards", "letter", PrintTexts(language, data, catalogs, dt.date(2026, 11, 27), SITE_URL))
    assert result.scale < 0.75


def test_printing_one_paper_size_makes_the_same_files_as_a_full_run(tmp_path: Path, caplog) -> None:
    import logging

    from kyr.prints.build import render_all

    settings = load_settings(str(ROOT / "mkdocs.yml"))
    data = load_site_data(Path(settings.data_path()))
    args = dict(today=dt.date(2026, 11, 27), site_url=SITE_URL, cache=tmp_path, kinds=("poster",), workers=1)
    only_a4 = render_all(settings, data, [settings.language("vi")], papers=("a4",), **args)
    assert [f.paper for f in only_a4] == ["a4"]
    a4 = only_a4[0].path.read_bytes()
    with caplog.at_level(logging.INFO, logger="mkdocs.kyr"):
        both = render_all(settings, data, [settings.language("vi")], **args)
    assert "rendering" not in caplog.text  # the a4-only run left both sizes in the cache
    assert [f.paper for f in both] == ["letter", "a4"]
    assert both[1].path.read_bytes() == a4
