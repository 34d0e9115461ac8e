#!/usr/bin/env python3
"""Build-time benchmark: the whole site against an English-only build, measured in one run, and
how fast an edit shows under ``mkdocs serve``.

Prints the median wall time of ``mkdocs build`` for English only, for the first eight languages
(target: at most 3x English only) and for every language (target: at most 4.5x), with the
ratios; then, under ``mkdocs serve`` of every language, how long a saved ``.po`` file takes to
show in its language (target: at most 1 s, only that language rebuilt) and how long an English
edit takes to show in every language.

    .venv/bin/python benchmarks/build.py [--runs 3] [--no-serve]

Printouts come from the cache (``.cache/kyr/prints``) in every build measured: they are made
before the pages and do not depend on the number of page builds (benchmarks/prints.py measures
them).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kyr.config import load_settings  # noqa: E402

#: The languages the site had before the six of issue 15; their build must stay within 3x.
FIRST_EIGHT = 8


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KYR_LANGS", "KYR_PRINTS")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def timed_build(langs: str | None, site_dir: str) -> float:
    env = _env(**({"KYR_LANGS": langs} if langs else {}))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", site_dir], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


# -- Serve ------------------------------------------------------------------------------------


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _until(url: str, marker: str, timeout: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if marker in _get(url):
            return time.perf_counter()
        time.sleep(0.02)
    raise SystemExit(f"serve benchmark: {marker!r} never showed at {url}")


def _visible_entry(po: Path, page: str):
    """A plain translated paragraph of ``po`` that the served page shows as it is."""
    import html

    from kyr.i18n.pofile import parse_po

    for entry in parse_po(po.read_text(encoding="utf-8")).active():
        text = entry.msgstr[0] if entry.msgstr else ""
        if 30 <= len(text) <= 300 and not re.search(r"[\[\]*{}`<>_#|]", text) and html.escape(text, quote=False) in page:
            return entry
    raise SystemExit(f"serve benchmark: no plain paragraph of {po} is on the page")


def _set_translation(po: Path, entry, text: str) -> None:
    from kyr.i18n.pofile import parse_po

    catalog = parse_po(po.read_text(encoding="utf-8"))
    for i, e in enumerate(catalog.entries):
        if e.key == entry.key and not e.obsolete:
            e = e.changed()
            e.msgstr = [text]
            catalog.entries[i] = e
    po.write_text(catalog.render(), encoding="utf-8")


def serve_figures(codes: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Seconds from saving a ``.po`` file to its page showing the change (under serve of every
    language), and from saving an English page to every language showing it."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("docs", "locales", "data", "hooks", "overrides", "regions", "kyr"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("mkdocs.yml", "babel.cfg"):
            shutil.copy(ROOT / name, project / name)
        if (ROOT / ".cache").is_dir():
            shutil.copytree(ROOT / ".cache", project / ".cache")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        log_path = Path(tmp) / "serve.log"
        log_file = log_path.open("w", encoding="utf-8")  # a pipe nobody reads would stall the server
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
            env=_env(KYR_PRINTS="0", PYTHONPATH=str(project)), stdout=log_file, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _until(f"{base}/{codes[-1]}/index.html", "<html", timeout=600)
            po = project / "locales" / codes[1] / "LC_MESSAGES" / "index.po"
            english = project / "docs" / "index.md"
            po_times, english_times = [], []
            page = _get(f"{base}/{codes[1]}/index.html")
            entry = _visible_entry(po, page)
            for run in range(runs):
                marker = f"Kyrbench{'abcdefghij'[run]}po"  # letters only: a new digit would be refused
                start = time.perf_counter()
                _set_translation(po, entry, f"{entry.msgstr[0]} {marker}")
                po_times.append(_until(f"{base}/{codes[1]}/index.html", marker) - start)
                time.sleep(1)
                marker = f"Kyrbench{'abcdefghij'[run]}en"
                start = time.perf_counter()
                english.write_text(english.read_text(encoding="utf-8") + f"\n{marker} is new.\n", encoding="utf-8")
                for code in codes:
                    _until(f"{base}/{code}/index.html", marker)
                english_times.append(time.perf_counter() - start)
                time.sleep(1)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log_file.close()
        log = log_path.read_text(encoding="utf-8", errors="replace")
        rebuilt = re.findall(r"\[([\w-]+)\] rebuilt in", log)
        if set(rebuilt) != {codes[1]}:
            print(f"warning: a .po edit rebuilt {sorted(set(rebuilt))}, expected only {codes[1]}")
    return po_times, english_times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement (median)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve figures")
    args = parser.parse_args(argv)
    codes = [lang.code for lang in load_settings(str(ROOT / "mkdocs.yml")).languages]
    first = ",".join(codes[:FIRST_EIGHT])
    pages = len(list((ROOT / "docs").rglob("*.md")))
    with tempfile.TemporaryDirectory() as tmp:
        site = str(Path(tmp) / "site")
        timed_build(None, site)  # warm the file system cache and the kit's caches
        english, eight, full = [], [], []
        for _ in range(args.runs):
            english.append(timed_build(codes[0], site))
            eight.append(timed_build(first, site))
            full.append(timed_build(None, site))
    en, e8, all_ = (statistics.median(x) for x in (english, eight, full))
    print(f"pages per language:                {pages}")
    print(f"languages:                         {len(codes)} ({', '.join(codes)})")
    print(f"cores:                             {os.cpu_count()}")
    print(f"English only:                      {en:6.2f} s")
    print(f"first {FIRST_EIGHT} languages, one build:     {e8:6.2f} s   ratio {e8 / en:4.2f}x  (target <= 3x)")
    print(f"all {len(codes)} languages, one build:    {all_:6.2f} s   ratio {all_ / en:4.2f}x  (target <= 4.5x)")
    print(f"marginal cost per extra language:  {(all_ - en) / (len(codes) - 1):6.2f} s")
    if not args.no_serve:
        po, english_edit = serve_figures(codes, args.runs)
        print(f"serve, a .po edit shows in:        {statistics.median(po):6.2f} s   (median of {len(po)}; "
              f"target <= 1 s; only its language rebuilt)")
        print(f"serve, an English edit shows in:   {statistics.median(english_edit):6.2f} s   "
              f"(every language rebuilt)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
