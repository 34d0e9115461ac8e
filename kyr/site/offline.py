"""Offline use: each language is an installable web app and a zip that works from ``file://``.

After a language build:

- theme files a language does not need are left out (source maps, other languages' stemmers);
- ``search/search_index.js`` holds the search index for ``file://``, where Material loads it with
  a script tag instead of ``fetch`` (the job of Material's offline plugin, which would also add
  a script from unpkg.com);
- ``manifest.webmanifest`` and icons make the language installable (name, ``lang``, ``dir``);
- ``sw.js``, a service worker scoped to the language folder, precaches the pages, the search
  index and the assets of that language (not other languages, not the printouts, not pages
  marked ``offline: false``, which it keeps once opened) in a cache named after a hash of their
  content. A new version installs into a new cache and only takes over when no page of the old
  one is open, so readers never see a mix of old and new pages. With Save-Data on, it keeps only
  what the reader opens, until the reader asks to save the whole guide;
- ``../downloads/kyr-<lang>.zip`` is the language folder for sharing by phone or USB, with links
  to other languages pointed at the published site (or removed when it has no address yet).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from kyr.languages import Language

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

__all__ = [
    "BUNDLE_FOLDER",
    "bundle_name",
    "precache_list",
    "trim_theme_files",
    "write_bundle",
    "write_icons",
    "write_manifest",
    "write_search_index_js",
    "write_search_worker",
    "use_search_worker",
    "write_service_worker",
]

THEME_COLOR = "#283593"
#: The folder beside the languages that holds the zips.
BUNDLE_FOLDER = "downloads"
_NEVER_CACHED = (".map", ".pdf", ".zip", ".gz")
_LUNR_RE = re.compile(r"^assets/javascripts/lunr/min/lunr\.([\w.]+)\.min\.js$")
_SEGMENTERS = {"tinyseg.js": {"ja"}, "wordcut.js": {"th", "hi"}}


def trim_theme_files(files: Files, language: Language) -> None:
    """``on_files``: drop source maps and the search files this language's worker never loads.

    Material's search worker loads ``lunr.<lang>`` and ``stemmer.support`` for a language other
    than English, ``multi`` only for several languages at once (never, here), and a segmenter
    for Japanese, Thai and Hindi.
    """
    lang = language.search_language
    keep_lunr = {lang, "stemmer.support"} if lang != "en" else set()
    for file in list(files):
        uri = file.src_uri
        if uri.endswith(".map"):
            files.remove(file)
            continue
        m = _LUNR_RE.match(uri)
        if m and m.group(1) not in keep_lunr:
            files.remove(file)
            continue
        name = PurePosixPath(uri).name
        if uri.startswith("assets/javascripts/lunr/") and name in _SEGMENTERS:
            if lang not in _SEGMENTERS[name]:
                files.remove(file)


#: Where the search layer (``overrides/assets/kyr/search-worker.js``) is published: beside
#: Material's worker, whose ``/workers`` path Material uses to find its lunr files.
SEARCH_WORKER = "assets/javascripts/workers/kyr-search.js"
_WORKER_RE = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")


def write_search_worker(site_dir: Path) -> str | None:
    """Publish the search layer around Material's worker; returns the worker's path, if any."""
    template = site_dir / "assets" / "kyr" / "search-worker.js"
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not template.exists() or not workers:
        return None
    text = template.read_text(encoding="utf-8").replace("__MATERIAL_WORKER__", workers[0].name)
    (site_dir / SEARCH_WORKER).write_text(text, encoding="utf-8")
    template.unlink()
    return SEARCH_WORKER


def use_search_worker(html: str) -> str:
    """Point a page's Material configuration at the search layer instead of Material's worker."""
    return _WORKER_RE.sub(SEARCH_WORKER, html, count=1) if '"search":' in html else html


def write_search_index_js(site_dir: Path) -> None:
    """The search index, written compactly (Material escapes every letter outside ASCII, which
    doubles an Arabic or Hindi index), and as a script for ``file://``."""
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        index.write_text(text, encoding="utf-8")
        (site_dir / "search" / "search_index.js").write_text("var __index = " + text, encoding="utf-8")


#: lunr-languages' Hindi support asks for ``lunr.wordcut``, a Thai word splitter with a Thai
#: dictionary (660 KB), only to set up a tokenizer Material's search never uses (Material splits
#: words itself). For Hindi the build publishes this in its place.
_WORDCUT_FOR_HINDI = """\
// kyr: what lunr.hi needs of lunr.wordcut. Material's search splits words with its own
// tokenizer, so the Thai dictionary is never used for Hindi; this splits at spaces if asked.
(function (root) {
  "use strict";
  var lunr = root.lunr || (root.lunr = {});
  lunr.wordcut = {
    init: function () {},
    cut: function (text) { return String(text).split(/\\s+/).filter(Boolean).join("|"); }
  };
})(typeof self !== "undefined" ? self : this);
"""


def write_wordcut(site_dir: Path, language: Language) -> None:
    """Hindi search without the Thai dictionary (see :data:`_WORDCUT_FOR_HINDI`)."""
    path = site_dir / "assets" / "javascripts" / "lunr" / "wordcut.js"
    if language.search_language == "hi" and path.exists():
        path.write_text(_WORDCUT_FOR_HINDI, encoding="utf-8")


def write_icons(site_dir: Path) -> list[dict[str, str]]:
    """App icons (drawn here: a white door on the theme colour), as manifest entries."""
    from PIL import Image, ImageDraw

    out = []
    folder = site_dir / "assets" / "kyr"
    folder.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        image = Image.new("RGB", (size, size), THEME_COLOR)
        draw = ImageDraw.Draw(image)
        u = size / 16
        draw.rounded_rectangle((5 * u, 3 * u, 11 * u, 13.5 * u), radius=u * 0.6, outline="white", width=max(2, int(u)))
        draw.ellipse((8.6 * u, 8 * u, 9.6 * u, 9 * u), fill="white")
        draw.line((3.5 * u, 13.5 * u, 12.5 * u, 13.5 * u), fill="white", width=max(2, int(u)))
        buf = io.BytesIO()
        image.save(buf, "PNG", optimize=True)
        path = folder / f"icon-{size}.png"
        path.write_bytes(buf.getvalue())
        out.append({"src": f"assets/kyr/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"})
    return out


def write_manifest(site_dir: Path, language: Language, name: str, short_name: str, description: str) -> None:
    manifest = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": language.html_lang,
        "dir": language.direction,
        "start_url": "index.html",
        "scope": "./",
        "id": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": write_icons(site_dir),
    }
    (site_dir / "manifest.webmanifest").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def precache_list(site_dir: Path, skip: Iterable[str] = ()) -> list[str]:
    """Every file of the language the service worker keeps, as URLs relative to its scope.

    ``skip``: pages not saved in advance (front matter ``offline: false``).
    """
    skip = set(skip)
    out = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        # The feed is for feed readers, the sitemap for search engines, the script copy of the
        # index for file:// only.
        if rel in ("sw.js", "sitemap.xml", "feed.xml", "search/search_index.js") or rel.endswith(_NEVER_CACHED):
            continue
        if rel.startswith("print/") or rel in skip:
            continue
        out.append(rel)
    return out


_SERVICE_WORKER = """\
// kyr service worker for one language ({lang}): generated by the build, do not edit.
// Keeps the pages, the search index and the assets of this language on the device, in one cache
// per version. The page asks it to save the whole guide after the first visit, unless the phone
// saves data (Save-Data): then only what the reader opens is kept, until they tap "Save this
// guide for offline use". A new version fills its own cache with what the old one kept, then
// waits until no page of the old version is open, or until the reader taps "Show the new
// version" on a page (which reloads it), so a reader never sees old and new pages mixed.
// Printouts are kept only once the reader opens them. Nothing is sent anywhere.
"use strict";
const VERSION = "{version}";
const PREFIX = "kyr-{lang}-";
const CACHE = PREFIX + VERSION;
const PRINTS = PREFIX + "prints-" + VERSION;
const FILES = {files};
const SCOPE = new URL("./", self.location).pathname;

// Whether the whole guide was saved: the page asks for it (on its own, unless the phone saves
// data; with Save-Data, when the reader taps "Save this guide for offline use").
const COMPLETE = SCOPE + "kyr-saved-whole-guide";

function paths(files) {{
  return new Set(files.map((file) => new URL(file, self.location).pathname));
}}

// What the version before kept: all of it (the new version keeps all of it too) or the pages
// the reader opened (fetched again, no more).
function keptBefore() {{
  return caches.keys().then((keys) => Promise.all(keys
    .filter((key) => key.startsWith(PREFIX) && key !== CACHE && !key.startsWith(PREFIX + "prints-"))
    .map((key) => caches.open(key).then((cache) => cache.keys()))))
    .then((lists) => {{
      const wanted = paths(FILES);
      const found = new Set();
      let whole = false;
      lists.flat().forEach((request) => {{
        const path = new URL(request.url).pathname;
        if (path === COMPLETE) whole = true;
        else if (wanted.has(path)) found.add(path);
      }});
      return {{ whole, opened: [...found] }};
    }});
}}

// Fresh from the server, never from the browser's HTTP cache (it may hold the version before).
function fresh(files) {{
  return files.map((file) => new Request(file, {{ cache: "reload" }}));
}}

function saveAll(cache) {{
  return cache.addAll(fresh(FILES)).then(() => cache.put(COMPLETE, new Response("")));
}}

self.addEventListener("install", (event) => {{
  event.waitUntil(caches.open(CACHE).then((cache) => keptBefore()
    .then((before) => before.whole ? saveAll(cache) : cache.addAll(fresh(before.opened)))));
}});

self.addEventListener("activate", (event) => {{
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => key.startsWith(PREFIX) && key !== CACHE && key !== PRINTS)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
}});

function status() {{
  return caches.open(CACHE)
    .then((cache) => cache.match(COMPLETE))
    .then((hit) => ({{ type: "kyr-status", complete: Boolean(hit) }}));
}}

self.addEventListener("message", (event) => {{
  if (event.data === "kyr-activate") {{
    // The reader asked for the newer version: take over now (the page reloads itself).
    self.skipWaiting();
    return;
  }}
  if (event.data === "kyr-status") {{
    status().then((message) => event.source.postMessage(message));
  }}
  if (event.data === "kyr-save-all") {{
    // The reader asked to keep the whole guide on the phone.
    event.waitUntil(caches.open(CACHE)
      .then(saveAll)
      .then(status, () => ({{ type: "kyr-status", complete: false, failed: true }}))
      .then((message) => event.source.postMessage(message)));
  }}
}});

function fromCache(request, url) {{
  let path = url.pathname;
  if (path.endsWith("/")) path += "index.html";
  return caches.open(CACHE)
    .then((cache) => cache.match(path, {{ ignoreSearch: true }})
      .then((hit) => hit || fetch(request)
        .then((response) => {{
          // Kept once opened: pages left out of the advance download, and everything with Save-Data.
          if (response.ok && response.type === "basic") cache.put(path, response.clone());
          return response;
        }})
        .catch(() => cache.match(SCOPE + "404.html"))));
}}

function printout(request) {{
  return caches.open(PRINTS).then((cache) =>
    fetch(request)
      .then((response) => {{
        if (response.ok) cache.put(request, response.clone());
        return response;
      }})
      .catch(() => cache.match(request)));
}}

self.addEventListener("fetch", (event) => {{
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  if (url.pathname.endsWith(".pdf")) {{
    event.respondWith(printout(request));
  }} else {{
    event.respondWith(fromCache(request, url));
  }}
}});
"""


def write_service_worker(site_dir: Path, language: Language, skip: Iterable[str] = ()) -> str:
    """Write ``sw.js``; returns the cache version (a hash of every precached file)."""
    files = precache_list(site_dir, skip)
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site_dir / rel).read_bytes()).digest())
    version = digest.hexdigest()[:16]
    text = _SERVICE_WORKER.format(lang=language.code, version=version, files=json.dumps(files, indent=1))
    (site_dir / "sw.js").write_text(text, encoding="utf-8")
    return version


def bundle_name(language: Language) -> str:
    return f"kyr-{language.code}.zip"


def _bundle_html(html: str, language: Language, others: list[str], site_url: str) -> str:
    """Adapt a page for the zip: links to other languages go to the published site."""
    html = re.sub(r'<p class="kyr-bundle">.*?</p>', "", html, flags=re.S)
    for code in others:
        if site_url:
            html = re.sub(rf'href="(?:\.\./)+{re.escape(code)}/', f'href="{site_url}{code}/', html)
        else:
            # No published address: drop the switcher entry; other links lose their target.
            html = re.sub(
                rf'<li class="md-select__item">\s*<a href="(?:\.\./)+{re.escape(code)}/.*?</li>', "", html, flags=re.S
            )
            html = re.sub(rf' href="(?:\.\./)+{re.escape(code)}/[^"]*"', "", html)
    return html


def write_bundle(site_dir: Path, dest: Path, language: Language, others: list[str], site_url: str) -> Path:
    """Zip the language folder as ``kyr-<lang>/`` for sharing; returns the zip's path."""
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / bundle_name(language)
    folder = f"kyr-{language.code}"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for file in sorted(site_dir.rglob("*")):
            if not file.is_file():
                continue
            rel = file.relative_to(site_dir).as_posix()
            if rel in ("sw.js", "sitemap.xml", "sitemap.xml.gz") or rel.startswith("print/"):
                continue
            info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = file.read_bytes()
            if rel.endswith(".html"):
                data = _bundle_html(data.decode("utf-8"), language, others, site_url).encode("utf-8")
            zf.writestr(info, data)
    return path
