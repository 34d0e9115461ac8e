"""Data files: the edition's region and hotlines, the card and the printouts' texts.

Errors name the file, the line, the entry and the key, in words a volunteer can act on.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ACTIVE_REGION, ROOT
from kyr.content.data import load_site_data
from kyr.region import load_region, stale_hotlines
from kyr.schema import ConfigError, months_between, read_yaml


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of data/ and of the active edition's folder."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ACTIVE_REGION, tmp_path / "region", ignore=shutil.ignore_patterns("locales"))
    return tmp_path / "data", tmp_path / "region"


def load(project: tuple[Path, Path]):
    return load_site_data(project[0], project[1], region_shown="regions/x")


def error_of(project: tuple[Path, Path]) -> str:
    with pytest.raises(ConfigError) as e:
        load(project)
    return str(e.value)


def rewrite(path: Path, edit) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_hotline(region: Path, index: int, **changes) -> None:
    def edit(data):
        for key, value in changes.items():
            if value is None:
                data["hotlines"][index].pop(key, None)
            else:
                data["hotlines"][index][key] = value

    rewrite(region / "hotlines.yml", edit)


def test_the_active_edition_is_valid() -> None:
    region, warnings = load_region(ACTIVE_REGION)
    assert warnings == []
    # Every county the edition serves has a line, and each line's number is shown as dialled.
    assert [cl.county.id for cl in region.county_lines()] == [c.id for c in region.counties]
    for hotline in region.hotlines:
        digits = "".join(ch for ch in hotline.display if ch.isdigit())
        assert hotline.phone.endswith(digits)


def test_a_line_for_one_county_of_several_is_labelled_as_such() -> None:
    region, _ = load_region(ACTIVE_REGION)
    for cl in region.county_lines():
        if len(region.counties) > 1 and cl.main.counties == (cl.county.id,):
            assert region.only_for(cl.main) == cl.county


def second_hotline(region: Path) -> tuple[int, str]:
    data = read_yaml(region / "hotlines.yml")
    return data["hotlines"].lines[1], data["hotlines"][1]["id"]


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"phone": None}, "phone: missing; expected text"),
        ({"phone": "510-241-4011"}, "phone: expected an E.164 number"),
        ({"phone": "+1510241401"}, "is not the number in phone ('+1510241401'); readers would see one number and dial another"),
        ({"phone": 15102414011}, "phone: expected a quoted E.164 number"),
        ({"counties": ["oakland"]}, "counties: unknown county 'oakland'; expected one of the counties in region.yml"),
        ({"counties": []}, "counties: expected the ids of the counties this line serves"),
        ({"verified": "last spring"}, "verified: expected a date like 2026-06-01, got 'last spring'"),
        ({"languages": ["klingon"]}, "languages: 'klingon' is not a language code CLDR can name"),
        ({"fax": "+15555550100"}, "fax: unknown key; expected one of: id, name"),
        ({"checked": "by fax"}, "checked: Expected one of: ('by phone', 'against sources')"),
    ],
)
def test_hotline_errors_name_file_line_entry_and_key(project, changes: dict, expected: str) -> None:
    _, region = project
    edit_hotline(region, 1, **changes)
    line, hid = second_hotline(region)
    message = error_of(project)
    assert expected in message, message
    assert f"regions/x/hotlines.yml:" in message and f"hotlines[1] ({hid})." in message


def test_the_same_id_twice(project) -> None:
    _, region = project
    first = read_yaml(region / "hotlines.yml")["hotlines"][0]["id"]
    edit_hotline(region, 1, id=first)
    assert f"{first!r} is also the id of the hotline on line" in error_of(project)


def test_unknown_hours_are_a_keyword(project) -> None:
    _, region = project
    edit_hotline(region, 0, hours="unknown")
    data, _ = load(project)
    assert data.region.hotlines[0].hours is None


def test_yaml_mistakes_are_explained_with_the_line(project) -> None:
    _, region = project
    text = (region / "hotlines.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("purpose:"))
    lines[index] = lines[index].split(":")[0] + ": Call us: we answer"
    (region / "hotlines.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = error_of(project)
    assert f"regions/x/hotlines.yml:{index + 1}:" in message
    assert "a colon (:) inside a value; put the whole value in quotes" in message


def test_tabs_and_duplicate_keys(project) -> None:
    _, region = project
    path = region / "region.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\tshort_name: X\n", encoding="utf-8")
    assert "tab character" in error_of(project)
    text = "name: A\nshort_name: B\nsite_name: C\nname: D\n"
    path.write_text(text, encoding="utf-8")
    assert "regions/x/region.yml:4: the key 'name' is written twice (first on line 1)" in error_of(project)


def test_region_errors(project) -> None:
    _, region = project

    def edit(data):
        data["site_url"] = "kyr.example.org"
        data["counties"].append({"id": "nowhere", "name": "Nowhere County"})

    rewrite(region / "region.yml", edit)
    message = error_of(project)
    assert "regions/x/region.yml:" in message
    assert "site_url: expected an address like https://kyr.example.org/" in message


def test_a_county_with_no_line_is_reported(project) -> None:
    _, region = project
    rewrite(region / "region.yml", lambda d: d["counties"].append({"id": "marin", "name": "Marin County"}))
    _, warnings = load(project)
    assert any("(marin): no hotline serves Marin County" in w for w in warnings), warnings


def test_local_pages_must_exist_and_be_listed(project) -> None:
    _, region = project
    (region / "docs").mkdir(exist_ok=True)
    (region / "docs" / "stray.md").write_text("# Stray\n", encoding="utf-8")
    _, warnings = load(project)
    assert any("regions/x/docs/stray.md: this local page is not listed under 'pages:'" in w for w in warnings)
    rewrite(region / "region.yml", lambda d: d.update(pages=[{"file": "missing.md", "after": "index.md"}]))
    assert "pages[0].file: regions/x/docs/missing.md does not exist" in error_of(project)


def test_card_errors(project) -> None:
    data_dir, _ = project
    (data_dir / "card.yml").write_text("statements:\n  - id: x\n    en: Hi.\nhow_to_use: []\n", encoding="utf-8")
    message = error_of(project)
    assert "data/card.yml:" in message and "meaning" in message
    assert "how_to_use: expected a non-empty list" in message


def test_print_errors(project) -> None:
    data_dir, _ = project
    rewrite(data_dir / "print.yml", lambda d: d["brochure"]["panels"].pop())
    assert "brochure.panels: expected exactly 5 panels" in error_of(project)


def test_stale_and_future_verification_dates_warn() -> None:
    region, _ = load_region(ACTIVE_REGION)
    first = region.hotlines[0]
    soon = first.verified + dt.timedelta(days=30)
    assert stale_hotlines(region, soon, 6) == []
    later = dt.date(first.verified.year + 1, first.verified.month, min(first.verified.day, 28))
    warnings = stale_hotlines(region, later, 6)
    assert f"hotlines[0] ({first.id}).verified: last verified {first.verified}" in warnings[0]
    assert warnings[0].startswith(f"{region.shown}/hotlines.yml:{first.line}:")
    assert len(warnings) == len(region.hotlines)
    past = first.verified - dt.timedelta(days=1)
    assert "is in the future" in stale_hotlines(region, past, 6)[0]


def test_months_between() -> None:
    assert months_between(dt.date(2026, 6, 1), dt.date(2026, 12, 1)) == 6
    assert months_between(dt.date(2026, 6, 2), dt.date(2026, 12, 1)) == 5
    assert months_between(dt.date(2025, 11, 27), dt.date(2026, 11, 27)) == 12
