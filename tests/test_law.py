"""Keeping the law current: statuses as dated data, the Updates page and feed, legal help.

Expectations come from ``data/`` and the active edition, so a changed status or a new update is
tested as it is.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import CONTENT_DATE, CONTENT_DATE_EPOCH, ROOT, active_data, copy_site
from htmltree import article, parse
from kyr.content.legal import load_statuses, load_updates, stale_statuses
from kyr.schema import ConfigError

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://kyr.example.org/"


# -- Statuses as data ---------------------------------------------------------------------------


def test_every_status_has_what_readers_need() -> None:
    data = active_data()
    assert len(data.statuses) >= 8
    ids = {s.id for s in data.statuses}
    for required in ("expedited-removal", "i205-home-entry", "ab450-private-employers", "masks-id",
                     "roving-stops", "bond", "state-courthouses", "sb54"):
        assert required in ids
    for status in data.statuses:
        assert status.confidence in ("high", "medium", "low") and status.sources and status.checked
        assert len(status.short.split()) <= 30, f"{status.id}: the short form is for printouts"


def test_no_page_states_a_status_in_undated_prose() -> None:
    undated = re.compile(r"\b[Aa]s of (?:early|mid|late|the end of|the start of)?[- ]?(?:\w+ )?20\d\d\b")
    for path in [*(ROOT / "docs").glob("*.md"), *(ROOT / "regions").rglob("*.md"), ROOT / "data" / "print.yml"]:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not undated.search(line), f"{path.relative_to(ROOT)}:{lineno}: use {{{{ status ID }}}}: {line}"


def test_stale_status_warns_naming_file_and_entry() -> None:
    data = active_data()
    oldest = min(data.statuses, key=lambda s: s.checked)
    later = oldest.checked + dt.timedelta(days=91)
    warnings = stale_statuses(data.statuses, later, 90, "data/legal-status.yml")
    hit = [w for w in warnings if f"({oldest.id}).checked" in w]
    assert hit and hit[0].startswith(f"data/legal-status.yml:{oldest.line}: statuses[")
    assert "91 days ago" in hit[0]
    assert stale_statuses(data.statuses, oldest.checked + dt.timedelta(days=90), 90, "x") == []


@pytest.mark.slow
def test_a_strict_build_91_days_after_the_oldest_check_fails(tmp_path: Path) -> None:
    data = active_data()
    oldest = min(s.checked for s in data.statuses)
    day = oldest + dt.timedelta(days=91)
    epoch = str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc).timestamp()))
    proj = copy_site(tmp_path / "site")
    result = proj.build(check=False, KYR_LANGS="en", KYR_PRINTS="0", SOURCE_DATE_EPOCH=epoch)
    assert result.returncode != 0
    status = min(data.statuses, key=lambda s: s.checked)
    assert f"data/legal-status.yml:{status.line}: statuses[" in result.stderr
    assert f"({status.id}).checked: last checked {status.checked}, 91 days ago" in result.stderr


def test_status_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "legal-status.yml"
    path.write_text("statuses:\n  - id: x\n    title: X\n    status: S\n    short: S\n    confidence: maybe\n"
                    "    checked: someday\n    sources: [a]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_statuses(path, "data/legal-status.yml")
    assert "data/legal-status.yml:6: statuses[0] (x).confidence" in str(e.value)
    assert "statuses[0] (x).checked: expected a date like 2026-06-01, got 'someday'" in str(e.value)
    (tmp_path / "updates.yml").write_text(
        "updates:\n  - id: u\n    date: 2026-01-01\n    title: T\n    change: C\n    meaning: M\n    page: x.md\n"
        "    status: nowhere\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="updates.status: unknown status 'nowhere'|status: unknown status 'nowhere'"):
        load_updates(tmp_path / "updates.yml", "data/updates.yml", ())


@pytest.mark.slow
def test_pages_show_statuses_from_data_with_their_checked_date(real_site) -> None:
    from babel.dates import format_date

    data = active_data()
    shown = set()
    for lang in ("en", "es", "ar"):
        for path in sorted((real_site.site / lang).glob("*.html")):
            root = parse(path.read_text(encoding="utf-8"))
            for box in [n for n in root.iter() if "kyr-status" in n.attrs.get("class", "").split()]:
                status = data.status(box.attrs["id"].removeprefix("status-"))
                shown.add(status.id)
                text = " ".join(box.text().split())
                locale = {"en": "en", "es": "es", "ar": "ar"}[lang]
                assert format_date(status.checked, format="long", locale=locale) in text, (path.name, status.id)
                if lang == "en":
                    assert " ".join(status.status.split()) in text
    # Every status is shown somewhere.
    assert shown == {s.id for s in data.statuses}


# -- Updates ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The real site with a public address, so that every language has a feed."""
    proj = copy_site(tmp_path_factory.mktemp("published") / "site")
    region = next(p for p in (proj.path / "regions").iterdir() if (p / "region.yml").exists()
                  and p.name == active_data().region.id)
    text = re.sub(r'(?m)^site_url:.*$', f'site_url: "{SITE_URL}"', (region / "region.yml").read_text(encoding="utf-8"))
    (region / "region.yml").write_text(text, encoding="utf-8")
    proj.build(KYR_PRINTS="0", SOURCE_DATE_EPOCH=CONTENT_DATE_EPOCH)
    return proj


@pytest.mark.slow
def test_every_language_has_an_updates_page_and_a_valid_feed(published) -> None:
    data = active_data()
    languages = [p.name for p in published.site.iterdir() if (p / "index.html").exists()]
    assert len(languages) >= 8
    for lang in languages:
        page = article(published.page(lang, "updates.html"))
        items = [n for n in page.iter() if "kyr-update" in n.attrs.get("class", "").split()]
        assert [i.attrs["id"] for i in items] == [u.id for u in data.updates], lang  # newest first
        feed = ET.fromstring((published.site / lang / "updates.xml").read_bytes())
        assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for required in ("id", "title", "updated", "author"):
            assert feed.find(f"{ATOM}{required}") is not None, (lang, required)
        self_link = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert self_link == [f"{SITE_URL}{lang}/updates.xml"]
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == len(data.updates)
        for entry, update in zip(entries, data.updates):
            assert entry.find(f"{ATOM}id").text == f"{SITE_URL}{lang}/updates.html#{update.id}"
            assert entry.find(f"{ATOM}updated").text == f"{update.date.isoformat()}T00:00:00Z"
            link = entry.find(f"{ATOM}link").get("href")
            assert link.startswith(f"{SITE_URL}{lang}/") and ".html" in link
            assert (published.site / lang / link.removeprefix(f"{SITE_URL}{lang}/").split("#")[0]).exists()
            assert entry.find(f"{ATOM}summary").text
        html = published.page(lang, "index.html")
        assert 'type="application/atom+xml" href="updates.xml"' in html


@pytest.mark.slow
def test_no_feed_without_a_public_address(real_site) -> None:
    if active_data().region.site_url:
        pytest.fail("the edition has a site_url; this test needs one without (see `published`)")
    assert not (real_site.site / "en" / "updates.xml").exists()
    assert "application/atom+xml" not in real_site.page("en", "index.html")


@pytest.mark.slow
def test_home_page_shows_the_latest_change_and_pages_say_when_this_copy_was_made(real_site) -> None:
    from babel.dates import format_date

    latest = active_data().updates[0]
    home = article(real_site.page("en", "index.html"))
    box = [n for n in home.iter() if "kyr-latest" in n.attrs.get("class", "").split()]
    assert box and latest.title in box[0].text()
    assert any(a.attrs.get("href") == f"updates.html#{latest.id}" for a in box[0].find_all("a"))
    made = format_date(CONTENT_DATE, format="long", locale="en")
    built = [n for n in parse(real_site.page("en", "at-home.html")).iter() if n.attrs.get("class") == "kyr-built"]
    assert built and f"This copy of the guide was made on {made}." in " ".join(built[0].text().split())


# -- Legal help ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_legal_help_directory_renders_from_data_by_county(real_site) -> None:
    from babel.dates import format_date

    data = active_data()
    body = article(real_site.page("en", "legal-help.html"))
    headings = [n.attrs.get("id") for n in body.iter() if n.tag == "h2"]
    for provider in data.directory.local_help:
        counties = provider.counties or [c.id for c in data.region.counties]
        for county in counties:
            assert f"legal-help-{county}" in headings
        card = next(n for n in body.iter() if n.attrs.get("id") == f"provider-{provider.id}")
        text = " ".join(card.text().split())
        assert provider.name in text and format_date(provider.verified, format="long", locale="en") in text
        if provider.phone:
            assert any(a.attrs.get("href") == f"tel:{provider.phone}" for a in card.find_all("a"))
        elif provider.url:
            assert any(a.attrs.get("href") == provider.url for a in card.find_all("a"))
    assert "legal-help-california" in headings
    # The directory is searchable.
    index = (real_site.site / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert data.directory.state_help[0].name.split("(")[0].strip() in index


def test_a_provider_needs_a_source_given_number_or_a_page(tmp_path: Path) -> None:
    from kyr.content.legal import load_contacts

    path = tmp_path / "legal-help.yml"
    path.write_text("providers:\n  - id: p\n    name: P\n    what: W\n    who: X\n    source: S\n    verified: 2026-01-01\n"
                    "  - id: q\n    name: Q\n    what: W\n    who: X\n    phone: '+14155550100'\n    display: (415) 555-0199\n"
                    "    source: S\n    verified: 2026-01-01\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_contacts(path, "regions/x/legal-help.yml", {"a": "A"})
    assert "regions/x/legal-help.yml:2: providers[0] (p).url: say how readers reach them" in str(e.value)
    assert "providers[1] (q).display: '(415) 555-0199' is not the number in phone" in str(e.value)


@pytest.mark.slow
def test_a_changed_status_goes_fuzzy_and_readers_see_the_new_english(tmp_path: Path) -> None:
    proj = copy_site(tmp_path / "site")
    data = active_data()
    status = data.status("expedited-removal")
    old = status.short
    new = old.replace("anywhere in the U.S.", "anywhere in the United States")
    assert new != old
    from kyr.i18n.catalogs import read_catalog, render_po
    from kyr.languages import make_language

    es = make_language("es")
    po = proj.path / "locales/es/LC_MESSAGES/_data.po"
    catalog = read_catalog(po, es)
    catalog[old].string = "Desde el 23 de junio de 2026, la deportación rápida se puede usar en todo EE. UU."
    catalog[old].flags.discard("fuzzy")
    po.write_bytes(render_po(catalog))
    proj.write("data/legal-status.yml", proj.read("data/legal-status.yml").replace(old, new))
    proj.i18n("update", check=True)
    message = read_catalog(po, es)[new]
    assert message.fuzzy and message.previous_id == [old]
    proj.build(KYR_LANGS="en,es", KYR_PRINTS="0", SOURCE_DATE_EPOCH=CONTENT_DATE_EPOCH)
    glossary = article(proj.page("es", "glossary.html"))
    node = glossary.containing(new.split(",")[0])
    assert node is not None and node.lang() == ("en", "ltr")
