#!/usr/bin/env python3
"""Printout benchmark: every document, paper size and language from cold, then unchanged.

Prints wall times for a cold run (empty cache), a warm run (nothing changed) and their ratio,
with the number of documents and the largest PDF per script. Targets: cold <= 10 s on two
cores; warm close to 0 s.

    .venv/bin/python benchmarks/prints.py
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kyr.config import load_settings, today  # noqa: E402
from kyr.content.data import load_project_data  # noqa: E402
from kyr.prints.build import render_all  # noqa: E402


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    settings = load_settings(str(ROOT / "mkdocs.yml"))
    data, _ = load_project_data(settings)
    site_url = data.region.site_url or "https://kyr.example.org/"
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        start = time.perf_counter()
        files = render_all(settings, data, list(settings.languages), today=today(), site_url=site_url, cache=cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        render_all(settings, data, list(settings.languages), today=today(), site_url=site_url, cache=cache)
        warm = time.perf_counter() - start
        sizes = {f"{f.language} {f.kind} {f.paper}": f.size for f in files}
    print(f"cores:                 {os.cpu_count()}")
    print(f"documents:             {len(files)} ({len(settings.languages)} languages x 3 documents x 2 papers)")
    print(f"cold (empty cache):    {cold:6.2f} s   (target <= 10 s)")
    print(f"warm (nothing changed):{warm:6.2f} s   ratio {warm / cold:.3f}")
    for group, langs in (("Latin/Vietnamese", ("en", "es", "tl", "vi")), ("Arabic", ("ar",)), ("CJK", ("zh-Hant", "zh-Hans", "ko"))):
        biggest = max((v, k) for k, v in sizes.items() if k.split()[0] in langs and "brochure" in k)
        print(f"largest {group} brochure: {biggest[0] / 1024:6.0f} KB ({biggest[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
