"""Data files: hotlines, region and card schemas; errors name the file, the entry and the key."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from kyr.config import ConfigError
from kyr.content.data import load_site_data, months_between, stale_hotlines


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edit_hotline(data_dir: Path, index: int, **changes) -> None:
    path = data_dir / "hotlines.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data["hotlines"][index].pop(key, None)
        else:
            data["hotlines"][index][key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def error_of(data_dir: Path) -> str:
    with pytest.raises(ConfigError) as e:
        load_site_data(data_dir)
    return str(e.value)


def test_the_real_data_is_valid() -> None:
    data = load_site_data(ROOT / "data")
    assert data.featured.id == data.region.featured_hotlines[0]
    sf = data.hotline("sf-rrn")
    assert (sf.phone, sf.display) == ("+14152001548", "(415) 200-1548")
    ids = {h.id for h in data.hotlines}
    assert {"sf-rrn", "alameda-acilep", "santa-clara-rrn", "san-mateo-rrn"} <= ids
    numbers = {h.id: h.phone for h in data.hotlines}
    assert numbers["alameda-acilep"] == "+15102414011"
    assert numbers["santa-clara-rrn"] == "+14082901144"
    assert numbers["san-mateo-rrn"] == "+12036664472"
    assert "+19259005151" in numbers.values()  # Contra Costa
    assert [c for c, _, _ in data.by_county()][:1] == ["san-francisco"]


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"phone": None}, "data/hotlines.yml: hotlines[1] (alameda-acilep).phone: missing; expected text"),
        ({"phone": "510-241-4011"}, "hotlines[1] (alameda-acilep).phone: expected an E.164 number"),
        ({"phone": "+1510241401"}, "hotlines[1] (alameda-acilep).display: '(510) 241-4011' does not show the number in phone ('+1510241401')"),
        ({"phone": 15102414011}, "hotlines[1] (alameda-acilep).phone: expected a quoted E.164 number"),
        ({"counties": ["oakland"]}, "hotlines[1] (alameda-acilep).counties: unknown county 'oakland'; expected one of san-francisco"),
        ({"verified": "last spring"}, "hotlines[1] (alameda-acilep).verified: expected a date like 2026-06-01, got 'last spring'"),
        ({"id": "sf-rrn"}, "hotlines[1] (sf-rrn).id: 'sf-rrn' is used by another hotline"),
        ({"languages": ["klingon"]}, "hotlines[1] (alameda-acilep).languages: 'klingon' is not a language code CLDR can name"),
        ({"fax": "+15555550100"}, "hotlines[1] (alameda-acilep).fax: Unrecognised configuration name: fax"),
    ],
)
def test_hotline_errors_name_file_entry_and_key(data_dir: Path, changes: dict, expected: str) -> None:
    edit_hotline(data_dir, 1, **changes)
    assert expected in error_of(data_dir)


def test_region_errors(data_dir: Path) -> None:
    path = data_dir / "region.yml"
    region = yaml.safe_load(path.read_text(encoding="utf-8"))
    region["featured_hotlines"] = ["nope"]
    region["site_url"] = "kyr.example.org"
    path.write_text(yaml.safe_dump(region), encoding="utf-8")
    message = error_of(data_dir)
    assert "data/region.yml: featured_hotlines: unknown hotline 'nope'" in message
    assert "data/region.yml: site_url: expected an address like https://kyr.example.org/" in message


def test_card_errors(data_dir: Path) -> None:
    (data_dir / "card.yml").write_text("statements:\n  - id: x\n    en: Hi.\nhow_to_use: []\n", encoding="utf-8")
    message = error_of(data_dir)
    assert "data/card.yml: statements" in message and "meaning" in message
    assert "data/card.yml: how_to_use: expected a non-empty list" in message


def test_print_errors(data_dir: Path) -> None:
    path = data_dir / "print.yml"
    prints = yaml.safe_load(path.read_text(encoding="utf-8"))
    prints["brochure"]["panels"].pop()
    path.write_text(yaml.safe_dump(prints, allow_unicode=True), encoding="utf-8")
    assert "data/print.yml: brochure.panels: expected exactly 5 panels" in error_of(data_dir)


def test_stale_and_future_verification_dates_warn() -> None:
    data = load_site_data(ROOT / "data")
    first = data.hotlines[0]
    soon = first.verified + dt.timedelta(days=30)
    assert stale_hotlines(data, soon, 6) == []
    later = dt.date(first.verified.year + 1, first.verified.month, first.verified.day)
    warnings = stale_hotlines(data, later, 6)
    assert warnings[0].startswith(f"data/hotlines.yml: hotlines[0] ({first.id}).verified: last verified {first.verified}")
    assert len(warnings) == len(data.hotlines)
    past = first.verified - dt.timedelta(days=1)
    assert "is in the future" in stale_hotlines(data, past, 6)[0]


def test_months_between() -> None:
    assert months_between(dt.date(2026, 6, 1), dt.date(2026, 12, 1)) == 6
    assert months_between(dt.date(2026, 6, 2), dt.date(2026, 12, 1)) == 5
    assert months_between(dt.date(2025, 11, 27), dt.date(2026, 11, 27)) == 12
