"""Every page of every language is valid HTML, as the Nu Html Checker (vnu.jar) sees it."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: Material's own markup that the kit leaves as Material writes it. Its drawer and search
#: toggles are checkboxes with autocomplete="off", which keeps Firefox from restoring a menu
#: left open when a reader comes back; the HTML standard allows autocomplete only on text-like
#: inputs. Each exception: (a part of the message, a part of the offending markup).
MATERIAL_EXCEPTIONS = [
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
]


def _allowed(message: dict, lines: dict) -> bool:
    source = lines.get((message.get("url"), message.get("lastLine")), "")
    return any(text in message.get("message", "") and markup in source for text, markup in MATERIAL_EXCEPTIONS)


def test_every_page_is_valid_html(real_site) -> None:
    java = shutil.which("java")
    assert java and VNU.exists(), "run scripts/setup.sh test (make test does): it installs Java and vnu-jar"
    pages = sorted(str(p) for p in real_site.site.rglob("*.html"))
    assert len(pages) > 100
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=900)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    lines: dict = {}
    for message in messages:
        url = message.get("url", "")
        path = url.removeprefix("file:")
        try:
            text = open(path, encoding="utf-8").read().split("\n")
            lines[(url, message.get("lastLine"))] = text[message.get("lastLine", 1) - 1]
        except OSError:
            pass
    errors = [
        f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error" and not _allowed(m, lines)
    ]
    assert errors == [], "\n".join(errors[:40])
