"""Privacy and script policy of every page: a Content-Security-Policy, no referrer, safe links.

The policy allows only the site's own files (``default-src 'self'``); the few inline scripts
and style attributes the theme writes are allowed by their SHA-256 hashes, computed from the
page itself. External links get ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["csp_for", "secure_page", "source_hash"]

_INLINE_SCRIPT_RE = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_STYLE_ATTR_RE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_STYLE_TAG_RE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_EXTERNAL_LINK_RE = re.compile(r"<a\s(?P<attrs>[^>]*\bhref=\"https?://[^\"]*\"[^>]*)>", re.I)


def source_hash(text: str) -> str:
    """A CSP source expression allowing exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def csp_for(html: str) -> str:
    """The policy for one page, with hashes of its inline scripts and styles."""
    scripts = sorted(
        {
            source_hash(m.group("body"))
            for m in _INLINE_SCRIPT_RE.finditer(html)
            if "src=" not in m.group("attrs") and "application/json" not in m.group("attrs")
        }
    )
    styles = sorted(
        {source_hash(a or b) for a, b in _STYLE_ATTR_RE.findall(html)}
        | {source_hash(body) for body in _STYLE_TAG_RE.findall(html)}
    )
    style_src = "'self'" + (" 'unsafe-hashes' " + " ".join(styles) if styles else "")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'" + ("".join(" " + s for s in scripts)),
            f"style-src {style_src}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "frame-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


def _safe_link(m: re.Match[str]) -> str:
    attrs = re.sub(r'\srel="[^"]*"', "", " " + m.group("attrs")).strip()
    return f'<a {attrs} rel="noopener noreferrer">'


def secure_page(html: str) -> str:
    """Add the policy and ``no-referrer`` at the top of ``<head>``; make external links safe."""
    html = _EXTERNAL_LINK_RE.sub(_safe_link, html)
    policy = csp_for(html)
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="referrer" content="no-referrer">'
    )
    # Right after <meta charset>, before any script or style.
    out, n = re.subn(r"(<meta charset=\"[^\"]*\"\s*/?>)", lambda m: m.group(1) + meta, html, count=1)
    if not n:
        out = re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + meta, html, count=1)
    return out
