"""In Debian's Chromium, on a phone: offline use, privacy, weight, accessibility, print."""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import LANGUAGES, ROOT, site_pages
from kyr.languages import make_language

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LANGS = LANGUAGES
AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _context(browser, **extra):
    return browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                               is_mobile=True, has_touch=True, **extra)


# -- Offline --------------------------------------------------------------------------------------


def _not_saved_in_advance() -> set[str]:
    """The pages whose front matter says ``offline: false``, as built file names."""
    import yaml

    out = set()
    for path in (ROOT / "docs").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---") and (yaml.safe_load(text.split("---")[1]) or {}).get("offline") is False:
            out.add(path.stem + ".html")
    return out


def test_a_language_works_offline_after_one_visit(browser, http_site, real_site) -> None:
    context = _context(browser, service_workers="allow")
    page = context.new_page()
    page.goto(f"{http_site}/es/index.html")
    status = page.locator(".kyr-offline__ready")
    status.wait_for(state="visible", timeout=30000)
    assert "internet" in status.inner_text().lower() or status.inner_text()
    assert status.evaluate("e => e.closest('[lang]').lang") == "es"
    # The cache holds this language's pages, index and assets, and nothing of other languages.
    cached = page.evaluate("""async () => {
        const names = await caches.keys();
        const urls = [];
        for (const name of names) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
        return [names, urls];
    }""")
    names, urls = cached
    assert len(names) == 1 and names[0].startswith("kyr-es-")
    paths = {urlsplit(u).path for u in urls}
    assert all(p.startswith("/es/") for p in paths)
    assert "/es/search/search_index.json" in paths
    assert not any(p.endswith((".pdf", ".zip", ".map")) for p in paths)
    # Pages readers do not need offline (front matter offline: false) are kept once opened.
    later = _not_saved_in_advance()
    assert later and not any(f"/es/{name}" in paths for name in later)
    page.goto(f"{http_site}/es/{sorted(later)[0]}")
    context.set_offline(True)
    for name in [n for n in site_pages(real_site.site, "es") if n not in later] + [sorted(later)[0]]:
        response = page.goto(f"{http_site}/es/{name}")
        assert response is not None and response.ok, name
        assert page.locator("article").count() == 1, name
    # Search, offline.
    page.goto(f"{http_site}/es/index.html")
    page.locator("label[for=__search]:visible").first.click()
    page.locator("[data-md-component=search-query]").press_sequentially("abogado")  # as a reader types
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    context.close()


def test_every_language_saves_at_most_1_5_mb_in_advance(real_site) -> None:
    for lang in (d for d in real_site.site.iterdir() if (d / "sw.js").is_file()):
        sw = (lang / "sw.js").read_text(encoding="utf-8")
        files = json.loads(re.search(r"const FILES = (\[.*?\]);", sw, re.S).group(1))
        size = sum((lang / f).stat().st_size for f in files)
        assert size <= 1_500_000, f"{lang.name}: {size} bytes saved in advance"
        assert not set(files) & _not_saved_in_advance(), lang.name


def test_with_save_data_only_what_the_reader_opens_is_kept_until_they_ask(browser, http_site) -> None:
    """The phone's data saver on: nothing is downloaded in advance; the pages opened are kept,
    and "Save this guide for offline use" keeps the rest."""
    context = _context(browser, service_workers="allow")
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    count = """async () => { const urls = [];
        for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
        return urls.map(u => new URL(u).pathname); }"""
    page.goto(f"{http_site}/tl/index.html")
    save = page.locator(".kyr-offline__save")
    save.wait_for(state="visible", timeout=30000)
    assert page.evaluate(count) == []
    page.goto(f"{http_site}/tl/at-home.html")
    save.wait_for(state="visible", timeout=30000)
    kept = page.evaluate(count)
    assert "/tl/at-home.html" in kept and "/tl/search/search_index.json" not in kept
    assert len(kept) < 10, kept
    page.locator(".kyr-offline__save-all").click()
    page.locator(".kyr-offline__ready").wait_for(state="visible", timeout=60000)
    kept = page.evaluate(count)
    assert "/tl/search/search_index.json" in kept and "/tl/card.html" in kept
    context.set_offline(True)
    assert page.goto(f"{http_site}/tl/card.html").ok
    assert page.locator("article").count() == 1
    context.close()


def test_an_installed_copy_offers_the_new_version_once_online(browser, real_site, tmp_path: Path) -> None:
    """A reader who visited once gets the updated guide: the page offers the new version."""
    import functools
    import shutil
    import socketserver
    import threading

    from conftest import _QuietHandler
    from kyr.languages import make_language
    from kyr.site.offline import write_service_worker

    folder = tmp_path / "es"
    shutil.copytree(real_site.site / "es", folder)
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/es"
    try:
        context = _context(browser, service_workers="allow")
        page = context.new_page()
        page.goto(f"{base}/index.html")
        page.locator(".kyr-offline__ready").wait_for(state="visible", timeout=30000)
        # The site is rebuilt with a change; the reader comes back online.
        index = folder / "index.html"
        index.write_text(index.read_text(encoding="utf-8").replace("</h1>", " KYR-NEW</h1>", 1), encoding="utf-8")
        write_service_worker(folder, make_language("es"))
        page.reload()
        update = page.locator(".kyr-offline__update")
        update.wait_for(state="visible", timeout=30000)
        assert update.evaluate("e => e.closest('[lang]').lang") == "es"
        with page.expect_navigation(timeout=30000):
            page.locator(".kyr-offline__reload").click()
        assert "KYR-NEW" in page.locator("article h1").first.inner_text()
        context.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_offline_zip_works_from_files(browser, real_site, tmp_path: Path) -> None:
    with zipfile.ZipFile(real_site.site / "downloads" / "kyr-es.zip") as zf:
        zf.extractall(tmp_path)
    folder = tmp_path / "kyr-es"
    assert (folder / "index.html").exists() and (folder / "search" / "search_index.js").exists()
    assert not (folder / "sw.js").exists()
    context = _context(browser)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((folder / "index.html").as_uri())
    # Navigation: follow a link in the page.
    page.locator("article a[href='at-home.html']").first.click()
    page.wait_for_url("**/at-home.html")
    assert page.locator("article h1").count() == 1
    # Search in Spanish, from file://.
    page.locator("label[for=__search]:visible").first.click()
    page.locator("[data-md-component=search-query]").press_sequentially("orden")  # as a reader types
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert problems == []
    assert all(u.startswith("file://") for u in requests), [u for u in requests if not u.startswith("file://")]
    # Links to other languages do not point into the missing folders.
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="../en/' not in html and "kyr-bundle" not in html
    context.close()


# -- Privacy --------------------------------------------------------------------------------------


def test_no_request_leaves_the_site_and_nothing_is_tracked(browser, http_site, real_site) -> None:
    host = urlsplit(http_site).netloc
    context = _context(browser, service_workers="block")
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc != host else None)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for lang in LANGS:
        for name in site_pages(real_site.site, lang):
            page.goto(f"{http_site}/{lang}/{name}")
            html = page.content()
            assert "default-src 'self'" in html and 'name="referrer" content="no-referrer"' in html, name
    page.goto(f"{http_site}/index.html")
    assert foreign == []
    assert violations == []
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    # Use the site: search, switch colours, tick the checklist. Only preferences are stored.
    page.goto(f"{http_site}/en/family-plan.html")
    page.locator("label[for=__search]:visible").first.click()
    page.locator("[data-md-component=search-query]").press_sequentially("lawyer")  # as a reader types
    page.keyboard.press("Escape")
    page.locator("label[for^=__palette_]:visible").first.click()
    page.locator(".task-list-control").first.click()
    assert page.locator(".task-list-item input").first.is_checked()
    stored = page.evaluate("Object.keys(localStorage)")
    assert all(re.search(r"(\.__palette$|^kyr-checklist:)", key) for key in stored), stored
    session = page.evaluate("Object.keys(sessionStorage)")
    assert all(key.endswith(("__search", "__palette")) or key.startswith("kyr") for key in session), session
    assert foreign == [] and context.cookies() == []
    context.close()


def test_external_links_carry_no_referrer(real_site) -> None:
    for lang in ("en", "ar"):
        for name in site_pages(real_site.site, lang):
            for tag in re.findall(r'<a\s[^>]*href="https?://[^"]*"[^>]*>', real_site.page(lang, name)):
                assert 'rel="noopener noreferrer"' in tag, f"{lang}/{name}: {tag}"


# -- Weight ---------------------------------------------------------------------------------------


def _first_visit(browser, url: str, root: Path, base: str) -> tuple[int, list[str]]:
    context = _context(browser, service_workers="block")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    total = 0
    for u in fetched:
        path = root / urlsplit(u).path.lstrip("/")
        if path.is_file() and path.suffix in (".html", ".css", ".js"):
            total += len(gzip.compress(path.read_bytes(), 9))
    return total, fetched


def test_first_visit_is_light_and_loads_no_search(browser, http_site, real_site) -> None:
    for lang in ("en", "ar", "zh-Hant"):
        for name in ("index.html", "at-home.html", "employers.html"):
            total, fetched = _first_visit(browser, f"{http_site}/{lang}/{name}", real_site.site, http_site)
            assert total <= 70 * 1024, f"{lang}/{name}: {total} bytes gzip"
            assert not any("search_index" in u or "/workers/" in u or "bundle." in u for u in fetched), fetched


def test_text_is_readable_before_any_script_runs(browser, http_site) -> None:
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{http_site}/ar/at-home.html")
    assert page.locator("article h1").is_visible()
    assert page.locator(".kyr-review-note").is_visible()
    assert len(page.locator("article").inner_text()) > 1000
    context.close()


# -- Accessibility --------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing(browser, http_site, real_site, lang: str, scheme: str) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `scripts/setup.sh test` (make test does)")
    context = _context(browser, bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    axe = AXE.read_text(encoding="utf-8")
    found = []
    for name in site_pages(real_site.site, lang):
        page.goto(f"{http_site}/{lang}/{name}")
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        page.add_script_tag(content=axe)
        violations = page.evaluate(
            "tags => axe.run({runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => "
            "v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ')))",
            AXE_TAGS,
        )
        found += [f"{name}: {v}" for v in violations]
    context.close()
    assert found == [], "\n".join(found)


def test_focus_is_visible(browser, http_site) -> None:
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{http_site}/en/at-home.html")
    for _ in range(6):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return [e.tagName, s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }""")
        if style[0] == "BODY":
            continue
        assert (style[1] != "none" and style[2] >= 2) or style[3] != "none", style
    context.close()


def test_tap_targets_are_at_least_48px(browser, http_site) -> None:
    context = _context(browser)
    page = context.new_page()
    small = []
    for lang in ("en", "ar"):
        for name in ("index.html", "family-plan.html", "hotlines.html", "print.html"):
            page.goto(f"{http_site}/{lang}/{name}")
            page.locator("label[for=__drawer]:visible").first.click()  # open the menu: nav links count too
            small += page.evaluate("""() => {
              const out = [];
              const sel = '.md-header__button, .md-nav__link, .md-select__link, .md-footer__link, .kyr-tel, .task-list-control, .kyr-bundle a, .kyr-print__files a';
              for (const el of document.querySelectorAll(sel)) {
                const r = el.getBoundingClientRect();
                if (!r.width || getComputedStyle(el).visibility === 'hidden') continue;
                if (r.width < 47.5 || r.height < 47.5) out.push(location.pathname + ' ' + el.className + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
              }
              return out; }""")
            page.locator("label[for=__drawer]").first.evaluate("l => document.getElementById('__drawer').checked = false")
    context.close()
    assert small == [], small


@pytest.mark.parametrize("lang", ["en", "ur", "ru"])
def test_previous_and_next_links_are_named_by_their_titles(browser, http_site, lang: str) -> None:
    """A screen reader names the footer's links by the page they lead to, on a phone too, where
    the previous page's title is not shown."""
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{http_site}/{lang}/family-plan.html")
    footer = page.locator("nav.md-footer__inner")
    for which in ("prev", "next"):
        title = " ".join(footer.locator(f".md-footer__link--{which} .md-ellipsis").text_content().split())
        assert footer.get_by_role("link", name=title).count() == 1, (which, title)
    assert footer.locator(".md-footer__link--next .md-ellipsis").is_visible()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar", "vi"])
def test_200_percent_text_fits_a_phone(browser, http_site, real_site, lang: str) -> None:
    context = _context(browser)
    page = context.new_page()
    wide = []
    for name in site_pages(real_site.site, lang):
        page.goto(f"{http_site}/{lang}/{name}")
        page.evaluate("() => { const s = parseFloat(getComputedStyle(document.documentElement).fontSize); "
                      "document.documentElement.style.fontSize = (2 * s) + 'px'; }")
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width[0] > width[1]:
            wide.append(f"{name}: {width[0]}px at {width[1]}px")
    context.close()
    assert wide == [], wide


def test_arabic_is_mirrored_and_numbers_read_left_to_right(browser, http_site) -> None:
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{http_site}/ar/hotlines.html")
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"
    header = page.evaluate("""() => { const m = document.querySelector('.md-header__button[for=__drawer]').getBoundingClientRect();
                                      return m.left > window.innerWidth / 2; }""")
    assert header, "the menu button is not on the right in Arabic"
    numbers = page.evaluate("""() => [...document.querySelectorAll('.kyr-tel')].map(e => {
        const s = getComputedStyle(e); return [e.textContent, s.direction, s.unicodeBidi]; })""")
    assert numbers and all(d == "ltr" and b == "isolate" for _, d, b in numbers), numbers
    context.close()


_WRAPPED_ENGLISH = """() => {
    // The first English sentence inside Arabic text: a marked span of several words that ends a
    // sentence, in a paragraph or list item that is mostly Arabic.
    const spans = [...document.querySelectorAll('article p span[lang=en], article li span[lang=en]')];
    const span = spans.find(s => /^[A-Z].* .* .*[.!?]$/.test(s.textContent)
                                 && /[\u0600-\u06ff]/.test(s.closest('p, li').textContent));
    if (!span) return null;
    const block = span.closest('p, li');
    block.style.width = Math.max(120, span.getBoundingClientRect().width * 0.5) + 'px';
    block.scrollIntoView();
    const words = [];
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Words, and a sentence's closing stop on its own: it must come after the last word.
        for (const m of node.textContent.matchAll(/[^ .!?]+|[.!?]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
            const r = range.getClientRects()[0];
            words.push({text: m[0], left: r.left, right: r.right, top: Math.round(r.top)});
        }
    }
    return {text: span.textContent, dir: getComputedStyle(span).direction,
            bidi: getComputedStyle(span).unicodeBidi, words};
}"""


def test_english_inside_arabic_stays_in_order_when_it_wraps(browser, http_site, tmp_path: Path) -> None:
    """An English sentence in an Arabic paragraph, narrowed until it wraps, still reads left to
    right on each line and top to bottom, with its full stop after its last word."""
    context = _context(browser)
    page = context.new_page()
    found = None
    for name in ("arrested.html", "at-home.html", "in-public.html", "card.html", "at-work.html"):
        page.goto(f"{http_site}/ar/{name}")
        found = page.evaluate(_WRAPPED_ENGLISH)
        if found:
            break
    assert found, "no English sentence inside Arabic text on the Arabic pages"
    page.screenshot(path=str(tmp_path / "arabic-wrapped-english.png"))
    assert (tmp_path / "arabic-wrapped-english.png").stat().st_size > 1000
    assert (found["dir"], found["bidi"]) == ("ltr", "isolate"), found
    words = found["words"]
    lines = sorted({w["top"] for w in words})
    assert len(lines) >= 2, f"the sentence did not wrap: {found['text']}"
    for before, after in zip(words, words[1:]):
        if before["top"] == after["top"]:
            assert before["right"] <= after["left"] + 1, (before, after, found["text"])
        else:
            assert after["top"] > before["top"], (before, after, found["text"])
    assert words[-1]["text"] in (".", "!", "?"), words[-1]
    context.close()


# -- Print ----------------------------------------------------------------------------------------


def test_print_stylesheet(browser, http_site) -> None:
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{http_site}/en/schools-hospitals-courts.html")
    page.emulate_media(media="print")
    link = page.evaluate("""() => { const a = document.querySelector('.md-typeset p a[href^="http"]');
                                    return a && getComputedStyle(a, '::after').content; }""")
    assert link and "https://oag.ca.gov" in link
    page.goto(f"{http_site}/en/at-home.html")
    result = page.evaluate("""() => {
      const shown = sel => { const e = document.querySelector(sel); return e && getComputedStyle(e).display !== 'none'; };
      const body = getComputedStyle(document.querySelector('.md-typeset'));
      const link = [...document.querySelectorAll('.md-typeset a[href^="http"]')][0];
      const tel = document.querySelector('.kyr-line__tel');
      return {header: shown('.md-header'), nav: shown('.md-sidebar--primary'), search: shown('.md-search'),
              color: body.color, background: getComputedStyle(document.body).backgroundColor,
              after: link ? getComputedStyle(link, '::after').content : null,
              tel: tel ? parseFloat(getComputedStyle(tel).fontSize) : 0,
              base: parseFloat(body.fontSize)};
    }""")
    context.close()
    assert not result["header"] and not result["nav"] and not result["search"]
    assert result["color"] in ("rgb(0, 0, 0)",) and result["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert result["tel"] >= 1.5 * result["base"]


def test_manifest_per_language(real_site) -> None:
    for lang in LANGS:
        manifest = json.loads((real_site.site / lang / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang and manifest["start_url"] == "index.html" and manifest["scope"] == "./"
        assert manifest["dir"] == make_language(lang).direction, lang
        assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
        assert manifest["name"]
    assert json.loads((real_site.site / "es" / "manifest.webmanifest").read_text())["short_name"] != "Know your rights"


# -- Search that finds ---------------------------------------------------------------------------


def _search_count(page, query: str) -> int:
    page.locator("label[for=__search]:visible").first.click()
    field = page.locator("[data-md-component=search-query]")
    field.fill("")
    field.press_sequentially(query)  # as a reader types
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta'); return m && /\\d/.test(m.textContent); }",
        timeout=15000,
    )
    text = meta.inner_text()
    page.keyboard.press("Escape")
    return int(re.search(r"\d+", text).group(0))


# (language, query, another query that must find the same pages): plural and singular, and a
# word typed without its accents.
SEARCHES = [
    ("en", "lawyers", "lawyer"),
    ("es", "abogados", "abogado"),
    ("es", "deportacion", "deportación"),
    ("vi", "luat su", "luật sư"),
    # The six languages of issue 15: lunr stems pt and ru; hi, pa, ur and fa have no stemmer,
    # but their words, punctuation and letter forms are found.
    ("pt-BR", "advogados", "advogado"),
    ("ru", "адвокаты", "адвокат"),
    ("hi", "कागज", "कागज़"),  # without the nukta
    ("pa", "ਵਕੀਲ", "ਵਕੀਲ"),
    ("ur", "وکیل", "وکیل"),
    ("fa-AF", "وكيل", "وکیل"),  # typed with Arabic kaf and yeh
    ("fa-AF", "میتوانید", "می\u200cتوانید"),  # without the zero-width non-joiner
]


@pytest.mark.parametrize("lang, query, same", SEARCHES)
def test_search_finds_plurals_and_words_typed_without_accents(browser, http_site, lang, query, same) -> None:
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{http_site}/{lang}/index.html")
    found, expected = _search_count(page, query), _search_count(page, same)
    context.close()
    assert found > 0 and found >= expected * 0.8, (query, found, same, expected)


def test_search_without_accents_works_from_the_zip(browser, real_site, tmp_path: Path) -> None:
    with zipfile.ZipFile(real_site.site / "downloads" / "kyr-es.zip") as zf:
        zf.extractall(tmp_path)
    context = _context(browser)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto((tmp_path / "kyr-es" / "index.html").as_uri())
    assert _search_count(page, "deportacion") == _search_count(page, "deportación") > 0
    assert _search_count(page, "abogados") >= 0.8 * _search_count(page, "abogado") > 0
    context.close()
    assert problems == []


# -- Only the CSS the site uses ----------------------------------------------------------------


def _original_css() -> str:
    """Material's stylesheets and the kit's, as they were before the build purged and joined them."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    main = next(folder.glob("main.*.min.css")).read_text(encoding="utf-8")
    palette = next(folder.glob("palette.*.min.css")).read_text(encoding="utf-8")
    return "\n".join([main, palette, (ROOT / "overrides" / "assets" / "kyr" / "kyr.css").read_text(encoding="utf-8")])


# (page, scheme, what to do before the picture): the states a reader sees.
LOOKS = [
    ("en/index.html", "light", None),
    ("en/at-home.html", "dark", None),
    ("en/card.html", "light", "print"),
    ("ar/at-home.html", "light", None),
    ("en/family-plan.html", "light", "drawer"),
    ("es/index.html", "light", "search"),
]


_STYLES = """(detail) => {
    // Every element's computed style (custom properties aside), and its ::before, ::after and
    // ::marker: a digest per element, or the styles themselves for the elements asked about.
    const out = [];
    const all = [...document.querySelectorAll("*")];
    const hash = (text) => { let h = 0; for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0; return h; };
    all.forEach((el, i) => {
        if (detail && !detail.includes(i)) return;
        const parts = [];
        for (const pseudo of [null, "::before", "::after", "::marker"]) {
            const style = getComputedStyle(el, pseudo);
            for (let j = 0; j < style.length; j++) {
                // Custom properties show only through the properties that read them.
                if (!style[j].startsWith("--")) parts.push((pseudo || "") + style[j] + ":" + style.getPropertyValue(style[j]));
            }
        }
        const text = parts.join(";");
        out.push(detail ? [i, el.tagName + "." + el.className, text] : hash(text));
    });
    return out;
}"""


@pytest.mark.parametrize("path, scheme, action", LOOKS)
def test_only_the_css_the_site_uses_and_pages_look_the_same(browser, http_site, real_site, path, scheme,
                                                            action) -> None:
    """Each page links one stylesheet, much smaller than Material's, and every element has the
    same computed style as with Material's whole stylesheets (closed and open menus, search
    results, print), so the page looks the same."""
    lang = path.split("/")[0]
    sheets = list((real_site.site / lang / "assets" / "stylesheets").glob("*.css"))
    assert len(sheets) == 1 and sheets[0].name.startswith("site."), sheets
    html = (real_site.site / path).read_text(encoding="utf-8")
    assert html.count('rel="stylesheet"') == 1
    original = _original_css()
    assert sheets[0].stat().st_size < 0.6 * len(original.encode())

    def styles(css: str | None, detail: list[int] | None = None) -> list:
        # No service worker: its "saved for offline use" note appears whenever it is done.
        context = _context(browser, color_scheme=scheme, reduced_motion="reduce", service_workers="block")
        page = context.new_page()
        if css is not None:
            page.route("**/assets/stylesheets/site.*.css",
                       lambda route: route.fulfill(status=200, content_type="text/css", body=css))
        page.goto(f"{http_site}/{path}")
        page.wait_for_load_state("networkidle")
        if action == "print":
            page.emulate_media(media="print")
        elif action == "drawer":
            page.locator("label[for=__drawer]:visible").first.click()
        elif action == "search":
            page.locator("label[for=__search]:visible").first.click()
            page.locator("[data-md-component=search-query]").press_sequentially("abogado")
            page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0",
                                   timeout=15000)
        page.wait_for_timeout(300)
        found = page.evaluate(_STYLES, detail)
        context.close()
        return found

    purged, whole = styles(None), styles(original)
    assert len(purged) == len(whole), "the pages differ in their elements"
    if purged != whole:
        differing = [i for i, (a, b) in enumerate(zip(purged, whole)) if a != b][:5]
        a, b = styles(None, differing), styles(original, differing)
        report = []
        for (i, name, x), (_, _, y) in zip(a, b):
            xs, ys = set(x.split(";")), set(y.split(";"))
            report.append(f"{name}: purged {sorted(xs - ys)[:4]} vs whole {sorted(ys - xs)[:4]}")
        raise AssertionError(f"{path} ({scheme}, {action}): styles differ\n" + "\n".join(report))


@pytest.mark.parametrize("lang", ["en", "ar", "hi"])
def test_nothing_moves_when_the_script_shows_its_buttons(browser, http_site, lang: str) -> None:
    """The Listen, Speak and Share buttons appear where the phone can use them, without pushing
    the text the reader has started to read (no layout shift; Lighthouse's CLS)."""
    context = _context(browser)
    page = context.new_page()
    page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
        if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});""")
    for name in ("index.html", "card.html", "at-home.html"):
        page.goto(f"{http_site}/{lang}/{name}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(1500)
        assert page.locator(".kyr-listen").is_visible(), name  # Chromium can speak: the buttons show
        shift = page.evaluate("window.__shift")
        assert shift < 0.01, f"{lang}/{name}: layout shift {shift:.3f}"
    context.close()
