"""A small HTML tree for tests: what language is a piece of text in, where do links go."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        out = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if all(node.attrs.get(k.rstrip("_")) == v for k, v in attrs.items()):
                out.append(node)
        return out

    def lang(self) -> tuple[str | None, str | None]:
        """The ``lang`` and ``dir`` in effect on this node."""
        lang = direction = None
        node: Node | None = self
        while node is not None and (lang is None or direction is None):
            if lang is None and "lang" in node.attrs:
                lang = node.attrs["lang"]
            if direction is None and "dir" in node.attrs:
                direction = node.attrs["dir"]
            node = node.parent
        return lang, direction

    def containing(self, text: str) -> Node | None:
        """The innermost element whose text contains ``text``."""
        best = None
        for node in self.iter():
            if text in node.text():
                best = node
        return best


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: (v or "") for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def article(html: str) -> Node:
    """The page's main content (Material's ``article.md-content__inner``)."""
    root = parse(html)
    for node in root.iter():
        if node.tag == "article":
            return node
    raise AssertionError("no <article> in page")
