"""Speak for me, Listen and Share, in Chromium with the phone's speech stubbed (a recorder that
says what it was asked to say, in which language), on a phone viewport."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import active_data

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: A speechSynthesis that records each utterance and "speaks" it at once. ``VOICES`` are the
#: voices the phone has (a list of [lang, name]).
STUB = """
(() => {
  const voices = (window.KYR_VOICES || [["en-US", "English"], ["es-US", "Español"], ["ar-SA", "العربية"],
                                         ["zh-TW", "國語"], ["vi-VN", "Tiếng Việt"]])
    .map(([lang, name]) => ({ lang, name, localService: true, default: false, voiceURI: name }));
  window.__spoken = [];
  window.__shared = [];
  class Utterance { constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.rate = 1; } }
  const synth = {
    speaking: false, paused: false,
    getVoices: () => voices,
    speak(u) {
      window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.lang, rate: u.rate });
      setTimeout(() => u.onend && u.onend({}), 5);
    },
    cancel() {}, pause() { this.paused = true; }, resume() { this.paused = false; },
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  if (window.KYR_SHARE !== false) {
    navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };
  }
})();
"""


def _context(browser, **extra):
    return browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                               is_mobile=True, has_touch=True, service_workers="block", **extra)


def _page(browser, voices=None, share=True):
    context = _context(browser)
    setup = ""
    if voices is not None:
        setup += f"window.KYR_VOICES = {json.dumps(voices)};"
    if not share:
        setup += "window.KYR_SHARE = false;"
    context.add_init_script(setup + STUB)
    return context, context.new_page()


def _languages(site: Path) -> list[str]:
    return sorted(d.name for d in site.iterdir() if (d / "card.html").exists())


def test_speak_for_me_says_the_english_statements_in_english_in_every_language(browser, http_site, real_site) -> None:
    statements = [" ".join(s.en.split()) for s in active_data().card.statements]
    for lang in _languages(real_site.site):
        context, page = _page(browser)
        page.goto(f"{http_site}/{lang}/card.html")
        button = page.locator(".kyr-speak__all")
        button.wait_for(state="visible")
        assert button.inner_text().strip(), lang
        box = button.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, (lang, box)
        button.click()
        page.wait_for_function("n => window.__spoken.length >= n", arg=len(statements))
        spoken = page.evaluate("window.__spoken")
        assert [s["text"] for s in spoken] == statements, lang
        assert {s["lang"] for s in spoken} == {"en-US"} and {s["voice"] for s in spoken} == {"en-US"}, lang
        context.close()


def test_each_statement_has_its_own_button_and_the_card_marks_what_is_said(browser, http_site) -> None:
    context, page = _page(browser)
    page.add_init_script("""(() => { const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
        window.speechSynthesis.speak = (u) => { window.__marked = document.querySelectorAll('.kyr-speaking').length; speak(u); }; })();""")
    page.goto(f"{http_site}/es/card.html")
    ones = page.locator(".kyr-speak__one")
    assert ones.count() == len(active_data().card.statements)
    assert "1" in ones.nth(0).inner_text()  # its name says which sentence
    ones.nth(2).click()
    page.wait_for_function("() => window.__spoken.length >= 1")
    spoken = page.evaluate("window.__spoken")
    assert spoken[0]["text"] == " ".join(active_data().card.statements[2].en.split())
    assert page.evaluate("window.__marked") == 1  # the statement being said is highlighted
    context.close()


def test_without_an_english_voice_the_card_says_so_and_shows_large_type(browser, http_site) -> None:
    context, page = _page(browser, voices=[["es-US", "Español"]])
    page.goto(f"{http_site}/es/card.html")
    note = page.locator(".kyr-speak__none")
    note.wait_for(state="visible", timeout=5000)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert note.inner_text().strip()
    assert page.locator(".kyr-speak__all").is_hidden()
    assert page.locator(".kyr-card--large").count() == 1
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kyr-card__en')).fontSize)")
    assert size >= 24
    context.close()


def test_without_speech_nothing_to_tap_appears_and_the_card_is_large(browser, http_site) -> None:
    context = _context(browser)
    context.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    page = context.new_page()
    page.goto(f"{http_site}/es/card.html")
    page.locator(".kyr-speak__none").wait_for(state="visible", timeout=5000)
    assert page.locator(".kyr-speak__all").is_hidden() and page.locator(".kyr-listen").is_hidden()
    context.close()


def test_with_scripts_off_no_speech_or_share_button_shows(browser, http_site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for name in ("card.html", "index.html", "at-home.html"):
        page.goto(f"{http_site}/es/{name}")
        for selector in (".kyr-speak", ".kyr-speak__one", ".kyr-speak__none", ".kyr-listen", ".kyr-share"):
            assert all(not el.is_visible() for el in page.locator(selector).all()), (name, selector)
    context.close()


def test_listen_reads_the_page_in_its_language_and_english_parts_in_english(browser, http_site, real_site) -> None:
    context, page = _page(browser)
    page.goto(f"{http_site}/es/at-home.html")
    play = page.locator(".kyr-listen__play")
    play.wait_for(state="visible")
    # After the page's title, within reach of a thumb.
    assert page.evaluate("document.querySelector('article h1').nextElementSibling.classList.contains('kyr-listen')")
    play.click()
    page.wait_for_function("() => window.__spoken.length > 10 && document.querySelector('.kyr-listen__stop').hidden",
                           timeout=30000)
    spoken = page.evaluate("window.__spoken")
    langs = {s["lang"] for s in spoken}
    assert langs <= {"es-US", "en-US"} and "es-US" in langs
    said = " ".join(s["text"] for s in spoken)
    title = page.locator("article h1").inner_text().replace("¶", "").strip()
    assert title in said
    # English kept in the translation (say-aloud sentences) is read in English.
    english = [s["text"] for s in spoken if s["lang"] == "en-US"]
    assert any("I do not consent" in t for t in english), english[:5]
    # Navigation, citations and code are skipped.
    sources = real_site.page("es", "at-home.html")
    for source in re.findall(r'<ul class="kyr-sources"[^>]*>(.*?)</ul>', sources, re.S)[:1]:
        first = re.sub(r"<[^>]+>", "", source).split("\n")[0].strip()
        if first:
            assert first not in said
    assert "Saltar" not in said  # Material's "skip to content" link
    context.close()


def test_listen_pauses_resumes_stops_and_changes_speed(browser, http_site) -> None:
    context, page = _page(browser)
    page.add_init_script("""(() => { const s = window.speechSynthesis; s.speak = function (u) {
        window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate }); window.__current = u; }; })();""")
    page.goto(f"{http_site}/es/at-home.html")
    page.locator(".kyr-listen__rate").select_option("0.75")
    page.locator(".kyr-listen__play").click()
    page.wait_for_function("() => window.__spoken.length === 1")
    assert page.evaluate("window.__spoken[0].rate") == 0.75
    assert page.evaluate("document.querySelectorAll('.kyr-speaking').length") == 1
    page.locator(".kyr-listen__pause").click()
    assert page.evaluate("window.speechSynthesis.paused") is True
    page.locator(".kyr-listen__resume").click()
    assert page.evaluate("window.speechSynthesis.paused") is False
    page.evaluate("window.__current.onend({})")  # the first part ends: the next begins
    page.wait_for_function("() => window.__spoken.length === 2")
    page.locator(".kyr-listen__stop").click()
    assert page.evaluate("document.querySelectorAll('.kyr-speaking').length") == 0
    assert page.locator(".kyr-listen__play").get_attribute("aria-pressed") == "false"
    context.close()


def test_without_a_voice_for_the_page_it_says_so_and_offers_the_english_audio(browser, http_site) -> None:
    context, page = _page(browser, voices=[["en-US", "English"]])
    page.goto(f"{http_site}/ar/at-home.html")
    page.locator(".kyr-listen__play").click()
    note = page.locator(".kyr-listen__none")
    note.wait_for(state="visible", timeout=5000)
    link = note.locator("a")
    assert link.get_attribute("href").endswith("en/at-home.html#kyr-listen")
    assert page.evaluate("() => window.__spoken.length") == 0
    link.click()
    page.wait_for_url("**/en/at-home.html#kyr-listen")
    # The English page does not start talking by itself (a screen reader may be speaking).
    assert page.evaluate("() => window.__spoken.length") == 0
    assert page.evaluate("document.activeElement.classList.contains('kyr-listen__play')")
    context.close()


# -- Share ------------------------------------------------------------------------------------


def test_every_language_has_a_short_text_to_forward(real_site) -> None:
    data = active_data()
    statements = [" ".join(s.en.split()) for s in data.card.statements]
    languages = _languages(real_site.site)
    assert len(languages) >= 14
    for lang in languages:
        text = (real_site.site / lang / "share.txt").read_text(encoding="utf-8")
        assert len(text) <= 1600, (lang, len(text))
        for statement in statements:
            assert statement in text, (lang, statement)
        for county_line in data.region.county_lines():
            assert county_line.main.display in text, (lang, county_line.county.id)
        steps = [line for line in text.splitlines() if re.match(r"^\d\. ", line)]
        assert len(steps) == len(data.share["steps"]), lang


def test_share_hands_the_text_to_the_phone_and_copies_where_it_cannot(browser, http_site, real_site) -> None:
    for name in ("index.html", "card.html"):
        context, page = _page(browser)
        page.goto(f"{http_site}/es/{name}")
        button = page.locator(".kyr-share__button")
        button.wait_for(state="visible")
        assert button.bounding_box()["height"] >= 48
        button.click()
        page.wait_for_function("() => window.__shared.length === 1")
        shared = page.evaluate("window.__shared[0].text")
        expected = (real_site.site / "es" / "share.txt").read_text(encoding="utf-8")
        assert shared.startswith(expected.rstrip("\n"))
        assert f"{http_site}/es/" in shared  # the address it was read from (no site_url yet)
        assert len(shared) <= 1600
        context.close()
    # No Web Share (a desktop): the button copies the text instead.
    context, page = _page(browser, share=False)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{http_site}/es/index.html")
    button = page.locator(".kyr-share__button")
    assert button.inner_text() != page.locator(".kyr-share__button").get_attribute("data-share")
    button.click()
    page.locator(".kyr-share__done").wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()").startswith("Conozca")
    context.close()


def test_speech_and_share_work_from_the_offline_zip(browser, real_site, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(real_site.site / "downloads" / "kyr-es.zip") as z:
        z.extractall(tmp_path)
    folder = next(tmp_path.iterdir())
    context, page = _page(browser)
    page.goto((folder / "card.html").as_uri())
    page.locator(".kyr-speak__all").click()
    page.wait_for_function("() => window.__spoken.length >= 1")
    page.locator(".kyr-share__button").click()
    page.wait_for_function("() => window.__shared.length === 1")
    assert "I want to speak to a lawyer." in page.evaluate("window.__shared[0].text")
    page.goto((folder / "at-home.html").as_uri())
    page.locator(".kyr-listen__play").click()
    page.wait_for_function("() => window.__spoken.length > 3")
    context.close()


def test_the_listen_controls_are_placed_after_the_title() -> None:
    from kyr.site.pages import listen_after_title

    page = ('<article><div class="kyr-listen" hidden><p><button>Listen</button></p>'
            '<p class="kyr-listen__none" hidden>No voice</p></div>\n<h1 id="t">Title</h1><p>Text</p></article>')
    out = listen_after_title(page)
    assert out == ('<article><h1 id="t">Title</h1><div class="kyr-listen" hidden><p><button>Listen</button></p>'
                   '<p class="kyr-listen__none" hidden>No voice</p></div><p>Text</p></article>')
    assert listen_after_title("<article><h1>T</h1></article>") == "<article><h1>T</h1></article>"
