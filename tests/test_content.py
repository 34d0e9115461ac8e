"""Every page carries a review date and sources; the build warns when it does not."""

from __future__ import annotations

import datetime as dt

import pytest

from kyr.content.meta import check_page_meta

TODAY = dt.date(2026, 11, 27)
GOOD = {
    "title": "T",
    "description": "D.",
    "reviewed": dt.date(2026, 11, 1),
    "sources": [{"title": "Payton v. New York, 445 U.S. 573 (1980)"}, {"title": "SB 54", "url": "https://leginfo.legislature.ca.gov/"}],
}


def check(meta: dict, max_age: int = 12):
    return check_page_meta(meta, page="docs/p.md", today=TODAY, max_age_months=max_age)


def test_good_meta() -> None:
    checked = check(GOOD)
    assert checked.problems == ()
    assert checked.reviewed == dt.date(2026, 11, 1)
    assert [s.title for s in checked.sources][0].startswith("Payton")
    assert checked.sources[1].url == "https://leginfo.legislature.ca.gov/"


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"reviewed": None}, "docs/p.md: reviewed: missing; expected a date like 2026-06-01"),
        ({"sources": None}, "docs/p.md: sources: missing; expected a list of sources"),
        ({"sources": []}, "docs/p.md: sources: expected a non-empty list of sources"),
        ({"sources": [{"url": "https://x.example/"}]}, "sources[0].title: missing"),
        ({"reviewed": dt.date(2025, 11, 1)}, "docs/p.md: reviewed: last reviewed 2025-11-01, more than 12 months ago"),
        ({"reviewed": dt.date(2026, 12, 25)}, "docs/p.md: reviewed: 2026-12-25 is in the future"),
        ({"description": None}, "docs/p.md: description: missing"),
        ({"colour": "red"}, "docs/p.md: colour: unknown key; expected one of: title, description"),
    ],
)
def test_problems_name_the_page_and_key(change: dict, expected: str) -> None:
    meta = {**GOOD, **change}
    meta = {k: v for k, v in meta.items() if v is not None}
    problems = check(meta).problems
    assert any(expected in p for p in problems), problems


def test_review_age_is_configurable() -> None:
    meta = {**GOOD, "reviewed": dt.date(2026, 5, 1)}
    assert check(meta, max_age=12).problems == ()
    assert "more than 6 months ago" in check(meta, max_age=6).problems[0]


def test_material_keys_are_allowed() -> None:
    assert check({**GOOD, "hide": ["toc"], "icon": "material/home"}).problems == ()
