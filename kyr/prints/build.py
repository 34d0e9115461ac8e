"""Plan, cache and render every printout of a build, in parallel worker processes.

A document is rendered again only when something it is made from changed: its texts (and so
the catalogs), the data files, the templates, the code, the QR address or the print date. Each
PDF is kept in ``.cache/kyr/prints/`` under a hash of those inputs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import multiprocessing
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kyr.cache import code_hash
from kyr.prints import KINDS, PAPERS

__all__ = ["PrintFile", "PrintJob", "plan", "render_all"]

log = logging.getLogger("mkdocs.kyr")


#: Documents made once for each county of the edition (with that county's line); the others
#: (the brochure) list every county's line.
PER_COUNTY = ("cards", "poster")


@dataclass(frozen=True)
class PrintJob:
    """One document in both paper sizes for one language (and county, for cards and posters)."""

    language: str
    kind: str
    counties: tuple[str | None, ...]
    """The documents of the job: ``None`` for the brochure, else every county's id, in order."""
    papers: tuple[str, ...]
    keys: tuple[str, ...]
    """Cache key of each (county, paper) pair, counties first."""

    def documents(self) -> list[tuple[str | None, str]]:
        return [(county, paper) for county in self.counties for paper in self.papers]


@dataclass(frozen=True)
class PrintFile:
    language: str
    kind: str
    paper: str
    path: Path
    """The PDF in the cache."""
    county: str | None = None

    @property
    def name(self) -> str:
        return file_name(self.kind, self.county, self.paper)

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def file_name(kind: str, county: str | None, paper: str) -> str:
    """``brochure-letter.pdf``, ``cards-alameda-a4.pdf``."""
    return f"{kind}-{county}-{paper}.pdf" if county else f"{kind}-{paper}.pdf"


def _texts_digest(settings: Any, data: Any, language: Any) -> str:
    """What a language's printouts are made from: its data-file translations and the data."""
    from kyr.i18n.catalogs import DATA_DOMAINS
    from kyr.i18n.translate import load_catalogs

    catalogs = load_catalogs(settings.layout(), language,
                             source=language == settings.source, domains=set(DATA_DOMAINS))
    payload = {
        "entries": sorted((d, sorted(catalogs.entries.get(d, {}).items())) for d in DATA_DOMAINS),
        "data": repr(data),
    }
    return hashlib.sha256(json.dumps(payload, default=str, ensure_ascii=False).encode()).hexdigest()


def plan(settings: Any, data: Any, languages: list[Any], *, today: dt.date, site_url: str,
         kinds=KINDS) -> list[PrintJob]:
    """One job per language and document, with the cache key of each paper size.

    A job always makes every paper size, in order: each size starts its type-size search from
    the previous one's result, so a PDF must not depend on which sizes a run asked for.
    """
    code = code_hash()
    counties = tuple(c.id for c in data.region.counties)
    jobs = []
    for language in languages:
        texts = _texts_digest(settings, data, language) + "|" + "|".join(settings.not_english)
        for kind in kinds:
            which = counties if kind in PER_COUNTY else (None,)
            keys = tuple(
                hashlib.sha256(
                    f"{code}|{texts}|{language.code}|{kind}|{county}|{paper}|{today}|{site_url}".encode()
                ).hexdigest()[:24]
                for county in which
                for paper in PAPERS
            )
            jobs.append(PrintJob(language.code, kind, which, PAPERS, keys))
    return jobs


def _cache_path(cache: Path, job: PrintJob, index: int) -> Path:
    county, paper = job.documents()[index]
    return cache / f"{job.language}-{file_name(job.kind, county, paper)[:-4]}-{job.keys[index]}.pdf"


# Per worker process: the run's settings, set before the pool forks.
_STATE: dict[str, Any] = {}


def _render_job(job: PrintJob) -> tuple[PrintJob, str | None, float]:
    from kyr.i18n.catalogs import DATA_DOMAINS
    from kyr.i18n.translate import load_catalogs
    from kyr.prints.render import Overflow, render
    from kyr.prints.texts import PrintTexts

    start = time.monotonic()
    settings, data, today, site_url, cache = (
        _STATE["settings"], _STATE["data"], _STATE["today"], _STATE["site_url"], _STATE["cache"]
    )
    language = settings.language(job.language)
    catalogs = load_catalogs(settings.layout(), language,
                             source=language == settings.source, domains=set(DATA_DOMAINS))
    scale = None
    own_font = True  # once the chosen face did not fit one document of the job, the rest skip it
    try:
        for index, (county, paper) in enumerate(job.documents()):
            texts = PrintTexts(language, data, catalogs, today, site_url, county=county,
                               not_english=tuple(settings.not_english), own_font=own_font)
            result = render(job.kind, paper, texts, start=scale)
            scale, own_font = result.scale, result.own_font
            path = _cache_path(cache, job, index)
            # A name of its own: another build may be making the same PDF into a shared cache.
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(result.pdf)
            os.replace(tmp, path)
    except Overflow as e:
        return job, str(e), time.monotonic() - start
    return job, None, time.monotonic() - start


def render_all(settings: Any, data: Any, languages: list[Any], *, today: dt.date, site_url: str,
               cache: Path, kinds=KINDS, papers=PAPERS, workers: int | None = None) -> list[PrintFile]:
    """Make every printout, reusing cached ones; returns the PDFs (in the cache).

    Raises:
        RuntimeError: listing the documents whose text does not fit.
    """
    cache.mkdir(parents=True, exist_ok=True)
    jobs = plan(settings, data, languages, today=today, site_url=site_url, kinds=kinds)
    todo = [job for job in jobs if not all(_reuse(_cache_path(cache, job, i)) for i in range(len(job.keys)))]
    # Longest first (CJK fonts, card sheets), so the workers finish together.
    todo.sort(key=lambda job: (job.language.split("-")[0] not in ("zh", "ko", "ja"), job.kind != "cards"))
    if not site_url:
        log.info("kyr: the edition has no site_url (region.yml), so the printouts have no QR code")
    if todo:
        started = time.monotonic()
        count = min(workers or os.cpu_count() or 1, len(todo))
        log.info(f"kyr: rendering {len(todo)} of {len(jobs)} printouts in {count} processes")
        _STATE.update(settings=settings, data=data, today=today, site_url=site_url, cache=cache)
        errors = []
        done = 0
        if count > 1 and "fork" in multiprocessing.get_all_start_methods():
            import weasyprint  # noqa: F401 - imported once, before the workers fork

            ctx = multiprocessing.get_context("fork")
            # WeasyPrint's memory grows within a process: start fresh ones now and then.
            with ctx.Pool(count, maxtasksperchild=12) as pool:
                for job, error, seconds in pool.imap_unordered(_render_job, todo):
                    done += 1
                    log.info(f"kyr: printouts {done}/{len(todo)}: {job.language} {job.kind} ({seconds:.1f} s)")
                    if error:
                        errors.append(error)
        else:
            for job in todo:
                _job, error, seconds = _render_job(job)
                done += 1
                log.info(f"kyr: printouts {done}/{len(todo)}: {job.language} {job.kind} ({seconds:.1f} s)")
                if error:
                    errors.append(error)
        _STATE.clear()
        if errors:
            raise RuntimeError("printouts that do not fit:\n" + "\n".join(errors))
        log.info(f"kyr: printouts rendered in {time.monotonic() - started:.1f} s")
    _prune(cache, jobs)
    return [
        PrintFile(job.language, job.kind, paper, _cache_path(cache, job, i), county)
        for job in jobs
        for i, (county, paper) in enumerate(job.documents())
        if paper in papers
    ]


#: A cached PDF no build has used for this long is deleted (seconds). Not at once: another build
#: of another copy or edition may share the cache (``$KYR_CACHE``) and still be using it.
PRUNE_AFTER = 2 * 24 * 3600


def _reuse(path: Path) -> bool:
    """Whether a cached PDF exists; marks it as used now, so no other build prunes it."""
    try:
        os.utime(path)
    except FileNotFoundError:
        return False
    return True


def _prune(cache: Path, jobs: list[PrintJob], *, now: float | None = None) -> None:
    """Drop cached PDFs of these documents that no current job uses (old dates, old texts) and
    that no build has used for :data:`PRUNE_AFTER` seconds."""
    keep = {_cache_path(cache, job, i).name for job in jobs for i in range(len(job.keys))}
    prefixes = tuple(f"{job.language}-{job.kind}-" for job in jobs)
    now = time.time() if now is None else now
    for path in cache.glob("*.pdf"):
        if path.name in keep or not path.name.startswith(prefixes):
            continue
        try:
            if now - path.stat().st_mtime > PRUNE_AFTER:
                path.unlink(missing_ok=True)
        except FileNotFoundError:
            pass
