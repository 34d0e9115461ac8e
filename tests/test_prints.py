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

from conftest import LANGUAGES, env, shared_folder, ACTIVE_REGION, CONTENT_DATE, ROOT, active_data, copy_site
from kyr.config import load_settings
from kyr.i18n.catalogs import DATA_DOMAIN, DATA_DOMAINS, REGION_DOMAIN
from kyr.languages import make_language
from kyr.prints.fonts import print_font
from kyr.prints.render import Overflow, render
from kyr.prints.texts import PrintTexts
from kyr.i18n.translate import load_catalogs

pytestmark = pytest.mark.slow

SITE_URL = "https://kyr.example.org/"
LANGS = LANGUAGES
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SETTINGS = load_settings(str(ROOT / "mkdocs.yml"))
# Width × height in points, and pages, per document and paper.
GEOMETRY = {
    ("brochure", "letter"): ((792, 612), 2),
    ("brochure", "a4"): ((841.89, 595.28), 2),
    ("cards", "letter"): ((612, 792), 2),
    ("cards", "a4"): ((595.28, 841.89), 2),
    ("poster", "letter"): ((612, 792), 1),
    ("poster", "a4"): ((595.28, 841.89), 1),
}


def text_of(pdf: Path, *, poppler: bool = True) -> str:
    """The text a reader copies, searches or hears, as Poppler (Evince, Okular) extracts it, or
    as pypdf does (from the fonts' glyph mapping only)."""
    if poppler:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
    else:
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    return BIDI.sub("", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def prints(tmp_path_factory) -> Path:
    """Every printout of every language, made by scripts/prints.py with a site address (once
    per test run)."""

    def make(folder: Path) -> None:
        project = copy_site(folder / "site")
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "prints.py"), "-o", str(folder / "out"), "--site-url", SITE_URL],
            cwd=project.path, capture_output=True, text=True, timeout=1800, env=env(),
        )
        assert result.returncode == 0, result.stderr
        jobs = len(LANGS) * 3
        # Progress is shown while rendering (nothing is, when every PDF came from the cache).
        assert f"printouts {jobs}/{jobs}" in result.stderr or "rendered in" not in result.stderr

    return shared_folder(tmp_path_factory, "prints", make) / "out"


def _translated(lang: str, english: str) -> str:
    language = SETTINGS.language(lang)
    catalogs = load_catalogs(SETTINGS.layout(), language, source=lang == "en", domains=set(DATA_DOMAINS))
    found = catalogs.get(DATA_DOMAINS, english) if lang != "en" else english
    return unicodedata.normalize("NFKC", found or english)


def documents(lang: str) -> list[tuple[str, str | None, str]]:
    """``(kind, county, paper)`` of every printout a language has, from the edition's counties."""
    counties = [c.id for c in active_data().region.counties]
    out = [("brochure", None, paper) for paper in ("letter", "a4")]
    out += [(kind, county, paper) for kind in ("cards", "poster") for county in counties for paper in ("letter", "a4")]
    return out


def pdf_name(kind: str, county: str | None, paper: str) -> str:
    return f"{kind}-{county}-{paper}.pdf" if county else f"{kind}-{paper}.pdf"


@pytest.mark.parametrize("lang", LANGS)
def test_every_document_has_its_pages_paper_and_text(prints: Path, lang: str) -> None:
    data = active_data()
    region = data.region
    title = _translated(lang, data.prints["brochure"]["title"])
    door = _translated(lang, data.prints["brochure"]["panels"][0]["heading"])
    poster = _translated(lang, data.prints["poster"]["title"])
    for kind, county, paper in documents(lang):
        size, pages = GEOMETRY[(kind, paper)]
        pdf = prints / lang / pdf_name(kind, county, paper)
        reader = PdfReader(pdf)
        assert len(reader.pages) == pages, pdf.name
        for page in reader.pages:
            box = page.mediabox
            assert abs(float(box.width) - size[0]) < 1 and abs(float(box.height) - size[1]) < 1, pdf.name
        text = " ".join(text_of(pdf).split())
        compact = text.replace(" ", "")
        if kind == "brochure":
            # Every county's line, on a document every county can use.
            for cl in region.county_lines():
                assert cl.main.display in text, f"{lang} {pdf.name}: {cl.county.id}'s line is missing or reordered"
            for phrase in (title, door):
                assert phrase.replace(" ", "") in compact, f"{lang} brochure: {phrase!r} missing"
            # The English statements, each whole (Poppler may put a right-to-left list's
            # number inside an English line, so they are read from the glyphs).
            glyphs = text_of(pdf, poppler=False).replace(" ", "").replace("\n", "")
            for statement in data.card.statements:
                assert statement.en.replace(" ", "") in glyphs, f"{lang} brochure: {statement.en!r}"
        else:
            # That county's line, and no other county's.
            for cl in region.county_lines():
                shown = cl.main.display in text
                assert shown == (cl.county.id == county), f"{lang} {pdf.name}: {cl.main.display} {'missing' if not shown else 'not its county'}"
        if kind == "cards":
            assert "To the officer:" in text and "I want to speak to a lawyer." in text
        if kind == "poster":
            assert poster.replace(" ", "") in compact


def test_no_text_is_smaller_than_9_points_and_panels_are_filled() -> None:
    """At the sizes the renderer picks, every line of text is 9 pt or more, and type grows to
    fill: the fullest box of each group is well used."""
    from weasyprint import HTML

    from kyr.prints.render import _html, measure

    language = SETTINGS.language("en")
    catalogs = load_catalogs(SETTINGS.layout(), language, source=True, domains=set(DATA_DOMAINS))
    county = active_data().region.counties[0].id
    for kind in ("brochure", "cards", "poster"):
        texts = PrintTexts(language, active_data(), catalogs, CONTENT_DATE, SITE_URL, county=county)
        result = render(kind, "letter", texts)
        assert all(scale >= 1.0 for scale in result.scale.values()), (kind, result.scale)
        document = HTML(string=_html(kind, "letter", texts, result.scale)).render()
        sizes = set()
        for page in document.pages:
            for fit in page._page_box.descendants():
                element = getattr(fit, "element", None)
                if element is None or "fit" not in (element.get("class") or "").split():
                    continue
                for box in fit.descendants():
                    if type(box).__name__ == "TextBox" and box.text.strip():
                        sizes.add(round(box.style["font_size"] * 0.75, 2))  # CSS px to points
        assert min(sizes) >= 9.0, (kind, sorted(sizes)[:5])
        for group, (over, fullest) in measure(document).items():
            assert not over and (fullest > 0.85 or result.scale[group] >= 1.79), (kind, group, fullest)


@pytest.mark.parametrize("lang", LANGS)
def test_qr_codes_lead_to_the_language(prints: Path, lang: str, tmp_path: Path) -> None:
    county = active_data().region.counties[0].id
    for kind, page in (("brochure", 1), ("poster", 1)):
        pdf = prints / lang / pdf_name(kind, county if kind == "poster" else None, "letter")
        png = tmp_path / f"{kind}"
        subprocess.run(["pdftoppm", "-r", "150", "-f", str(page), "-l", str(page), "-png", str(pdf), str(png)], check=True)
        image = next(tmp_path.glob(f"{kind}*.png"))
        decoded = subprocess.run(["zbarimg", "--nodbus", "-q", "--raw", str(image)], capture_output=True, text=True)
        assert decoded.stdout.strip() == f"{SITE_URL}{lang}/index.html", (kind, decoded.stdout, decoded.stderr)


FONTS = {"zh-Hant": "CJKtc", "zh-Hans": "CJKsc", "ko": "CJKkr", "ar": "NaskhArabic", "fa-AF": "NaskhArabic",
         "ur": "NaskhArabic", "hi": "Devanagari", "pa": "Gurmukhi"}


@pytest.mark.parametrize("text", [
    "ਇਹ ਵਾਕ ਅੰਗਰੇਜ਼ੀ ਵਿੱਚ ਦਿਖਾਓ। ਮਤਲਬ ਲਿਖਿਆ ਹੈ।",  # Gurmukhi: ਿ is drawn before its consonant
    "हर वाक्य के नीचे उसका मतलब लिखा है।",  # Devanagari: ि likewise
    "اپنے حقوق جانیں۔ کسی چیز پر دستخط نہ کریں۔",  # Urdu in Naskh
    "اعرض هذه الجمل بالإنجليزية",
])
def test_text_copied_from_a_printout_is_the_text_printed(tmp_path: Path, text: str) -> None:
    """A vowel sign drawn before its consonant, or a joined letter, comes back as written when
    the text is copied, searched or read aloud."""
    from weasyprint import HTML

    from kyr.prints.tagged import write_tagged_pdf

    rtl = ' dir="rtl"' if re.search("[\u0600-\u06ff]", text) else ""
    face = "Noto Naskh Arabic" if rtl else "Noto Sans Devanagari, Noto Sans Gurmukhi"
    html = f'<html lang="x"{rtl}><body style="font-family: {face}"><p>{text}</p><p>{text}</p></body></html>'
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(write_tagged_pdf(HTML(string=html).render()))
    lines = [line for line in text_of(pdf).splitlines() if line.strip()]
    assert lines == [unicodedata.normalize("NFKC", text)] * 2


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
    if not print_font(make_language(lang)).italic:
        # No slanted Chinese, Arabic or Devanagari (and no synthesised oblique font to carry).
        assert "Oblique" not in joined, joined
    assert "NotoSans" in joined.replace("-", "")  # the English statements


def test_sizes(prints: Path) -> None:
    """A brochure stays small enough to share over a metered connection."""
    for lang in ("en", "es", "tl", "vi", "ar"):
        assert (prints / lang / "brochure-letter.pdf").stat().st_size <= 60 * 1024, lang
    for lang in ("zh-Hant", "zh-Hans", "ko"):
        assert (prints / lang / "brochure-letter.pdf").stat().st_size <= 400 * 1024, lang


def test_pages_render_to_png(prints: Path, tmp_path: Path) -> None:
    pdfs = sorted((prints / "zh-Hant").glob("*.pdf"))
    assert len(pdfs) == len(documents("zh-Hant"))
    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / pdf.stem)], check=True)
    pages = sum(GEOMETRY[(kind, paper)][1] for kind, _, paper in documents("zh-Hant"))
    assert len(list(tmp_path.glob("*.png"))) == pages


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


def _pseudo_texts(lang_code: str, translate, county: str | None = None) -> PrintTexts:
    from kyr.i18n.translate import Catalogs

    language = make_language(lang_code, locale="en")
    data = active_data()
    region = data.region
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
    strings |= {s.meaning for s in data.card.statements} | {region.name, region.organisation.name, region.organisation.contact}
    strings |= {c.name for c in region.counties} | {h.name for h in region.hotlines} | {h.hours for h in region.hotlines if h.hours}
    catalogs.entries[DATA_DOMAIN] = {s: translate(s) for s in strings}
    return PrintTexts(language, data, catalogs, CONTENT_DATE, SITE_URL, county=county or region.counties[0].id)


def test_long_pseudo_locale_still_fits_everywhere() -> None:
    from pseudo import accented

    texts = _pseudo_texts("en-XA", accented)
    for kind in ("brochure", "cards", "poster"):
        for paper in ("letter", "a4"):
            render(kind, paper, texts)  # raises Overflow if anything is cut off


def test_text_that_can_never_fit_fails() -> None:
    texts = _pseudo_texts("en-XB", lambda s: (s + " ") * 12)
    with pytest.raises(Overflow, match="does not fit"):
        render("cards", "letter", texts)


def test_site_build_publishes_prints_and_reuses_them(tmp_path: Path) -> None:
    project = copy_site(tmp_path / "site")
    region_yml = f"regions/{ACTIVE_REGION.name}/region.yml"
    text = re.sub(r'(?m)^site_url:.*$', f'site_url: "{SITE_URL}"', project.read(region_yml))
    project.write(region_yml, text)
    counties = [c.id for c in active_data().region.counties]
    jobs = 2 * 3
    cache = str(tmp_path / "cache")  # its own, empty cache
    first = project.build(KYR_LANGS="en,ar", KYR_CACHE=cache)
    assert f"rendering {jobs} of {jobs} printouts" in first.stderr
    for lang in ("en", "ar"):
        names = sorted(p.name for p in (project.site / lang / "print").glob("*.pdf"))
        assert names == sorted(pdf_name(k, c, p) for k, c, p in documents(lang))
        html = project.page(lang, "print.html")
        assert f'href="print/cards-{counties[0]}-letter.pdf"' in html and "KB" in html
        assert 'href="print/brochure-a4.pdf"' in html
    second = project.build(KYR_LANGS="en,ar", KYR_CACHE=cache)
    assert "rendering" not in second.stderr  # nothing changed: every PDF came from the cache
    # A changed translation re-renders that language's printouts, and only those.
    from kyr.i18n.catalogs import read_catalog, render_po

    po = project.path / "locales/ar/LC_MESSAGES/_data.po"
    catalog = read_catalog(po, make_language("ar"))
    first_translated = next(m for m in catalog if m.id and m.string and not m.fuzzy)
    first_translated.string += "!"
    po.write_bytes(render_po(catalog))
    third = project.build(KYR_LANGS="en,ar", KYR_CACHE=cache)
    assert "rendering 3 of 6 printouts" in third.stderr
    shutil.rmtree(project.site)


def test_a_document_that_fits_only_at_the_smallest_type_is_still_made_or_refused_clearly() -> None:
    # A line whose display is long (numbers never wrap) needs the smallest type, or cannot fit.
    import dataclasses

    data = active_data()
    region = data.region
    main = region.county_lines()[0].main
    wide = dataclasses.replace(main, display=" ".join([main.display] * 4))
    region = dataclasses.replace(region, hotlines=tuple(wide if h.id == wide.id else h for h in region.hotlines))
    data = dataclasses.replace(data, region=region)
    language = SETTINGS.language("en")
    catalogs = load_catalogs(SETTINGS.layout(), language, source=True, domains=set(DATA_DOMAINS))
    texts = PrintTexts(language, data, catalogs, CONTENT_DATE, SITE_URL, county=region.county_lines()[0].county.id)
    try:
        result = render("cards", "letter", texts)
    except Overflow as e:
        assert "even at the smallest type (9 pt)" in str(e)
    else:
        assert result.scale["front"] < 1.2


def test_printing_one_paper_size_makes_the_same_files_as_a_full_run(tmp_path: Path, caplog) -> None:
    import logging

    from kyr.prints.build import render_all

    data = active_data()
    args = dict(today=CONTENT_DATE, site_url=SITE_URL, cache=tmp_path, kinds=("poster",), workers=1)
    only_a4 = render_all(SETTINGS, data, [SETTINGS.language("vi")], papers=("a4",), **args)
    assert {f.paper for f in only_a4} == {"a4"} and len(only_a4) == len(data.region.counties)
    a4 = only_a4[0].path.read_bytes()
    with caplog.at_level(logging.INFO, logger="mkdocs.kyr"):
        both = render_all(SETTINGS, data, [SETTINGS.language("vi")], **args)
    assert "rendering" not in caplog.text  # the a4-only run left both sizes in the cache
    assert [f.paper for f in both][:2] == ["letter", "a4"]
    assert both[1].path.read_bytes() == a4


def test_a_chosen_face_that_does_not_fit_falls_back_to_the_scripts_face(caplog) -> None:
    """print.yml may choose Nastaliq for Urdu; on the wallet cards it does not fit even at 9 pt,
    so the cards are set in the script's face (Naskh) and the log says so, instead of failing."""
    import dataclasses
    import logging

    data = active_data()
    data = dataclasses.replace(data, prints={**data.prints, "fonts": {"ur": "Noto Nastaliq Urdu"}})
    language = SETTINGS.language("ur")
    catalogs = load_catalogs(SETTINGS.layout(), language, source=False, domains=set(DATA_DOMAINS))
    texts = PrintTexts(language, data, catalogs, CONTENT_DATE, SITE_URL, county=data.region.counties[0].id)
    with caplog.at_level(logging.INFO):
        result = render("cards", "letter", texts)
    assert result.own_font is False
    assert "Noto Nastaliq Urdu does not fit" in caplog.text and "Noto Naskh Arabic" in caplog.text


def test_the_cache_keeps_what_another_build_may_still_use(tmp_path: Path) -> None:
    """Two builds may share the PDF cache (two copies, two editions, serve and build at once):
    a build deletes only the PDFs nobody has used for two days, never one another build uses."""
    import os
    import time

    from kyr.prints.build import PRUNE_AFTER, PrintJob, _cache_path, _prune, _reuse

    job = PrintJob("es", "brochure", (None,), ("letter", "a4"), ("new1", "new2"))
    current = [_cache_path(tmp_path, job, i) for i in range(2)]
    other_build = tmp_path / "es-brochure-letter-otherkey.pdf"
    forgotten = tmp_path / "es-brochure-letter-oldkey.pdf"
    other_language = tmp_path / "vi-brochure-letter-oldkey.pdf"
    for path in (*current, other_build, forgotten, other_language):
        path.write_bytes(b"%PDF")
    old = time.time() - PRUNE_AFTER - 60
    for path in (forgotten, other_language, current[0]):
        os.utime(path, (old, old))
    assert _reuse(current[0]) and not _reuse(tmp_path / "missing.pdf")
    _prune(tmp_path, [job])
    assert all(p.exists() for p in current)
    assert other_build.exists() and other_language.exists()
    assert not forgotten.exists()
