"""Inline placeholders: what translators see instead of link targets, macros and HTML.

A segment's reader-visible text is kept as inline Markdown, but everything a translator has no
reason to touch (link and image targets, autolinks, inline HTML tags, attribute lists, footnote
references and ``{{ macros }}`` such as hotline numbers) is replaced by a numbered token ``{1}``,
``{2}``, ... before the text becomes a msgid. At build time the tokens are restored from the
*English source*, never from the catalog, so a translation cannot change where a link goes or
which number a hotline macro prints.

Example::

    Call [the hotline](tel:+14152001548){ .md-button } or see <br> {{ hotline sf-rrn }}.
    Call [the hotline]({1}) or see {2} {3}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "PLACEHOLDER_RE",
    "PlaceholderError",
    "Protected",
    "describe",
    "escape_translation",
    "protect",
    "restore",
]

#: A placeholder token as it appears in msgids and msgstrs.
PLACEHOLDER_RE = re.compile(r"\{(\d+)\}")

_CODE_RE = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.S)
_MACRO_RE = re.compile(r"\{\{.*?\}\}", re.S)
_AUTOLINK_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>")
_HTML_RE = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]\s]+\]")
_ATTR_LIST_RE = re.compile(r"\{:?[ ]*[^{}\n ][^{}\n]*\}")


class PlaceholderError(ValueError):
    """The source text cannot be protected (for example it contains a literal ``{1}``)."""


@dataclass(frozen=True)
class Protected:
    """A segment's text with its protected parts replaced by numbered tokens."""

    msgid: str
    """The text translators see."""
    tokens: tuple[str, ...]
    """``tokens[n - 1]`` is the source text that ``{n}`` stands for."""


def _find_link_end(text: str, open_paren: int) -> int | None:
    """Return the index just past the ``)`` matching the ``(`` at ``open_paren``."""
    depth = 0
    i = open_paren
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _find_bracket_end(text: str, open_bracket: int) -> int | None:
    """Return the index of the ``]`` matching the ``[`` at ``open_bracket``."""
    depth = 0
    i = open_bracket
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            m = _CODE_RE.match(text, i)
            if m:
                i = m.end()
                continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def protect(text: str) -> Protected:
    """Replace the protected parts of ``text`` by numbered tokens.

    Args:
        text: a segment's inline Markdown, from the English source.

    Returns:
        The msgid and the tokens needed to restore it.

    Raises:
        PlaceholderError: if the source itself contains something that looks like a token.
    """
    if PLACEHOLDER_RE.search(_CODE_RE.sub("", _MACRO_RE.sub("", text))):
        raise PlaceholderError(
            f"the text {text!r} contains a literal '{{N}}', which is reserved for placeholders; "
            "write it as '\\{N\\}'"
        )
    out: list[str] = []
    tokens: list[str] = []

    def token(source: str) -> str:
        tokens.append(source)
        return "{%d}" % len(tokens)

    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            out.append(text[i : i + 2])
            i += 2
            continue
        if ch == "`":
            m = _CODE_RE.match(text, i)
            if m:
                # Code that shows a placeholder ("`{1}`") becomes one, so restoring cannot touch it.
                out.append(token(m.group(0)) if PLACEHOLDER_RE.search(m.group(0)) else m.group(0))
                i = m.end()
                continue
            # A lone run of backticks is literal text.
            j = i
            while j < n and text[j] == "`":
                j += 1
            out.append(text[i:j])
            i = j
            continue
        if text.startswith("{{", i):
            m = _MACRO_RE.match(text, i)
            if m:
                out.append(token(m.group(0)))
                i = m.end()
                continue
        if ch == "<":
            m = _AUTOLINK_RE.match(text, i) or _HTML_RE.match(text, i)
            if m:
                out.append(token(m.group(0)))
                i = m.end()
                continue
        if ch == "{":
            m = _ATTR_LIST_RE.match(text, i)
            if m:
                out.append(token(m.group(0)))
                i = m.end()
                continue
        if ch == "[" or (ch == "!" and text.startswith("[", i + 1)):
            if ch == "[":
                m = _FOOTNOTE_REF_RE.match(text, i)
                if m:
                    out.append(token(m.group(0)))
                    i = m.end()
                    continue
            start = i + 1 if ch == "!" else i
            close = _find_bracket_end(text, start)
            if close is not None:
                inner = text[start + 1 : close]
                after = close + 1
                if after < n and text[after] == "(":
                    end = _find_link_end(text, after)
                    if end is not None:
                        target_token = token(text[after + 1 : end - 1])
                        inner_msg = protect(inner)
                        # Tokens inside the link text are numbered after the target's.
                        out.append(
                            text[i:start]
                            + "["
                            + _renumber(inner_msg, tokens)
                            + "]("
                            + target_token
                            + ")"
                        )
                        i = end
                        continue
                if after < n and text[after] == "[":
                    ref_close = text.find("]", after)
                    if ref_close != -1:
                        inner_msg = protect(inner)
                        out.append(
                            text[i:start]
                            + "["
                            + _renumber(inner_msg, tokens)
                            + "]["
                            + token(text[after + 1 : ref_close])
                            + "]"
                        )
                        i = ref_close + 1
                        continue
        out.append(ch)
        i += 1
    return Protected("".join(out), tuple(tokens))


def _renumber(inner: Protected, tokens: list[str]) -> str:
    """Append ``inner``'s tokens to ``tokens`` and return its msgid with shifted numbers."""
    base = len(tokens)
    tokens.extend(inner.tokens)
    return PLACEHOLDER_RE.sub(lambda m: "{%d}" % (int(m.group(1)) + base), inner.msgid)


def escape_translation(text: str) -> str:
    """Neutralise Markdown and HTML syntax that only a placeholder may carry.

    Translators write plain inline Markdown (emphasis, code). Anything that could add HTML, an
    attribute list or a new link target must come from a placeholder, so ``<``, ``{`` and ``}``
    outside tokens are escaped before the tokens are restored.
    """
    parts: list[str] = []
    last = 0
    for m in PLACEHOLDER_RE.finditer(text):
        parts.append(_escape_plain(text[last : m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(_escape_plain(text[last:]))
    return "".join(parts)


def _escape_plain(text: str) -> str:
    return text.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")


def restore(msgstr: str, tokens: tuple[str, ...]) -> str:
    """Put the source's protected parts back into a (validated) translation.

    Raises:
        PlaceholderError: if ``msgstr`` uses a token the source does not have.
    """

    def sub(m: re.Match[str]) -> str:
        k = int(m.group(1))
        if not 1 <= k <= len(tokens):
            raise PlaceholderError(f"unknown placeholder {m.group(0)}")
        return tokens[k - 1]

    return PLACEHOLDER_RE.sub(sub, msgstr)


def describe(tokens: tuple[str, ...]) -> list[str]:
    """One translator note per token, saying what it stands for."""
    notes = []
    for k, tok in enumerate(tokens, 1):
        if tok.startswith("{{"):
            what = "a value filled in by the site: " + tok.strip("{} ")
        elif tok.startswith("<"):
            what = "formatting: " + tok
        elif tok.startswith("[^"):
            what = "a footnote reference"
        elif tok.startswith("{"):
            what = "display attributes"
        elif tok.startswith("`"):
            what = "code, shown as is: " + tok
        else:
            what = "a link target: " + tok.split(")")[0]
        notes.append(f"{{{k}}} is {what}. Keep it as it is.")
    return notes
