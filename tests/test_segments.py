"""The segmenter: Markdown → segments → Markdown, on its own."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from conftest import EXTENSIONS, ROOT
from kyr.i18n.segments import apply, segment, split_front_matter

SAMPLE = (Path(__file__).parent / "data" / "segments_sample.md").read_text(encoding="utf-8")

CASES = {
    "nested lists": """\
- one
- two
    - two a
    - two b
        1. deep
- three

    Loose paragraph in three.

1. first
2. second
   continued lazily
""",
    "table": """\
| Paper | Signed by | Lets agents in? |
|:------|:---------:|----------------:|
| Court warrant | A **judge** | Yes, `sometimes` |
| I-205 | An officer \\| ICE | No |
""",
    "admonitions": """\
!!! warning "This is changing"
    First line
    second line.

    - a list inside

??? note
    Collapsed.

???+ tip "Open"
    Open by default.

!!! danger ""
    No title at all.
""",
    "attribute lists": """\
# Title { #top .big }

Paragraph with attributes.
{: .lead #intro }

[Call now](tel:+14155550100){ .md-button }
""",
    "code blocks": """\
Before.

```python
print("not extracted")
```

~~~
also not
~~~

    indented code

After.
""",
    "html": """\
<div class="card" markdown>
Inside.

- list inside
</div>

<div lang="en" translate="no" markdown>
Never extracted.
</div>

<p>raw html block</p>
""",
    "quotes and definitions": """\
> Quoted
> text.

Term
:   Definition one.

    Second paragraph.

Other term
:   Other definition.
""",
    "references and comments": """\
<!-- an author's remark -->
See [the law][sb54].

[sb54]: https://leginfo.legislature.ca.gov/ "SB 54"
*[ICE]: Immigration and Customs Enforcement

<!-- i18n: a note -->
Text after a note.
""",
    "setext": """\
Big title
=========

Small title
-----------

Text.
""",
    "no trailing newline": "# Title\n\nLast line without newline",
    "crlf-free empty": "",
}


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def normalize(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


ALL = {"sample": SAMPLE, **CASES}


@pytest.mark.parametrize("name", ALL)
def test_untranslated_application_reproduces_page_exactly(name: str) -> None:
    text = ALL[name]
    assert apply(text, lambda seg: None).markdown == text


@pytest.mark.parametrize("name", ALL)
def test_translating_every_segment_to_itself_renders_the_same(name: str) -> None:
    text = ALL[name]
    result = apply(text, lambda seg: seg.text)
    assert normalize(render(result.markdown)) == normalize(render(text))
    assert result.translated == result.total == len(segment(text))


@pytest.mark.parametrize("name", ALL)
def test_fallback_marks_every_segment_and_leaves_no_syntax_behind(name: str) -> None:
    text = ALL[name]
    html = render(apply(text, lambda seg: None, fallback_attrs='lang="en" dir="ltr"').markdown)
    assert "{:" not in html and "{ lang" not in html and 'lang=en' not in html
    for seg in segment(text):
        plain = re.sub(r"[*`\[\]]|\(.*?\)", "", seg.text).split()[0]
        # The segment's first word sits inside an element marked English.
        m = re.search(r'<(\w+)[^>]*lang="en"[^>]*>(?:(?!</\1>).)*' + re.escape(plain), html, re.S)
        assert m, f"{seg.kind} {seg.text!r} is not marked lang=en in:\n{html}"


@pytest.mark.parametrize("name", ALL)
def test_translation_changes_text_not_structure(name: str) -> None:
    text = ALL[name]
    out = render(apply(text, lambda seg: "XX " + seg.text).markdown)
    tags = lambda h: re.findall(r"</?([a-z0-9]+)", h)  # noqa: E731
    assert tags(out) == tags(render(text))


def test_segments_of_the_sample() -> None:
    segs = segment(SAMPLE)
    texts = [s.text for s in segs]
    assert texts[:4] == [
        "Title",
        "Intro paragraph that is soft wrapped over lines.",
        "item one",
        "item **two** with [link](at-home.md#x)",
    ]
    assert "nested item" in texts and "task item" in texts
    assert "second lazy continuation" in texts
    assert "Be careful" in texts  # admonition title
    assert "Body of the admonition with two lines." in texts
    assert "Col A" in texts and "cell a" in texts
    assert "Quoted text continues." in texts
    assert "Term" in texts and "Definition text." in texts
    assert "Setext heading" in texts
    assert "Heading with `code` and **bold**" in texts
    assert "The footnote text." in texts


def test_structure_is_never_extracted() -> None:
    texts = "\n".join(s.text for s in segment(SAMPLE))
    for never in ("print(", "indented code", "#top", "warning", "!!!", "{:", ".lead", "https://example.com",
                  "Stays English", "i18n:", "42", "`code`\n", "[ ]"):
        assert never not in texts, never


def test_notes_attach_to_the_next_segment() -> None:
    segs = segment(SAMPLE)
    noted = [s for s in segs if s.notes]
    assert [(s.text, s.notes) for s in noted] == [
        ("Paragraph with note and {{ hotline sf-rrn }}.", ("keep the statute number",))
    ]


def test_positions_point_at_the_source() -> None:
    lines = SAMPLE.split("\n")
    for seg in segment(SAMPLE):
        (sl, sc), (el, ec) = seg.start, seg.end
        assert lines[sl][sc:].startswith(seg.text.split()[0])
        assert lines[el][:ec].endswith(seg.text.split()[-1])


def test_front_matter_split() -> None:
    text = "---\ntitle: X\nsources:\n  - a\n---\n\n# Body\n"
    front, body, offset = split_front_matter(text)
    assert front == "title: X\nsources:\n  - a\n"
    assert body == "\n# Body\n"
    assert offset == 5
    assert split_front_matter("# No front matter\n") == ("", "# No front matter\n", 0)


@pytest.mark.parametrize(
    "translation, kind",
    [
        ("# not a heading", "p"),
        ("1. not a list", "p"),
        ("- not a list", "p"),
        ("> not a quote", "p"),
        ("!!! note not an admonition", "p"),
        ("{: onclick=alert(1) }", "p"),
    ],
)
def test_translations_cannot_start_new_blocks(translation: str, kind: str) -> None:
    text = "Intro.\n\nSecond paragraph.\n"
    out = render(apply(text, lambda seg: translation if seg.text.startswith("Second") else None).markdown)
    assert re.findall(r"<(\w+)", out) == ["p", "p"], out
    assert "onclick" not in out or "onclick=alert(1)" in re.sub(r"<[^>]+>", "", out)


def test_heading_translation_keeps_ids_and_cannot_add_closing_hashes() -> None:
    text = "## Stay silent { #silent }\n"
    out = apply(text, lambda seg: "Guarde silencio ##").markdown
    assert out == "## Guarde silencio \\#\\# { #silent }\n"
    assert render(out) == '<h2 id="silent">Guarde silencio ##</h2>'


def test_table_cell_translation_cannot_add_columns() -> None:
    text = "| A | B |\n|---|---|\n| a | b |\n"
    out = render(apply(text, lambda seg: "x | y" if seg.text == "a" else None).markdown)
    assert out.count("<td") == 2 and "x | y" in out


def test_heading_ids_are_added_in_order_with_toc_uniqueness() -> None:
    text = "# Same\n\n## Same\n\n## Other { #keep }\n"
    seen = []

    def ids(seg, used):
        slug = seg.text.lower()
        while slug in used:
            slug += "_1"
        used.add(slug)
        seen.append(slug)
        return slug

    out = apply(text, lambda seg: None, heading_ids=ids).markdown
    assert out == "# Same { #same }\n\n## Same { #same_1 }\n\n## Other { #keep }\n"


def test_comments_can_be_stripped() -> None:
    text = "<!-- i18n: note -->\nText.\n\n<!--\nmulti\n-->\nMore.\n"
    assert apply(text, lambda seg: None, strip_comments=True).markdown == "\nText.\n\n\nMore.\n"


def test_real_pages_round_trip() -> None:
    for path in sorted((ROOT / "docs").rglob("*.md")):
        _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        assert apply(body, lambda seg: None).markdown == body, path
        same = apply(body, lambda seg: seg.text).markdown
        assert normalize(render(same)) == normalize(render(body)), path
