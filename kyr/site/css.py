"""Ship only the CSS the site uses.

Material's main stylesheet (about 137 KB) styles every component Material has: blog, tabs,
annotations, code copy buttons, tooltips, version selectors... It blocks the first paint of
every page, on a slow phone network too. After a language is built, :func:`purge_stylesheet`
drops the rules whose selectors need a class that nothing in the language uses, where "used"
means:

- written in a ``class`` attribute of one of its pages; or
- a word of the scripts the pages load (Material's bundle, the kit's script) whose component
  is on the pages: ``md-search-result__more`` counts because the pages have an
  ``md-search-result``; ``md-tooltip`` does not, as no page has a tooltip for a script to
  fill (Material builds each component inside the markup its templates wrote).

Then the custom properties (``--md-admonition-icon--bug: url(...)``) that no kept rule, page or
script reads are dropped too. Everything else is kept as it was: rules without classes,
attribute and state selectors, ``@font-face`` and ``@keyframes``. A selector is judged only by
the classes outside ``:is()``, ``:where()``, ``:not()`` and ``:has()`` (inside them, a missing
class may not stop the match). A page looks exactly as it did: the tests compare screenshots.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Used", "bundle_language", "purge_language", "purge_stylesheet", "used_classes"]

_CLASS_ATTR_RE = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_WORD_RE = re.compile(r"[A-Za-z_][\w-]*")
_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_TAG_NAME_RE = re.compile(r"<([A-Za-z][A-Za-z0-9]*)")
_ATTR_VALUE_RE = re.compile(r"""\s([\w:-]+)\s*=\s*(?:"([^"]*)"|'[^']*'|[^\s>"']+)""")
_ATTR_SELECTOR_RE = re.compile(r"\[[^\]]*\]")
_ATTR_EQUALS_RE = re.compile(r"""\[\s*([\w-]+)\s*=\s*("[^"]*"|'[^']*'|[\w-]+)\s*\]""")
# A type selector: an element name at the start of a compound selector.
_TYPE_RE = re.compile(r"(?:^|[\s>+~])([a-z][a-z0-9]*)(?![\w-])")
#: Element names a type selector may mean (a word that is not one is left alone).
_HTML_ELEMENTS = frozenset("""a abbr address article aside audio b bdi bdo blockquote body br button canvas caption
cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer
form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li main map mark menu meta
meter nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp script search section
select slot small source span strong sub summary sup table tbody td template textarea tfoot th thead time title tr
track u ul var video wbr svg path""".split())
_FUNCTIONAL_RE = re.compile(r":(?:is|where|not|has|matches|-webkit-any|-moz-any)\(", re.I)
#: At-rules whose content is rules (purged inside); any other at-rule is kept as it is.
_GROUPING = frozenset({"media", "supports", "container", "layer", "document"})


def _block(name: str) -> str:
    """The component a class belongs to: ``md-search-result`` for ``md-search-result__more``,
    ``task`` for ``task-list-indicator``."""
    if name.startswith("md-"):
        return name.split("__")[0].split("--")[0]
    return re.split(r"[-_]", name, maxsplit=1)[0]


@dataclass(frozen=True)
class Used:
    """What the pages of a language use, as a stylesheet's selectors can ask for it."""

    classes: frozenset[str]
    tags: frozenset[str]
    """Element names in the pages, or in the scripts (which create elements by name)."""
    values: frozenset[tuple[str, str]]
    """``(attribute, value)`` pairs in the pages."""
    words: frozenset[str]
    """Every word of the scripts (values they may set)."""

    def __contains__(self, name: str) -> bool:  # ``"md-nav" in used``: a class
        return name in self.classes


def used_classes(pages: Iterable[str], scripts: Iterable[str]) -> Used:
    """Classes the pages use: from their ``class`` attributes, and the words of the scripts
    that belong to a component the pages have; and the elements and attribute values."""
    found: set[str] = set()
    tags: set[str] = set()
    values: set[tuple[str, str]] = set()
    for html in pages:
        for m in _CLASS_ATTR_RE.finditer(html):
            found.update((m.group(1) or m.group(2) or m.group(3) or "").split())
        tags.update(t.lower() for t in _TAG_NAME_RE.findall(html))
        values.update((a.lower(), v) for a, v in _ATTR_VALUE_RE.findall(html))
    blocks = {_block(name) for name in found}
    words: set[str] = set()
    for script in scripts:
        words.update(_WORD_RE.findall(script))
    found.update(w for w in words if _block(w) in blocks)
    tags.update(w for w in words if w in _HTML_ELEMENTS)
    return Used(frozenset(found), frozenset(tags), frozenset(values), frozenset(words))


def _outside_functions(selector: str) -> str:
    """The selector without the arguments of ``:is()``, ``:where()``, ``:not()``, ``:has()``."""
    out = []
    i = 0
    while i < len(selector):
        m = _FUNCTIONAL_RE.search(selector, i)
        if not m:
            out.append(selector[i:])
            break
        out.append(selector[i:m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    return "".join(out)


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def _keep_selector(selector: str, used: Used) -> bool:
    outside = _outside_functions(selector)
    if not all(name in used.classes for name in _CLASS_RE.findall(outside)):
        return False
    # An element no page has and no script makes (``kbd``, ``video``...).
    bare = _ATTR_SELECTOR_RE.sub("[]", outside)
    if any(tag in _HTML_ELEMENTS and tag not in used.tags for tag in _TYPE_RE.findall(bare)):
        return False
    # ``[data-md-color-primary=red]``: a value no page has and no script writes.
    for name, value in _ATTR_EQUALS_RE.findall(outside):
        value = value.strip("\"'")
        if (name.lower(), value) not in used.values and value not in used.words:
            return False
    return True


@dataclass
class _Rule:
    """A style rule kept so far: its selectors and its declarations (serialized)."""

    selectors: str
    declarations: list[tuple[str, str]]
    """``(name, serialized declaration)``; ``name`` is the property (``--x`` for a custom one)."""


def _keep_rules(rules: list, used: Used) -> list[Any]:
    """The rules a used class can match, as :class:`_Rule`, ``(at-rule head, [children])`` for
    grouping at-rules, or the serialized text of any other at-rule."""
    import tinycss2

    out: list[Any] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()
            kept = [s for s in _split_selectors(prelude) if _keep_selector(s, used)]
            if not kept:
                continue
            declarations = []
            for decl in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if decl.type == "declaration":
                    declarations.append((decl.lower_name if not decl.name.startswith("--") else decl.name,
                                         tinycss2.serialize([decl])))
                elif decl.type in ("at-rule", "qualified-rule"):
                    declarations.append(("", tinycss2.serialize([decl])))
            out.append(_Rule(",".join(kept), declarations))
        elif rule.type == "at-rule":
            if rule.lower_at_keyword in _GROUPING and rule.content is not None:
                inner = _keep_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
                if inner:
                    out.append(("@" + rule.at_keyword + tinycss2.serialize(rule.prelude), inner))
            else:
                out.append(tinycss2.serialize([rule]))
    return out


_VAR_RE = re.compile(r"var\(\s*(--[\w-]+)")


def _walk(tree: list[Any]) -> Iterable[_Rule]:
    for item in tree:
        if isinstance(item, _Rule):
            yield item
        elif isinstance(item, tuple):
            yield from _walk(item[1])


def _wanted_properties(tree: list[Any], read_elsewhere: str) -> set[str]:
    """Custom properties something reads: a kept declaration, another stylesheet, a page or a
    script (which may read or set one by name), and what those properties read in turn."""
    defined: dict[str, list[str]] = {}
    wanted = set(_VAR_RE.findall(read_elsewhere)) | set(re.findall(r"--[\w-]+", read_elsewhere))
    for rule in _walk(tree):
        for name, text in rule.declarations:
            if name.startswith("--"):
                defined.setdefault(name, []).append(text)
            else:
                wanted.update(_VAR_RE.findall(text))
    for item in tree:
        if isinstance(item, str):
            wanted.update(_VAR_RE.findall(item))
    todo = list(wanted)
    while todo:
        for text in defined.get(todo.pop(), ()):
            for name in _VAR_RE.findall(text):
                if name not in wanted:
                    wanted.add(name)
                    todo.append(name)
    return wanted


def _serialize(tree: list[Any], wanted: set[str]) -> str:
    out = []
    for item in tree:
        if isinstance(item, _Rule):
            body = [text for name, text in item.declarations if not name.startswith("--") or name in wanted]
            if body:
                # Each declaration is serialized with its own ";"; the last one may go.
                out.append(item.selectors + "{" + "".join(body).rstrip(";") + "}")
        elif isinstance(item, tuple):
            inner = _serialize(item[1], wanted)
            if inner:
                out.append(item[0] + "{" + inner + "}")
        else:
            out.append(item)
    return "".join(out)


def purge_stylesheet(css: str, used: Used, read_elsewhere: str = "") -> str:
    """``css`` without the rules no used class can match, and without the custom properties
    that neither the rules left nor ``read_elsewhere`` (pages, scripts, other stylesheets) read."""
    import tinycss2

    tree = _keep_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)
    return _serialize(tree, _wanted_properties(tree, read_elsewhere))


def _selector_attributes(css: str) -> frozenset[str]:
    """The attributes the stylesheet's selectors compare to a value (``data-md-color-primary``)."""
    return frozenset(name.lower() for name, _ in _ATTR_EQUALS_RE.findall(css))


def purge_language(folder: Path, stylesheets: Iterable[str], scripts: Iterable[str],
                   other_stylesheets: Iterable[str] = (), cache: Any = None) -> dict[str, tuple[int, int]]:
    """Purge a built language's stylesheets (paths relative to ``folder``) in place.

    ``scripts`` are the scripts its pages load; ``other_stylesheets`` are left as they are but
    may read the purged ones' custom properties (the kit's own stylesheet). With ``cache`` (a
    :class:`kyr.cache.JsonCache`), a stylesheet purged for the same uses before (by another
    language, or an earlier build) is not purged again. Returns each stylesheet's size before
    and after.
    """
    from kyr.cache import code_hash, digest

    pages = [p.read_text(encoding="utf-8") for p in folder.rglob("*.html")]
    code = [(folder / s).read_text(encoding="utf-8") for s in scripts if (folder / s).is_file()]
    sheets = {name: (folder / name).read_text(encoding="utf-8") for name in stylesheets if (folder / name).is_file()}
    others = [(folder / s).read_text(encoding="utf-8") for s in other_stylesheets if (folder / s).is_file()]
    found = used_classes(pages, code)
    # Only the attribute values a selector can ask about: the rest (titles, labels) differs from
    # one language to another and changes nothing.
    asked = frozenset().union(*(_selector_attributes(css) for css in sheets.values())) if sheets else frozenset()
    used = Used(found.classes, found.tags, frozenset(v for v in found.values if v[0] in asked), found.words)
    inline = sorted(set(re.findall(r'style="[^"]*"', "\n".join(pages))))
    sizes = {}
    for name, css in sheets.items():
        # Custom properties another stylesheet (or a page, or a script) reads must stay.
        elsewhere = "\n".join([*others, *code, *(v for k, v in sheets.items() if k != name), *inline])

        def compute(css: str = css, elsewhere: str = elsewhere) -> str:
            return purge_stylesheet(css, used, elsewhere)

        if cache is None:
            purged = compute()
        else:
            key = digest([code_hash(), css, elsewhere, *sorted(used.classes), "|", *sorted(used.tags), "|",
                          *sorted(f"{a}={v}" for a, v in used.values), "|", *sorted(used.words)])
            purged = cache.get(key, compute)
        (folder / name).write_text(purged, encoding="utf-8")
        sizes[name] = (len(css.encode()), len(purged.encode()))
    return sizes


_LINK_RE = re.compile(r'<link rel="stylesheet" href="([^"]+)">')


def _resolve(folder: Path, page: Path, href: str) -> str | None:
    """A stylesheet link of ``page`` as a path in ``folder`` (``/es/x.css`` from the error page
    too), or ``None`` for one outside it."""
    if href.startswith("/"):
        prefix = f"/{folder.name}/"
        return href[len(prefix):] if href.startswith(prefix) else None
    try:
        return (page.parent / href).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None


def bundle_language(folder: Path, cache: Any = None) -> tuple[str, int, int] | None:
    """Purge the language's stylesheets and join them into one file its pages link to.

    Every page links the same stylesheets (Material's, its palette, the kit's). On a phone
    network each one is another round trip before the first paint, so they become one
    ``assets/stylesheets/site.<hash>.css``: Material's purged (:func:`purge_language`), then the
    kit's as it is, in the pages' order. The pages link that file instead, and the separate
    files are removed. Returns the file's name and the bytes before and after, or ``None``
    when the pages link no stylesheet.
    """
    import hashlib

    pages = sorted(folder.rglob("*.html"))
    linked = [(p, _LINK_RE.findall(p.read_text(encoding="utf-8"))) for p in pages]
    first = next(((p, hrefs) for p, hrefs in linked if hrefs and not hrefs[0].startswith("/")), None)
    if first is None:
        return None
    files = [f for f in (_resolve(folder, first[0], h) for h in first[1]) if f and (folder / f).is_file()]
    material = [f for f in files if f.startswith("assets/stylesheets/")]
    others = [f for f in files if f not in material]
    scripts = [p.relative_to(folder).as_posix() for p in sorted((folder / "assets").rglob("*.js")) if "lunr" not in p.parts]
    before = sum((folder / f).stat().st_size for f in files)
    purge_language(folder, material, scripts, others, cache)
    joined = "\n".join((folder / f).read_text(encoding="utf-8") for f in files)
    name = f"assets/stylesheets/site.{hashlib.sha256(joined.encode()).hexdigest()[:8]}.css"
    (folder / name).write_text(joined, encoding="utf-8")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        links = [m for m in _LINK_RE.finditer(text) if _resolve(folder, page, m.group(1)) in files]
        if not links:
            continue
        if links[0].group(1).startswith("/"):  # the error page links from the server's root
            href = f"/{folder.name}/{name}"
        else:
            href = Path(*([".."] * len(page.relative_to(folder).parts[:-1])), name).as_posix()
        # The first link becomes the joined file's; the others go.
        out, last = [], 0
        for i, m in enumerate(links):
            out.append(text[last:m.start()])
            if i == 0:
                out.append(f'<link rel="stylesheet" href="{href}">')
            last = m.end()
        out.append(text[last:])
        page.write_text("".join(out), encoding="utf-8")
    for f in files:
        (folder / f).unlink()
    return name, before, len(joined.encode())
