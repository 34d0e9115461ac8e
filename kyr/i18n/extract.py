"""Babel extractors: what translators see, from Markdown pages, ``mkdocs.yml`` and data files.

Registered as the ``babel.extractors`` entry points ``kyr_markdown``, ``kyr_mkdocs`` and
``kyr_data`` (``pyproject.toml``) and mapped to files in ``babel.cfg``, so stock
``pybabel extract -F babel.cfg -o messages.pot .`` works as well as ``scripts/i18n.py``.

Each extractor follows Babel's signature ``(fileobj, keywords, comment_tags, options)`` and yields
``(lineno, funcname, message, comments)``; ``funcname`` is ``None`` (a plain msgid) and
``comments`` become ``#.`` notes for translators.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import yaml

from kyr.i18n.placeholders import describe, protect
from kyr.i18n.segments import has_words, segment, split_front_matter

__all__ = [
    "FRONT_MATTER_KEYS",
    "Message",
    "extract_data",
    "extract_markdown",
    "extract_mkdocs_yml",
    "markdown_messages",
]

#: Front-matter keys whose values readers see.
FRONT_MATTER_KEYS = ("title", "description")


@dataclass(frozen=True)
class Message:
    """One msgid found in a source file."""

    lineno: int
    msgid: str
    comments: tuple[str, ...] = ()


def _compose(text: str) -> yaml.Node | None:
    # Composing (not constructing) accepts any tag, such as mkdocs.yml's !ENV or !!python/name.
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _mapping_items(node: yaml.Node | None) -> Iterator[tuple[yaml.ScalarNode, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key, value


def _text_message(lineno: int, text: str, notes: tuple[str, ...] = ()) -> Message | None:
    text = " ".join(text.split())
    if not has_words(text):
        return None
    protected = protect(text)
    return Message(lineno, protected.msgid, notes + tuple(describe(protected.tokens)))


def markdown_messages(text: str) -> Iterator[Message]:
    """Every msgid of a Markdown page: front matter first, then the body's segments."""
    front, body, offset = split_front_matter(text)
    if front:
        for key, value in _mapping_items(_compose(front)):
            if key.value in FRONT_MATTER_KEYS and isinstance(value, yaml.ScalarNode):
                # +2: the opening '---' line, and marks are 0-based.
                msg = _text_message(value.start_mark.line + 2, value.value, (f"page {key.value}",))
                if msg:
                    yield msg
    for seg in segment(body):
        protected = protect(seg.text)
        yield Message(offset + seg.line, protected.msgid, seg.notes + tuple(describe(protected.tokens)))


def _read(fileobj: IO[bytes], options: dict[str, Any]) -> str:
    return fileobj.read().decode(options.get("encoding", "utf-8"))


def extract_markdown(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extractor for Markdown pages."""
    for msg in markdown_messages(_read(fileobj, options)):
        yield msg.lineno, None, msg.msgid, list(msg.comments)


def mkdocs_yml_messages(text: str) -> Iterator[Message]:
    """Every title in ``nav``, and ``site_name`` and ``site_description`` unless an edition
    (``extra.kyr.region``) gives the site its name."""
    root = _compose(text)
    has_edition = _has_edition(root)
    for key, value in _mapping_items(root):
        if key.value in ("site_name", "site_description") and isinstance(value, yaml.ScalarNode):
            if has_edition:
                continue
            msg = _text_message(value.start_mark.line + 1, value.value, (key.value,))
            if msg:
                yield msg
        elif key.value == "nav":
            yield from _nav_messages(value)


def _has_edition(root: yaml.Node | None) -> bool:
    for key, extra in _mapping_items(root):
        if key.value == "extra":
            for key2, kyr in _mapping_items(extra):
                if key2.value == "kyr":
                    return any(k.value == "region" for k, _ in _mapping_items(kyr))
    return False


def _nav_messages(node: yaml.Node) -> Iterator[Message]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_messages(item)
    else:
        for key, value in _mapping_items(node):
            msg = _text_message(key.start_mark.line + 1, key.value, ("navigation title",))
            if msg:
                yield msg
            yield from _nav_messages(value)


def extract_mkdocs_yml(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extractor for ``mkdocs.yml``."""
    for msg in mkdocs_yml_messages(_read(fileobj, options)):
        yield msg.lineno, None, msg.msgid, list(msg.comments)


def data_messages(name: str, text: str) -> Iterator[Message]:
    """The reader-visible strings of a data file, as its schema declares them."""
    from kyr.content.data import is_keyword, translatable_keys

    keys = translatable_keys(name)

    def texts(value: yaml.Node, key: str) -> Iterator[yaml.ScalarNode]:
        """The translatable scalars under ``key``: the value, or a list's items."""
        if key in keys and isinstance(value, yaml.ScalarNode):
            if not is_keyword(key, value.value):
                yield value
        elif key in keys and isinstance(value, yaml.SequenceNode):
            yield from (item for item in value.value if isinstance(item, yaml.ScalarNode))

    def walk(node: yaml.Node) -> Iterator[Message]:
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item)
        for key, value in _mapping_items(node):
            scalars = list(texts(value, key.value))
            for scalar in scalars:
                msg = _text_message(scalar.start_mark.line + 1, scalar.value, (f"{name}: {key.value}",))
                if msg:
                    yield msg
            if not scalars:
                yield from walk(value)

    root = _compose(text)
    if root is not None:
        yield from walk(root)


def extract_data(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extractor for the YAML files in ``data/``."""
    import os

    name = os.path.basename(getattr(fileobj, "name", "") or options.get("name", ""))
    for msg in data_messages(name, _read(fileobj, options)):
        yield msg.lineno, None, msg.msgid, list(msg.comments)
