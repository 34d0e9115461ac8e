"""Extraction: what translators see, with references and notes, through stock pybabel too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from conftest import ROOT
from kyr.i18n.extract import data_messages, markdown_messages, mkdocs_yml_messages

PAGE = """\
---
title: If agents come
description: What to do.
reviewed: 2026-11-27
sources:
  - title: Payton v. New York
---

# If agents come { #agents }

<!-- i18n: "I-205" is a form name; keep it in English. -->
Do not open the door for an I-205.
Call [a hotline](hotlines.md) or {{ hotline featured }}.

```
code is never extracted
```

[ref]: https://example.org
"""


def test_markdown_messages_lines_notes_and_placeholders() -> None:
    msgs = list(markdown_messages(PAGE))
    assert [(m.lineno, m.msgid) for m in msgs] == [
        (2, "If agents come"),
        (3, "What to do."),
        (9, "If agents come"),
        (12, "Do not open the door for an I-205. Call [a hotline]({1}) or {2}."),
    ]
    assert msgs[0].comments == ("page title",)
    assert msgs[3].comments[0] == '"I-205" is a form name; keep it in English.'
    assert msgs[3].comments[1].startswith("{1} is a link target: hotlines.md")
    assert "hotline featured" in msgs[3].comments[2]


def test_mkdocs_yml_messages() -> None:
    text = (
        "site_name: Know your rights\nsite_description: Short.\ntheme:\n  icon: !!python/name:x.y\n"
        "nav:\n  - index.md\n  - Help:\n      - hotlines.md\n      - Extra page: extra.md\n"
    )
    assert [(m.lineno, m.msgid) for m in mkdocs_yml_messages(text)] == [
        (1, "Know your rights"),
        (2, "Short."),
        (7, "Help"),
        (9, "Extra page"),
    ]


def test_data_messages_follow_the_schema(monkeypatch) -> None:
    import kyr.content.data

    monkeypatch.setitem(kyr.content.data._TRANSLATABLE, "things.yml", frozenset({"name", "hours"}))
    text = "items:\n  - id: a\n    name: First thing\n    phone: '+14155550100'\n    hours: Every day\n"
    assert [(m.lineno, m.msgid) for m in data_messages("things.yml", text)] == [
        (3, "First thing"),
        (5, "Every day"),
    ]


def test_stock_pybabel_extract_uses_the_registered_extractors(tmp_path: Path) -> None:
    out = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", str(out), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    catalog = read_po(out.open("rb"))
    locations = {loc[0] for m in catalog for loc in m.locations}
    assert any(p.startswith("docs/") and p.endswith(".md") for p in locations)
    assert "mkdocs.yml" in locations
    assert any(p.startswith("overrides/") for p in locations)
    # Every page message carries a docs/page.md:LINE reference.
    for m in catalog:
        if m.id:
            assert m.locations and all(line > 0 for _, line in m.locations)
