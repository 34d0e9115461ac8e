"""Placeholders keep link targets, macros and HTML out of what translators edit."""

from __future__ import annotations

import pytest

from kyr.i18n.placeholders import PlaceholderError, describe, escape_translation, protect, restore


@pytest.mark.parametrize(
    "text, msgid, tokens",
    [
        ("Plain text.", "Plain text.", ()),
        ("See [hotlines](hotlines.md#sf).", "See [hotlines]({1}).", ("hotlines.md#sf",)),
        ("Call [the line](tel:+14152001548){ .md-button } now.", "Call [the line]({1}){2} now.",
         ("tel:+14152001548", "{ .md-button }")),
        ("![A card](card.png) here", "![A card]({1}) here", ("card.png",)),
        ("Call {{ hotline sf-rrn }} now.", "Call {1} now.", ("{{ hotline sf-rrn }}",)),
        ("Line<br>break and <kbd>Ctrl</kbd>", "Line{1}break and {2}Ctrl{3}", ("<br>", "<kbd>", "</kbd>")),
        ("Mail <help@example.org> or <https://example.org>", "Mail {1} or {2}",
         ("<help@example.org>", "<https://example.org>")),
        ("Text[^1] with note", "Text{1} with note", ("[^1]",)),
        ("Keep `code [x](y)` as is", "Keep `code [x](y)` as is", ()),
        ("Nested [**bold** <b>x</b>](a.md)", "Nested [**bold** {2}x{3}]({1})", ("a.md", "<b>", "</b>")),
        ("Link with (parens) [x](a_(b).md) end", "Link with (parens) [x]({1}) end", ("a_(b).md",)),
        ("See [the law][sb54].", "See [the law][{1}].", ("sb54",)),
        (r"Escaped \[not a link](x)", r"Escaped \[not a link](x)", ()),
    ],
)
def test_protect(text: str, msgid: str, tokens: tuple[str, ...]) -> None:
    protected = protect(text)
    assert protected.msgid == msgid
    assert protected.tokens == tokens
    assert restore(protected.msgid, protected.tokens) == text


def test_translations_restore_targets_from_the_source() -> None:
    p = protect("Call [the hotline](tel:+14152001548).")
    assert restore("Llame a [la línea]({1}).", p.tokens) == "Llame a [la línea](tel:+14152001548)."


def test_reordered_placeholders() -> None:
    p = protect("[A](a.md) then [B](b.md)")
    assert restore("[B]({2}) y [A]({1})", p.tokens) == "[B](b.md) y [A](a.md)"


def test_unknown_placeholder_is_refused() -> None:
    with pytest.raises(PlaceholderError):
        restore("{3}", ("a",))


def test_literal_braces_in_source_are_refused() -> None:
    with pytest.raises(PlaceholderError):
        protect("Use {1} here")


def test_escape_translation_neutralises_html_and_attribute_lists() -> None:
    assert escape_translation("<img src=x onerror=alert(1)> {1} {: onclick=x }") == (
        "&lt;img src=x onerror=alert(1)> {1} \\{: onclick=x \\}"
    )


def test_notes_say_what_each_placeholder_is() -> None:
    notes = describe(protect("[x](tel:+1415) {{ hotline sf }} <br>").tokens)
    assert notes[0].startswith("{1} is a link target: tel:+1415")
    assert "hotline sf" in notes[1]
    assert "formatting" in notes[2]
