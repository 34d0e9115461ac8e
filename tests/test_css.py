"""Only the CSS the site uses: what the purge keeps and drops, and one stylesheet per language."""

from __future__ import annotations

from pathlib import Path

from kyr.site.css import bundle_language, purge_stylesheet, used_classes

PAGE = """<html><body data-md-color-primary="indigo"><div class="md-search"><div class="md-search-result"></div></div>
<nav class="md-nav"><a class="md-nav__link" style="--md-x: 1">x</a></nav><table></table></body></html>"""
SCRIPT = 'x("li",{class:"md-search-result__item"});y("div",{class:"md-tooltip"});el.classList.add("md-nav__link--active")'


def used():
    return used_classes([PAGE], [SCRIPT])


def test_classes_come_from_pages_and_from_scripts_that_fill_a_component_on_the_page() -> None:
    found = used()
    assert {"md-nav", "md-nav__link", "md-search-result"} <= found.classes
    assert "md-search-result__item" in found.classes  # a script fills the search results
    assert "md-nav__link--active" in found.classes  # a script marks the current link
    assert "md-tooltip" not in found.classes  # no page has a tooltip for a script to fill


def test_rules_no_used_class_or_element_can_match_are_dropped() -> None:
    css = (
        ".md-nav{color:red}.md-tooltip{color:blue}.md-nav__link--active,.md-annotation{font-weight:700}"
        "kbd{font:mono}table{width:100%}:is(.md-nav,.md-unused) a{x:y}.md-unused:hover{a:b}"
        "@media screen{.md-tooltip{c:d}.md-nav{e:f}}@media print{.md-banner{g:h}}"
        "[data-md-color-primary=red]{--p:red}[data-md-color-primary=indigo]{--p:indigo}"
        "@font-face{font-family:x;src:local(x)}@keyframes spin{to{transform:rotate(1turn)}}"
    )
    out = purge_stylesheet(css, used())
    assert ".md-nav{color:red}" in out and "table{width:100%}" in out
    assert ".md-nav__link--active{font-weight:700}" in out  # the used half of a selector list
    assert ":is(.md-nav,.md-unused) a" in out  # inside :is() a missing class does not decide
    for gone in (".md-tooltip", ".md-annotation", "kbd", ".md-unused:hover", ".md-banner", "primary=red"):
        assert gone not in out, gone
    assert "@media screen{.md-nav{e:f}}" in out and "@media print" not in out
    assert "@font-face" in out and "@keyframes spin" in out


def test_custom_properties_nobody_reads_are_dropped_with_what_only_they_read() -> None:
    css = (":root{--a:1;--b:var(--c);--c:2;--d:3;--e:var(--f);--f:4;--md-x:5}"
           ".md-nav{width:var(--b)}.md-tooltip{width:var(--e)}")
    out = purge_stylesheet(css, used(), read_elsewhere=".kyr{height:var(--d)}" + PAGE)
    assert "--b:var(--c)" in out and "--c:2" in out  # read by a kept rule, and what it reads
    assert "--d:3" in out  # read by another stylesheet
    assert "--md-x:5" in out  # set by a page
    assert "--a:" not in out and "--e:" not in out and "--f:" not in out


def test_a_language_gets_one_stylesheet_and_every_page_links_it(tmp_path: Path) -> None:
    lang = tmp_path / "es"
    (lang / "assets" / "stylesheets").mkdir(parents=True)
    (lang / "assets" / "kyr").mkdir()
    (lang / "assets" / "stylesheets" / "main.1.min.css").write_text(".md-nav{a:b}.md-tooltip{c:d}")
    (lang / "assets" / "stylesheets" / "palette.2.min.css").write_text("[data-md-color-primary=indigo]{e:f}")
    (lang / "assets" / "kyr" / "kyr.css").write_text(".kyr-card{g:h}")
    links = ('<link rel="stylesheet" href="{p}assets/stylesheets/main.1.min.css">'
             '<link rel="stylesheet" href="{p}assets/stylesheets/palette.2.min.css">'
             '<link rel="stylesheet" href="{p}assets/kyr/kyr.css">')
    (lang / "index.html").write_text(f"<head>{links.format(p='')}</head>{PAGE}")
    (lang / "404.html").write_text(f"<head>{links.format(p='/es/')}</head>{PAGE}")
    name, before, after = bundle_language(lang)
    css = (lang / name).read_text()
    assert css.index(".md-nav") < css.index("indigo") < css.index(".kyr-card") and ".md-tooltip" not in css
    assert after < before
    assert (lang / "index.html").read_text().count('rel="stylesheet"') == 1
    assert f'href="{name}"' in (lang / "index.html").read_text()
    assert f'href="/es/{name}"' in (lang / "404.html").read_text()
    assert sorted(p.name for p in (lang / "assets").rglob("*.css")) == [Path(name).name]
