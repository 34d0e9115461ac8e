#!/usr/bin/env python3
"""Page-weight and Lighthouse benchmark of the built site, as a reader's phone sees it.

Builds the site into a temporary folder, serves it with gzip on 127.0.0.1, then prints:

- for every page of every language, what a first visit transfers (HTML, CSS and JS, gzip) and
  in how many requests, measured in Debian's Chromium at a 390×844 phone viewport (target:
  at most 70 KB per page; the search index and worker must not load);
- Lighthouse scores (mobile preset), with the pages served by a plain static server without
  compression, for the language chooser, the English home page, the heaviest content page of any
  language, a Chinese page and an Arabic one (target: 100 in all four categories).

    .venv/bin/python benchmarks/site.py [--no-lighthouse] [--summary]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-quic"]
TEXT = (".html", ".css", ".js", ".json", ".webmanifest", ".svg", ".xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed like a real web server would send them."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".webmanifest": "application/manifest+json", ".js": "text/javascript"}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io

        return io.BytesIO(body)


class PlainHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as they are, like ``python3 -m http.server``."""

    extensions_map = GzipHandler.extensions_map

    def log_message(self, *args):
        pass


def serve(folder: Path, handler_class: type = GzipHandler) -> tuple[str, socketserver.TCPServer]:
    handler = functools.partial(handler_class, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def first_visits(base: str, site: Path) -> dict[str, list[tuple[str, int, int, bool]]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, list[tuple[str, int, int, bool]]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for lang_dir in sorted(d for d in site.iterdir() if (d / "index.html").exists()):
            rows = []
            for page in sorted(lang_dir.glob("*.html")):
                context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                              service_workers="block")
                tab = context.new_page()
                sizes: list[tuple[str, int]] = []

                def record(response, sizes=sizes):
                    url = response.url
                    if urlsplit(url).path.endswith((".html", ".css", ".js")) or url.endswith("/"):
                        try:
                            sizes.append((url, int(response.request.sizes()["responseBodySize"])))
                        except Exception:  # noqa: BLE001
                            sizes.append((url, 0))

                tab.on("response", record)
                tab.goto(f"{base}/{lang_dir.name}/{page.name}")
                tab.wait_for_load_state("networkidle")
                search = any("search_index" in u or "/workers/" in u for u, _ in sizes)
                rows.append((page.name, sum(s for _, s in sizes), len(sizes), search))
                context.close()
            results[lang_dir.name] = rows
        browser.close()
    return results


def lighthouse(url: str) -> dict[str, float]:
    exe = ROOT / "node_modules" / ".bin" / "lighthouse"
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [str(exe), url, "--quiet", "--output=json", f"--output-path={out.name}",
             "--only-categories=performance,accessibility,best-practices,seo",
             f"--chrome-flags=--headless=new {' '.join(FLAGS)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300,
        )
        report = json.loads(Path(out.name).read_text())
    return {key: round(value["score"] * 100) for key, value in report["categories"].items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    parser.add_argument("--summary", action="store_true", help="one line per language, not every page")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KYR_PRINTS": "0"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
        base, server = serve(site)
        try:
            worst = 0
            print("first visit (HTML + CSS + JS, gzip), per page:")
            for lang, rows in first_visits(base, site).items():
                sizes = [size for _, size, _, _ in rows]
                heaviest = max(rows, key=lambda r: r[1])
                worst = max(worst, heaviest[1])
                loaded_search = [name for name, _, _, search in rows if search]
                print(f"  {lang:8} {len(rows):2} pages: {min(sizes) / 1024:5.1f}-{max(sizes) / 1024:5.1f} KB "
                      f"in {min(r[2] for r in rows)}-{max(r[2] for r in rows)} requests "
                      f"(heaviest {heaviest[0]}){'; SEARCH LOADED on ' + ', '.join(loaded_search) if loaded_search else ''}")
                for name, size, count, _ in () if args.summary else rows:
                    print(f"      {name:32} {size / 1024:5.1f} KB  {count} requests")
            print(f"heaviest page: {worst / 1024:.1f} KB (target <= 70 KB)")
            if not args.no_lighthouse:
                plain, plain_server = serve(site, PlainHandler)
                pages = sorted(p for p in site.glob("*/*.html") if p.name != "404.html")
                heaviest = max(pages, key=lambda p: p.stat().st_size).relative_to(site).as_posix()
                print("Lighthouse, mobile, plain static server without compression (target: 100 everywhere):")
                try:
                    for path in ("index.html", "en/index.html", heaviest, "zh-Hant/index.html", "ar/at-home.html"):
                        scores = lighthouse(f"{plain}/{path}")
                        print(f"  {path:22} " + "  ".join(f"{k} {v}" for k, v in scores.items()))
                finally:
                    plain_server.shutdown()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
