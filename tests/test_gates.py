"""The translation gates against the project's corpus of hostile and broken inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog

from kyr.gates.check import check_catalog
from kyr.gates.entries import check_entry, normalize_digits
from kyr.gates.files import MAX_BYTES
from kyr.languages import make_language

DATA = Path(__file__).parent / "data" / "gates"
ENTRIES = yaml.safe_load((DATA / "entries.yml").read_text(encoding="utf-8"))
FILES = yaml.safe_load((DATA / "files.yml").read_text(encoding="utf-8"))["cases"]


def test_the_corpus_is_big_enough() -> None:
    assert len(ENTRIES) >= 50
    assert sum(1 for case in ENTRIES if case["expect"] != "ok") >= 50
    assert len(FILES) >= 15


def entry_problems(case: dict) -> list[str]:
    problems: list[str] = []
    check_entry(case["msgid"], case["msgstr"], case["lang"], lambda what, expected: problems.append(f"{what}, expected {expected}"))
    return problems


@pytest.mark.parametrize("case", ENTRIES, ids=[f"{i}-{c['lang']}-{str(c['expect'])[:30]}" for i, c in enumerate(ENTRIES)])
def test_entry_corpus(case: dict) -> None:
    problems = entry_problems(case)
    if case["expect"] == "ok":
        assert problems == [], problems
    else:
        assert any(p.startswith(case["expect"]) for p in problems), (case["msgstr"], problems)


def _template(msgids: list[str] | None = None) -> Catalog:
    template = Catalog()
    for msgid in msgids or ["Keep the door closed.", "Call 911."]:
        template.add(msgid)
    template.add(("%(num)s day", "%(num)s days"))
    return template


def _damage(data: bytes, transform: str | None) -> bytes:
    if transform == "bom":
        return b"\xef\xbb\xbf" + data
    if transform == "latin1":
        return data.decode("utf-8").replace("Mantenga", "Mantén").encode("latin-1")
    if transform == "crlf":
        return data.replace(b"\n", b"\r\n")
    if transform == "lone_cr":
        return data.replace(b'cerrada."\n\n', b'cerrada."\r\r', 1)
    if transform == "nul":
        return data.replace(b"Llame", b"Ll\x00ame")
    if transform == "oversize":
        return data + b"# padding\n" * (MAX_BYTES // 10 + 1)
    return data


@pytest.mark.parametrize("case", FILES, ids=[c["name"] for c in FILES])
def test_file_corpus(case: dict, tmp_path: Path) -> None:
    language = make_language(case.get("lang", "es"))
    path = tmp_path / "page.po"
    path.write_bytes(_damage(case["content"].encode("utf-8"), case.get("transform")))
    checked = check_catalog(path, language, _template(case.get("template")), shown="locales/es/LC_MESSAGES/page.po")
    messages = [str(p) for p in checked.problems]
    if case["expect"] == "ok":
        assert messages == []
    else:
        assert any(case["expect"] in m for m in messages), messages
        for m in messages:
            assert m.startswith("locales/es/LC_MESSAGES/page.po") and f"[{language.code}]" in m and ", expected " in m
    if case["name"].startswith("fuzzy"):
        assert checked.usable == {}
    if "usable" in case:
        assert checked.usable == case["usable"]
        kit = next(i for i, m in enumerate(messages) if case["expect"] in m)
        gettext = [i for i, m in enumerate(messages) if "GNU gettext" in m]
        assert all(i > kit for i in gettext), messages  # the kit's own message comes first
    if case["name"] == "a valid catalog":
        assert checked.usable == {"Keep the door closed.": "Mantenga la puerta cerrada.", "Call 911.": "Llame al 911."}


def test_entry_failures_keep_the_rest_of_the_file(tmp_path: Path) -> None:
    case = next(c for c in FILES if c["name"].startswith("a translated entry with a swapped number"))
    path = tmp_path / "page.po"
    path.write_text(case["content"], encoding="utf-8")
    checked = check_catalog(path, make_language("es"), _template())
    assert checked.usable == {"Keep the door closed.": "Mantenga la puerta cerrada."}
    assert str(checked.problems[0]).startswith(f"{path}:10: [es] \u201cCall 911.\u201d: phone numbers differ from the English")


def test_arabic_indic_digits_are_the_same_digits() -> None:
    assert normalize_digits("٢٠٢٦ و ۱۲") == "2026 و 12"
