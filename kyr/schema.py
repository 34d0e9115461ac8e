"""Schemas for every file the kit reads, and errors a volunteer can act on.

Every schema (``extra.kyr``, region and data files, page front matter) is a MkDocs
:class:`~mkdocs.config.base.Config` subclass, validated by :func:`validate`. YAML files are read
by :func:`read_yaml`, which remembers the line of every key and item, so a message names the
file, the line, the key and what was expected, in plain words::

    regions/bay-area/hotlines.yml:23: hotlines[1] (alameda).phone: expected an E.164 number ...

The reusable option types (:class:`Text`, :class:`Slug`, :class:`Phone`, :class:`Date`, ...) live
here too, so data files, front matter and the region all check values the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from collections.abc import Iterator
from typing import Any, TypeVar

import yaml
from babel import Locale
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

__all__ = [
    "ConfigError",
    "Date",
    "E164_RE",
    "LanguageCodes",
    "Lined",
    "Phone",
    "SLUG_RE",
    "Slug",
    "Text",
    "TextList",
    "line_of",
    "months_between",
    "read_yaml",
    "validate",
    "validate_entries",
]

C = TypeVar("C", bound=base.Config)


class ConfigError(Exception):
    """A schema or syntax error: ``str(error)`` is ready to show (file, line, key, expectation)."""


# -- YAML with line numbers ----------------------------------------------------------------


class LinedDict(dict):
    """A mapping read from YAML that knows the line of each key (1-based)."""

    line: int = 0
    lines: dict[Any, int]


class LinedList(list):
    """A sequence read from YAML that knows the line of each item (1-based)."""

    line: int = 0
    lines: list[int]


Lined = LinedDict | LinedList


class _LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, recording lines and refusing duplicate keys (which YAML allows)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LinedDict:  # type: ignore[override]
        self.flatten_mapping(node)
        out = LinedDict()
        out.line = node.start_mark.line + 1
        out.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool, dt.date)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key here is not plain text", key_node.start_mark
                )
            if key in out.lines:
                raise _Duplicate(key, out.lines[key], key_node.start_mark.line + 1)
            out.lines[key] = key_node.start_mark.line + 1
            out[key] = self.construct_object(value_node, deep=True)
        return out

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LinedList:  # type: ignore[override]
        out = LinedList(self.construct_object(child, deep=True) for child in node.value)
        out.line = node.start_mark.line + 1
        out.lines = [child.start_mark.line + 1 for child in node.value]
        return out


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


class _Duplicate(Exception):
    def __init__(self, key: Any, first: int, again: int) -> None:
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


# PyYAML's problem texts, in words a volunteer can act on.
_YAML_HINTS = (
    ("mapping values are not allowed", "a colon (:) inside a value; put the whole value in quotes"),
    ("cannot start any token", "a tab character or a special character at the start of a value; "
     "indent with spaces, and put values that start with @, ` or % in quotes"),
    ("could not find expected ':'", "a line that is not 'key: value' (is a colon missing?)"),
    ("found unexpected end of stream", "a quote that is opened but never closed"),
    ("while scanning a quoted scalar", "a quote that is opened but never closed"),
    ("expected <block end>", "the indentation does not line up with the lines above it"),
    ("did not find expected key", "the indentation does not line up with the lines above it"),
    ("did not find expected '-' indicator", "a list item whose '-' does not line up with the others"),
    ("found undefined alias", "a value starting with '*'; put it in quotes"),
    ("found character that cannot start any token", "a character that YAML reserves; put the value in quotes"),
    ("while parsing a flow", "a list or mapping in [ ] or { } that is not closed; check the brackets"),
)


def _explain(error: yaml.YAMLError) -> tuple[int | None, str]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = " ".join(str(getattr(error, "problem", "") or error).split())
    for needle, words in _YAML_HINTS:
        if needle in problem or needle in str(getattr(error, "context", "") or ""):
            return line, f"{words} (YAML says: {problem})"
    return line, f"this is not valid YAML ({problem})"


def read_yaml(path: Path, shown: str | None = None, *, required: bool = True) -> Any:
    """Read a YAML file; mappings and lists remember their lines (see :func:`line_of`).

    Args:
        path: the file.
        shown: how to name it in messages (a path relative to the project).
        required: if false, a missing file reads as ``None``.

    Raises:
        ConfigError: ``file:line: what is wrong`` for a missing file (when required), bad
            encoding, invalid YAML (in plain words) or a key written twice.
    """
    shown = shown or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        if not required:
            return None
        raise ConfigError(f"{shown}: missing; the site needs this file") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{shown}: not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except _Duplicate as e:
        raise ConfigError(
            f"{shown}:{e.again}: the key {e.key!r} is written twice (first on line {e.first}); "
            "keep one of them"
        ) from None
    except yaml.YAMLError as e:
        line, words = _explain(e)
        where = f"{shown}:{line}" if line else shown
        raise ConfigError(f"{where}: {words}") from None


def line_of(data: Any, *path: Any) -> int | None:
    """The line of ``data[path[0]][path[1]]...`` in its YAML file, if it was read by :func:`read_yaml`."""
    line = getattr(data, "line", None)
    for key in path:
        if isinstance(data, LinedDict) and key in data:
            line = data.lines.get(key, line)
            data = data[key]
        elif isinstance(data, LinedList) and isinstance(key, int) and 0 <= key < len(data):
            line = data.lines[key]
            data = data[key]
        else:
            break
    return line


# -- Validation ----------------------------------------------------------------------------


def _location(source: str, line: int | None) -> str:
    return f"{source}:{line}" if line else source


def validate(schema: type[C], data: Any, *, source: str, where: str = "") -> C:
    """Validate ``data`` against ``schema``.

    Args:
        schema: the ``Config`` subclass.
        data: the parsed YAML mapping (from :func:`read_yaml`, for line numbers).
        source: the file the data came from, for messages.
        where: the key path of ``data`` inside that file (``extra.kyr``, ``hotlines[3]``).

    Raises:
        ConfigError: one line per invalid or unknown key, each naming the file, the line where
            known, the key and what was expected.
    """
    prefix = f"{where}." if where else ""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{_location(source, getattr(data, 'line', None))}: {where or 'top level'}: "
            f"expected a mapping of 'key: value' lines, got {data!r}"
        )
    config = schema(config_file_path=source)
    config.load_dict(dict(data))
    # Like Config.validate(), but reporting every invalid key instead of stopping at the first.
    errors, warnings = config._pre_validate()
    for key, option in config._schema:
        try:
            config[key] = option.validate(config.get(key))
            warnings.extend((key, w) for w in option.warnings)
            option.reset_warnings()
        except ValidationError as e:
            errors.append((key, e))
    unknown = sorted(set(config.keys()) - config._schema_keys, key=str)
    if not errors:
        post_errors, post_warnings = config._post_validate()
        errors.extend(post_errors)
        warnings.extend(post_warnings)
    if not errors and hasattr(config, "cross_check"):
        errors.extend(config.cross_check())

    def line(key: str) -> int | None:
        return line_of(data, key) if key in data else getattr(data, "line", None)

    messages = [
        # List items report their own index ("languages[2]: ..."): keep the key once.
        f"{_location(source, line(key))}: {prefix}{err}"
        if str(err).startswith(f"{key}[")
        else f"{_location(source, line(key))}: {prefix}{key}: {err}"
        for key, err in errors
    ]
    # Unknown keys are typos more often than not; for our own schemas they are errors.
    known = ", ".join(k for k, _ in config._schema)
    messages += [
        f"{_location(source, line(key))}: {prefix}{key}: unknown key; expected one of: {known}"
        for key in unknown
    ]
    if messages:
        raise ConfigError("\n".join(messages))
    return config


def validate_entries(
    schema: type[C], entries: list[Any], *, source: str, key: str, errors: list[str],
) -> Iterator[tuple[int, str, C, Any, int | None]]:
    """Validate each entry of a list (``hotlines:``, ``statuses:``...) against ``schema``.

    Yields ``(index, label, config, entry, line)`` for every valid entry, where ``label`` names
    it in messages (``hotlines[3] (sf-rrn)``); the errors of invalid ones are appended to
    ``errors``, so one run reports them all.
    """
    for i, entry in enumerate(entries):
        label = f"{key}[{i}]"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            label += f" ({entry['id']})"
        try:
            cfg = validate(schema, entry, source=source, where=label)
        except ConfigError as e:
            errors.append(str(e))
            continue
        yield i, label, cfg, entry, line_of(entries, i)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


# -- Option types --------------------------------------------------------------------------

E164_RE = re.compile(r"^\+[1-9]\d{7,14}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Text(c.BaseConfigOption[str]):
    """A required, non-empty piece of text (whitespace folded)."""

    def __init__(self, example: str = "", *, required: bool = True) -> None:
        super().__init__()
        self.example = example
        self.required = required
        if not required:
            self.default = ""

    def run_validation(self, value: object) -> str:
        if value is None:
            if not self.required:
                return ""
            raise ValidationError("missing; expected text" + (f" such as {self.example!r}" if self.example else ""))
        if isinstance(value, bool):
            raise ValidationError(f"got {value!r} (YAML reads yes/no/on/off as true/false); put the text in quotes")
        if isinstance(value, (int, float, dt.date)):
            value = str(value)
        if not isinstance(value, str) or (self.required and not value.strip()):
            raise ValidationError(f"expected non-empty text, got {value!r}")
        return " ".join(value.split())


class Slug(Text):
    """An id: lowercase letters, digits and hyphens."""

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not SLUG_RE.match(value):
            raise ValidationError(f"expected lowercase letters, digits and hyphens (like 'san-mateo'), got {value!r}")
        return value


class Phone(Text):
    """A phone number in E.164 form (``+14152001548``)."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValidationError(f"expected a quoted E.164 number like \"+14152001548\", got {value!r}")
        value = super().run_validation(value)
        if not E164_RE.match(value):
            raise ValidationError(
                f"expected an E.164 number: '+', country code and number, digits only "
                f"(like '+14152001548'), got {value!r}"
            )
        return value


class Date(c.BaseConfigOption[dt.date]):
    """A calendar date, ``YYYY-MM-DD``."""

    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        if value is None:
            raise ValidationError("missing; expected a date like 2026-06-01")
        raise ValidationError(f"expected a date like 2026-06-01, got {value!r}")


#: Spoken languages CLDR has no name for; their names are translated theme strings
#: (``overrides/partials/kyr/hotline-card.html``).
EXTRA_SPOKEN = frozenset({"cmn"})


class LanguageCodes(c.BaseConfigOption[list]):
    """ISO 639 codes of spoken languages CLDR can name (``es``, ``yue``), or ``cmn``."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list) or not value:
            raise ValidationError(f"expected a list of language codes like [en, es], got {value!r}")
        known = Locale("en").languages
        for code in value:
            if isinstance(code, bool):
                raise ValidationError(f"got {code!r}: YAML reads 'no' as false; write the code in quotes, like 'no'")
            if str(code) not in known and str(code) not in EXTRA_SPOKEN:
                raise ValidationError(
                    f"{code!r} is not a language code CLDR can name; expected codes like en, es, yue, cmn"
                )
        return [str(code) for code in value]


class TextList(c.BaseConfigOption[list]):
    """A non-empty list of texts."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list) or not value:
            raise ValidationError(f"expected a non-empty list of texts, got {value!r}")
        return [Text().run_validation(item) for item in value]
