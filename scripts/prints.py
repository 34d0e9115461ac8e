#!/usr/bin/env python3
"""Make printouts for chosen languages, documents and paper sizes, without building the site.

    scripts/prints.py                         every language, document and size, into prints/
    scripts/prints.py -l es,zh-Hant -p letter -k cards -o /tmp/cards
    scripts/prints.py --site-url https://kyr.example.org/   QR codes to another address

The site build (`make site`) makes the same files into site/<lang>/print/. PDFs whose inputs did
not change come from .cache/kyr/prints/.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kyr.config import load_settings, today  # noqa: E402
from kyr.schema import ConfigError  # noqa: E402
from kyr.content.data import load_project_data  # noqa: E402
from kyr.prints import KINDS, PAPERS  # noqa: E402
from kyr.prints.build import render_all  # noqa: E402


def _choose(value: str | None, allowed, what: str) -> list[str]:
    if not value:
        return list(allowed)
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise SystemExit(f"error: unknown {what} {', '.join(unknown)}; expected some of {', '.join(allowed)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("-l", "--languages", help="comma-separated language codes (default: all)")
    parser.add_argument("-k", "--kinds", help=f"comma-separated documents: {', '.join(KINDS)}")
    parser.add_argument("-p", "--papers", help=f"comma-separated paper sizes: {', '.join(PAPERS)}")
    parser.add_argument("-o", "--output", default="prints", help="folder for <lang>/<kind>-<paper>.pdf")
    parser.add_argument("--site-url", help="address for the QR codes (default: data/region.yml site_url)")
    parser.add_argument("-j", "--jobs", type=int, help="worker processes (default: one per core)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config_file = Path(args.config_file).resolve()
    try:
        settings = load_settings(str(config_file))
        data, _ = load_project_data(settings)
    except ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    codes = _choose(args.languages, [lang.code for lang in settings.languages], "language")
    languages = [settings.language(code) for code in codes]
    site_url = args.site_url if args.site_url is not None else data.region.site_url
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    try:
        files = render_all(
            settings, data, languages, today=today(), site_url=site_url,
            cache=settings.layout().cache_dir("prints"),
            kinds=_choose(args.kinds, KINDS, "document"), papers=_choose(args.papers, PAPERS, "paper size"),
            workers=args.jobs,
        )
    except RuntimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    out = Path(args.output)
    for file in files:
        target = out / file.language / file.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file.path, target)
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
