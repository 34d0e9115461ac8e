#!/usr/bin/env python3
"""Build-time benchmark: the whole site against an English-only build, measured in one run.

Prints the median wall time of `mkdocs build` for English only, for every language in one
build, and (for reference) for one separate build per language; their ratios and the marginal
cost of each extra language. Target: all languages ≤ 4× English only.

    .venv/bin/python benchmarks/build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kyr.config import load_settings  # noqa: E402


def timed_build(langs: str | None, site_dir: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "KYR_LANGS"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if langs:
        env["KYR_LANGS"] = langs
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", site_dir],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per measurement (median)")
    args = parser.parse_args(argv)
    codes = [lang.code for lang in load_settings(str(ROOT / "mkdocs.yml")).languages]
    pages = len(list((ROOT / "docs").rglob("*.md")))
    with tempfile.TemporaryDirectory() as tmp:
        site = str(Path(tmp) / "site")
        timed_build(None, site)  # warm the file cache and jieba's dictionary cache
        english, full, separate = [], [], []
        for _ in range(args.runs):
            english.append(timed_build(codes[0], site))
            full.append(timed_build(None, site))
            separate.append(sum(timed_build(code, site) for code in codes))
    en, all_, sep = (statistics.median(x) for x in (english, full, separate))
    print(f"pages per language:              {pages}")
    print(f"languages:                       {len(codes)} ({', '.join(codes)})")
    print(f"cores:                           {os.cpu_count()}")
    print(f"English only:                    {en:6.2f} s")
    print(f"all languages, one build:        {all_:6.2f} s   ratio {all_ / en:4.2f}x  (target <= 4x)")
    print(f"one build per language:          {sep:6.2f} s   ratio {sep / en:4.2f}x  (reference)")
    print(f"marginal cost per extra language:{(all_ - en) / (len(codes) - 1):6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
