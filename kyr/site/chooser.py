"""``site/index.html``: a light language chooser in front of the language folders.

It lists every built language by its endonym (with the site's name in that language), marks
the browser's preferred language when a tiny script can tell, and never redirects: a reader on
a shared phone must be able to pick.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from kyr.i18n.catalogs import DATA_DOMAINS, SITE_DOMAIN
from kyr.i18n.translate import load_catalogs
from kyr.site.build import BuildRun, is_published
from kyr.site.csp import source_hash

__all__ = ["render_chooser", "write_chooser"]

# Highlights (never follows) the link matching the browser's languages.
_SCRIPT = """\
(function () {
  var prefs = navigator.languages || [navigator.language || ""];
  var links = document.querySelectorAll("a[hreflang]");
  for (var i = 0; i < prefs.length; i++) {
    var want = String(prefs[i]).toLowerCase();
    for (var j = 0; j < links.length; j++) {
      var code = links[j].getAttribute("hreflang").toLowerCase();
      if (want === code || want.split("-")[0] === code.split("-")[0]) {
        links[j].classList.add("suggested");
        links[j].setAttribute("aria-describedby", "suggested");
        document.getElementById("suggested").hidden = false;
        return;
      }
    }
  }
})();"""

_STYLE = """\
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 34rem; padding: 1rem; }
h1 { font-size: 1.4rem; margin: 0.5rem 0 1rem; }
ul { list-style: none; margin: 0; padding: 0; }
li { margin: 0 0 0.5rem; }
a { display: block; min-height: 48px; padding: 0.6rem 0.9rem; border: 2px solid currentColor;
    border-radius: 0.5rem; color: inherit; text-decoration: none; }
a:focus-visible, a:hover { outline: 3px solid #1a5fb4; outline-offset: 2px; }
a.suggested { border-width: 4px; }
.name { display: block; font-size: 1.25rem; font-weight: 700; }
.site { display: block; font-size: 0.95rem; }
#suggested { font-size: 0.95rem; }"""


def render_chooser(run: BuildRun, site_name: str, description: str = "", favicon: str = "") -> str:
    """The chooser's HTML.

    Args:
        run: the build (its languages, catalogs and edition).
        site_name: the site's name in the source language.
        description: the site's description in the source language (search engines show it).
        favicon: the icon, relative to a language folder (``assets/images/favicon.png``); the
            chooser uses the source language's copy, so no browser asks for ``/favicon.ico``.
    """
    layout = run.settings.layout()
    # With an edition, the site's name is in its catalog; without, in _site (from mkdocs.yml).
    domains = DATA_DOMAINS if run.data is not None else (SITE_DOMAIN,)
    items = []
    for lang in run.languages:
        if not is_published(run, lang):
            continue  # a preview: reachable from the Translations page only
        catalogs = load_catalogs(layout, lang, source=lang == run.settings.source, domains=set(domains))
        name, translated = catalogs.lookup(domains, site_name)
        name_lang = lang.html_lang if translated else "en"
        name_dir = lang.direction if name_lang == lang.html_lang else "ltr"
        items.append(
            f'<li><a href="{lang.code}/index.html" hreflang="{lang.html_lang}" '
            f'lang="{lang.html_lang}" dir="{lang.direction}">'
            f'<span class="name">{escape(lang.name)}</span>'
            f'<span class="site" lang="{name_lang}" dir="{name_dir}">{escape(name)}</span></a></li>'
        )
    csp = (
        "default-src 'self'; script-src " + source_hash(_SCRIPT) + "; style-src " + source_hash(_STYLE)
        + "; img-src 'self'; base-uri 'none'; form-action 'none'"
    )
    return f"""<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<title>{escape(site_name)}</title>
{f'<meta name="description" content="{escape(" ".join(description.split()))}">' if description else ""}
{f'<link rel="icon" href="{escape(run.settings.source.code + "/" + favicon)}">' if favicon else ""}
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{escape(site_name)}</h1>
<p id="suggested" hidden>The highlighted language matches your phone's settings.</p>
<ul>
{chr(10).join(items)}
</ul>
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def write_chooser(out_dir: Path, run: BuildRun, site_name: str, description: str = "", favicon: str = "") -> None:
    """Write ``index.html`` at the root of the output folder."""
    (out_dir / "index.html").write_text(render_chooser(run, site_name, description, favicon), encoding="utf-8")
