"""Fixture projects built for real with `mkdocs build`: every language, one command."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

import pytest

from htmltree import article, parse

pytestmark = pytest.mark.slow

LANGS = ["en", "es", "ar", "zh-Hant"]
PAGES = ["index.html", "rights.html", "help.html"]


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def test_one_build_writes_every_language(built_basic) -> None:
    site = built_basic.site
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == sorted([*LANGS, "downloads"])
    assert sorted(p.name for p in (site / "downloads").iterdir()) == sorted(f"kyr-{lang}.zip" for lang in LANGS)
    for lang in LANGS:
        for page in [*PAGES, "404.html", "search/search_index.json"]:
            assert (site / lang / page).is_file(), f"{lang}/{page}"
        assert (site / lang / "assets" / "stylesheets").is_dir()


def test_html_lang_dir_and_material_language(built_basic) -> None:
    for lang, direction in [("en", "ltr"), ("es", "ltr"), ("ar", "rtl"), ("zh-Hant", "ltr")]:
        html = built_basic.page(lang, "index.html")
        assert f'<html lang="{lang}" class="no-js" dir="{direction}">' in html
        assert f'<body dir="{direction}"' in html
    # Material's own UI strings follow the language ("Skip to content").
    assert "Saltar a contenido" in built_basic.page("es", "index.html")
    assert "انتقل إلى المحتوى" in built_basic.page("ar", "index.html")


def test_translated_page(built_basic) -> None:
    html = built_basic.page("es", "index.html")
    body = article(html)
    node = body.containing("Mantenga la puerta cerrada. Hable a través de la puerta.")
    assert node is not None and node.lang() == ("es", "ltr")
    assert "Keep the door closed" not in html
    assert "kyr-fallback" not in html
    assert "<title>Inicio - Derechos (prueba)</title>" in html
    # Navigation section titles come from the _site catalog.
    assert "Ayuda" in html


def test_link_targets_come_from_the_english_source(built_basic) -> None:
    html = built_basic.page("es", "rights.html")
    assert '<a href="index.html#welcome">orden firmada por un juez</a>' in html


def test_fuzzy_entry_falls_back_to_marked_english(built_basic) -> None:
    html = built_basic.page("es", "help.html")
    body = article(html)
    node = body.containing("Call a hotline.")
    assert node is not None and node.lang() == ("en", "ltr")
    assert "Llame a una línea de ayuda" not in html
    notice = body.find_all("aside")[0]
    assert "kyr-fallback" in notice.attrs["class"]
    assert notice.lang() == ("es", "ltr")
    text = " ".join(notice.text().split())
    assert "Traducción en curso" in text
    assert "67 % de esta página está traducido" in text.replace("\xa0", " ")
    link = notice.find_all("a")[0]
    assert link.attrs["href"] == "../en/help.html" and "Lea toda la página en inglés" in link.text()


def test_right_to_left_page(built_basic) -> None:
    html = built_basic.page("ar", "index.html")
    body = article(html)
    assert body.containing("مرحبا").lang() == ("ar", "rtl")
    english = body.containing("Keep the door closed.")
    assert english.lang() == ("en", "ltr")
    notice = body.find_all("aside")[0]
    assert "الترجمة جارية" in notice.text()
    # The untranslated notice sentence is English, and says so.
    sentence = notice.containing("of this page is translated")
    assert sentence.lang() == ("en", "ltr")


def test_missing_catalog_renders_english_with_a_notice(built_basic) -> None:
    html = built_basic.page("zh-Hant", "rights.html")
    body = article(html)
    for text in ("Your rights", "You can stay silent.", "Court warrant", "This is changing"):
        assert body.containing(text).lang() == ("en", "ltr"), text
    assert "kyr-fallback" in html


def test_each_search_index_holds_only_its_language(built_basic) -> None:
    indexes = {
        lang: json.loads((built_basic.site / lang / "search" / "search_index.json").read_text())
        for lang in LANGS
    }
    es = json.dumps(indexes["es"], ensure_ascii=False)
    ar = json.dumps(indexes["ar"], ensure_ascii=False)
    en = json.dumps(indexes["en"], ensure_ascii=False)
    assert indexes["es"]["config"]["lang"] == ["es"]
    assert indexes["ar"]["config"]["lang"] == ["ar"]
    assert "Mantenga la puerta cerrada" in es and "مرحبا" not in es
    assert "مرحبا" in ar and "Mantenga" not in ar
    assert "Mantenga" not in en and "مرحبا" not in en
    locations = {doc["location"].split("#")[0] for doc in indexes["es"]["docs"]}
    assert locations <= set(PAGES) | {""}


def _links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', html)


def test_switcher_leads_to_the_same_page_by_relative_links(built_basic) -> None:
    site = built_basic.site
    for lang in LANGS:
        for page in PAGES:
            html = built_basic.page(lang, page)
            root = parse(html)
            links = [a for a in root.find_all("a") if "md-select__link" in a.attrs.get("class", "")]
            assert [a.attrs["hreflang"] for a in links] == LANGS
            for a in links:
                href = a.attrs["href"]
                assert not href.startswith(("/", "http")), href
                target = posixpath.normpath(posixpath.join(lang, posixpath.dirname(page), href))
                assert target == f"{a.attrs['hreflang']}/{page}"
                assert (site / target).is_file()
                assert a.attrs["lang"] == a.attrs["hreflang"]
            current = [a for a in links if a.attrs.get("aria-current") == "page"]
            assert [a.attrs["hreflang"] for a in current] == [lang]


def test_every_internal_link_is_relative_and_exists(built_basic) -> None:
    site = built_basic.site
    for lang in LANGS:
        for page in PAGES:
            for href in _links(built_basic.page(lang, page)):
                if href.startswith(("http:", "https:", "mailto:", "tel:", "#", "data:")):
                    continue
                assert not href.startswith("/"), f"{lang}/{page}: absolute link {href}"
                path = href.split("#")[0].split("?")[0]
                if path:
                    assert (site / lang / path).resolve().exists(), f"{lang}/{page}: {href}"


def test_heading_anchors_are_the_same_in_every_language(built_basic) -> None:
    for page in PAGES:
        ids = {}
        for lang in LANGS:
            body = article(built_basic.page(lang, page))
            ids[lang] = [n.attrs.get("id") for n in body.iter() if re.fullmatch(r"h[1-6]", n.tag)]
        assert all(v == ids["en"] for v in ids.values()), ids
    assert ids["en"]  # the help page has a heading
    rights = [n.attrs["id"] for n in article(built_basic.page("ar", "rights.html")).iter() if n.tag == "h2"]
    assert rights == ["silent", "ask-for-a-warrant"]


def test_language_chooser(built_basic) -> None:
    html = (built_basic.site / "index.html").read_text(encoding="utf-8")
    root = parse(html)
    links = [a for a in root.find_all("a") if a.attrs.get("hreflang")]
    assert [a.attrs["href"] for a in links] == [f"{lang}/index.html" for lang in LANGS]
    names = [" ".join(a.text().split()) for a in links]
    assert names[0].startswith("English") and names[1].startswith("Español")
    assert names[2].startswith("العربية") and names[3].startswith("中文 (繁體)")
    assert links[2].attrs["dir"] == "rtl" and links[2].attrs["lang"] == "ar"
    assert "Derechos (prueba)" in names[1]
    assert "http-equiv=\"refresh\"" not in html and "location" not in html.split("<script>")[1]


def test_kyr_langs_limits_the_build(project) -> None:
    proj = project("basic")
    proj.build(KYR_LANGS="es")
    assert sorted(p.name for p in proj.site.iterdir()) == ["downloads", "es", "index.html"]
    html = proj.page("es", "index.html")
    assert [a for a in re.findall(r'hreflang="([^"]+)" lang', html)] == ["es"]


def test_broken_catalog_warns_and_strict_build_keeps_the_previous_site(project) -> None:
    proj = project("basic")
    proj.build()
    before = tree_digest(proj.site)
    po = proj.path / "locales/es/LC_MESSAGES/index.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgtxt "y"\n', encoding="utf-8")
    strict = proj.build(check=False)
    assert strict.returncode != 0
    assert "locales/es/LC_MESSAGES/index.po:" in strict.stderr
    assert tree_digest(proj.site) == before
    assert not list(proj.path.glob(".site.*")), "staging folders are cleaned up"
    loose = proj.build(strict=False)
    assert "WARNING" in loose.stderr and "index.po" in loose.stderr
    body = article(proj.page("es", "index.html"))
    assert body.containing("Keep the door closed.").lang() == ("en", "ltr")


def test_an_exception_in_a_language_build_keeps_the_previous_site(project) -> None:
    proj = project("basic")
    proj.build()
    before = tree_digest(proj.site)
    # A hook that only fails in the Arabic build.
    proj.write(
        "hooks/explode.py",
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if config.extra['kyr_lang']['code'] == 'ar':\n"
        "        raise RuntimeError('boom')\n",
    )
    proj.write("mkdocs.yml", proj.read("mkdocs.yml").replace("hooks:\n", "hooks:\n  - hooks/explode.py\n"))
    result = proj.build(check=False)
    assert result.returncode != 0 and "boom" in result.stderr
    assert tree_digest(proj.site) == before


def test_a_build_killed_midway_leaves_nothing_after_the_next_build(project) -> None:
    """kill -9 in the middle of a build: site/ stays whole, and the next build removes the
    staging folder the dead one left."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import env

    proj = project("basic")
    proj.build()
    before = (proj.site / "es" / "index.html").read_text(encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=proj.path, env=env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(proj.path.glob(".site.building-*/*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(build.pid, signal.SIGKILL)  # the build and its language workers
    build.wait()
    left = [p for p in proj.path.glob(".site.building-*") if p.is_dir()]
    assert left, "the build finished before it could be killed"
    assert (proj.site / "es" / "index.html").read_text(encoding="utf-8") == before
    proj.build()
    assert list(proj.path.glob(".site.*")) == [], list(proj.path.glob(".site.*"))
    assert (proj.site / "es" / "index.html").exists()


def test_a_running_builds_staging_folder_is_never_touched(project, tmp_path: Path) -> None:
    """Two builds into the same site/: the second leaves the first's folder alone while it runs."""
    import fcntl
    import os

    from kyr.site.staging import create, sweep

    proj = project("basic")
    running = create(proj.site)  # held by this process, as a running build holds its own
    (running.path / "es").mkdir()
    try:
        proj.build()
        assert running.path.is_dir() and (running.path / "es").is_dir()
        assert sweep(proj.site) == []
    finally:
        os.close(running.fd)  # its build dies: the system drops the lock, the lock file stays
    # Once its build is gone, the next sweep removes it.
    assert sweep(proj.site) == [running.path] and not running.path.exists()
    stale = proj.path / ".site.building-old"
    stale.mkdir()
    os.utime(stale, (0, 0))  # no lock file, and long past the grace period
    assert sweep(proj.site) == [stale]
    assert fcntl  # flock is the lock (released by the system when a process dies)
