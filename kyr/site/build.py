"""One ``mkdocs build``, every language: the build driver behind ``hooks/multilingual.py``.

The build MkDocs starts (the *root* build) becomes the build of the first selected language.
Every other language gets its own *language build*: a fresh config loaded from the same
``mkdocs.yml`` and built with MkDocs' own ``build()``, so each ``site/<lang>/`` has its own search
index, ``lang``/``dir``, Material UI language and theme assets, and works on its own.

Language builds run in worker processes forked when the root build starts, so on two cores the
whole site costs a few English builds, not eight. Under ``mkdocs serve`` (or with one language)
they run one after another in the same process.

Output goes to a staging folder beside ``site/``; only when every language has built (and, with
``--strict``, without a warning) is it swapped in. A failed build leaves ``site/`` as it was.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import shutil
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler

from kyr.config import KyrConfig, selected_languages, settings_from, today
from kyr.content.data import SiteData, load_project_data
from kyr.region import stale_hotlines
from kyr.schema import ConfigError
from kyr.languages import Language

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = [
    "BuildRun",
    "LanguageBuild",
    "abort",
    "configure",
    "current",
    "finish",
    "start_workers",
    "watch",
]

log = logging.getLogger("mkdocs.kyr")

#: Environment variable limiting the languages built (``KYR_LANGS=es,ar``).
LANGS_ENV = "KYR_LANGS"
#: Set to ``0`` to build languages one after another in the root process.
WORKERS_ENV = "KYR_WORKERS"

# The run in progress in this process, so that on_build_error (which gets no config) can clean
# up. Set when a root build configures itself and cleared when it ends.
_active: BuildRun | None = None
# The last run ``mkdocs serve`` built (a catalog edit rebuilds its language with it); only set
# while serving.
_served: BuildRun | None = None


@dataclass
class BuildRun:
    """The state of one multilingual build, shared by the root and its language builds."""

    config_file: str
    settings: KyrConfig
    languages: list[Language]
    site_dir: Path
    """Where the finished site goes."""
    out_dir: Path
    """Where languages are written while building (a staging folder, or ``site_dir``)."""
    site_url: str
    site_name: str
    """The English site name (language builds translate their own copy)."""
    strict: bool
    serving: bool
    data: SiteData | None = None
    """``data/`` (hotlines, region, card), validated once by the root build."""
    allowed_hosts: frozenset[str] = frozenset()
    """Hosts the built pages may link to (see :mod:`kyr.gates.html`)."""
    translations: list[Any] = field(default_factory=list)
    """Per-language completeness and review status (:func:`kyr.i18n.status.translation_table`)."""
    prints: list[Any] = field(default_factory=list)
    """The printouts (:class:`kyr.prints.build.PrintFile`), made before the language builds."""
    started: float = field(default_factory=time.monotonic)
    workers: list[Any] = field(default_factory=list)
    results: Any = None
    pending: int = 0
    owner: int = field(default_factory=os.getpid)
    """The process of the root build: only it may stop workers or drop the staging folder."""
    languages_building: int = 0
    """Language builds running in this process (their errors are the root build's to handle)."""
    staging: Any = None
    """The locked staging folder (:mod:`kyr.site.staging`), when not serving."""
    phrases: frozenset[str] | None = None
    """What the English quotes (:func:`kyr.site.parts.project_phrases`), read when first needed."""
    markers: dict[str, Any] = field(default_factory=dict)
    """Each language's :class:`kyr.site.parts.EnglishMarker`, compiled when first needed."""
    parsed: dict[str, Any] = field(default_factory=dict)
    """English Markdown bodies split into segments, shared by every language
    (:func:`kyr.site.pages.share_parsing`)."""
    theme_files: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    """The theme's files, listed once for every language (:func:`kyr.site.shared.share_theme_files`)."""
    jieba: dict[str, Any] = field(default_factory=dict)
    """Each language build's learned jieba table (:func:`kyr.site.shared.use_learned_jieba`)."""

    @property
    def staged(self) -> bool:
        return self.out_dir != self.site_dir


@dataclass(frozen=True)
class LanguageBuild:
    """What a config is building: one language of one run."""

    run: BuildRun
    language: Language

    @property
    def root(self) -> bool:
        return self.language == self.run.languages[0]

    def url_of(self, language: Language, page_url: str) -> str:
        """A relative link from this language's ``page_url`` to the same page in ``language``."""
        depth = page_url.count("/")
        return "../" * (depth + 1) + f"{language.code}/{page_url}"


def current(config: MkDocsConfig) -> LanguageBuild:
    """The language build a config belongs to (set by :func:`configure`)."""
    build = getattr(config, "_kyr", None)
    if build is None:
        raise PluginError("kyr: the multilingual hook did not configure this build")
    return build


# -- Configuration ----------------------------------------------------------------------------


def configure(config: MkDocsConfig, command: str = "build") -> MkDocsConfig:
    """``on_config``: make ``config`` the build of one language.

    For the root build this also creates the :class:`BuildRun` (languages from ``KYR_LANGS``,
    staging folder) and picks the first language; a language build already carries its run.
    """
    global _active
    build: LanguageBuild | None = getattr(config, "_kyr", None)
    if build is None:
        try:
            settings = settings_from(config.extra, config.config_file_path or "mkdocs.yml")
            languages = selected_languages(settings, os.environ.get(LANGS_ENV))
            data = _load_data(settings)
        except ConfigError as e:
            raise PluginError(str(e)) from None
        site_dir = Path(config.site_dir).resolve()
        serving = command == "serve"
        staging = None
        if serving:
            out_dir = site_dir
        else:
            from kyr.site.staging import create, sweep

            for folder in sweep(site_dir):
                log.info(f"kyr: removed {folder.name}, left by a build that did not finish")
            staging = create(site_dir)
            out_dir = staging.path
        run = BuildRun(
            config_file=config.config_file_path,
            settings=settings,
            languages=languages,
            site_dir=site_dir,
            out_dir=out_dir,
            site_url=(data.region.site_url if data else "") or config.site_url or "",
            site_name=data.region.site_name if data else config.site_name,
            strict=bool(config.strict),
            serving=serving,
            data=data,
            staging=staging,
        )
        run.allowed_hosts = _allowed_hosts(config, settings, run.site_url)
        run.prints = _render_prints(run)
        try:
            from kyr.i18n.status import translation_table

            run.translations = translation_table(settings)
        except ConfigError as e:
            raise PluginError(str(e)) from None
        run.published = frozenset(row.language.code for row in run.translations if row.published)
        for row in run.translations:
            if not row.published and row.language in languages:
                log.info(
                    f"kyr: [{row.language.code}] is {row.counts.percent}% translated, below the publish threshold "
                    f"({settings.threshold_percent()}%): built as a preview, left out of the chooser and the switcher"
                )
        _active = run
        build = LanguageBuild(run, languages[0])
    _apply_language(config, build)
    from kyr.site.shared import share_theme_files, use_learned_jieba

    share_theme_files(config, build.run.theme_files)
    build.run.jieba[build.language.code] = use_learned_jieba(
        build.run.settings.layout().cache_dir("jieba"), build.language.code
    )
    return config


def _allowed_hosts(config: MkDocsConfig, settings: KyrConfig, site_url: str) -> frozenset[str]:
    from urllib.parse import urlsplit

    from kyr.gates.html import allowed_hosts

    sources = list(Path(config.docs_dir).rglob("*.md")) + list(Path(settings.data_path()).glob("*.yml"))
    if settings.has_regions():
        sources += [p for p in settings.region_path().rglob("*") if p.suffix in (".md", ".yml")]
    extra = list(settings.allowed_hosts)
    if site_url and urlsplit(site_url).hostname:
        extra.append(urlsplit(site_url).hostname)
    return allowed_hosts(sources, extra)


def _scan_output(config: MkDocsConfig, build: LanguageBuild) -> None:
    """Fail the build if a page of this language runs code or reaches another host."""
    from kyr.cache import JsonCache
    from kyr.gates.html import scan_file, scan_tree

    run = build.run
    cache = JsonCache(run.settings.layout().cache_dir("scan"))
    hits = scan_tree(Path(config.site_dir), run.allowed_hosts, relative_to=run.out_dir, cache=cache)
    if build.root and (run.out_dir / "index.html").exists():
        hits += scan_file(run.out_dir / "index.html", run.allowed_hosts, "index.html", cache)
    if hits:
        from kyr.gates.html import trace

        catalogs = getattr(config, "_kyr_catalogs", None)
        entries = catalogs.traced() if catalogs is not None and not catalogs.source else {}
        for hit in hits[:50]:
            sources = trace(hit, entries)
            origin = f" (from the translation at {'; '.join(sources)})" if sources else ""
            log.error(f"output scan: {hit}{origin}")
        raise PluginError(
            f"kyr: {len(hits)} unsafe or third-party reference(s) in the built pages of "
            f"{build.language.code}; the site was not published"
        )


#: Where search splits words (Material's own, with the punctuation of more scripts).
SEARCH_SEPARATOR = "[\\s\\-\u060c\u061b\u061f\u06d4\u0964\u0965]+"

#: Set to ``0`` to skip the printouts (a quicker preview).
PRINTS_ENV = "KYR_PRINTS"


def _render_prints(run: BuildRun) -> list[Any]:
    """Make (or reuse) every printout of the selected languages before the pages are built."""
    if os.environ.get(PRINTS_ENV) == "0" or run.data is None or run.data.prints is None:
        return []
    from kyr.prints.build import render_all

    try:
        return render_all(
            run.settings, run.data, run.languages, today=today(), site_url=run.site_url,
            cache=run.settings.layout().cache_dir("prints"),
        )
    except RuntimeError as e:
        raise PluginError(f"kyr: {e}") from None


def _load_data(settings: KyrConfig) -> SiteData | None:
    """``data/`` and the edition, validated once per run; their warnings are logged here."""
    if not settings.has_regions():
        return None  # a project with pages and catalogs only
    from kyr.content.legal import stale_providers, stale_statuses

    data, warnings = load_project_data(settings)
    shown = os.path.relpath(settings.data_path(), settings.root())
    warnings += stale_hotlines(data.region, today(), settings.hotline_max_age)
    warnings += stale_statuses(data.statuses, today(), settings.legal_status_max_age, f"{shown}/legal-status.yml")
    warnings += stale_providers(data.directory.all(), today(), settings.hotline_max_age)
    for warning in warnings:
        log.warning(warning)
    return data


def _apply_language(config: MkDocsConfig, build: LanguageBuild) -> None:
    run, language = build.run, build.language
    config._kyr = build  # type: ignore[attr-defined]
    config.site_dir = str(run.out_dir / language.code)
    config.use_directory_urls = False
    config.theme["language"] = language.theme_language
    config.theme["direction"] = language.direction
    if run.site_url:
        config.site_url = run.site_url.rstrip("/") + f"/{language.code}/"
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            plugin.config.lang = [language.search_language]
            # Words end at spaces and hyphens, and at the commas and full stops of Arabic-script
            # and Indic text (، ؛ ؟ ۔ । ॥), which would otherwise stick to the word before.
            plugin.config.separator = SEARCH_SEPARATOR
    # Material's search segments any Chinese text with jieba, which announces its dictionary on
    # stderr at DEBUG level.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    config.extra["kyr_lang"] = language.template_context()
    config.extra["kyr_built"] = today()
    config.extra["kyr_feed"] = bool(run.site_url and run.data and run.data.updates)
    row = next((row for row in run.translations if row.language == language), None)
    config.extra["kyr_review"] = row.status.template_context() if row else {"native": True}
    config.extra["kyr_preview"] = (
        {"percent": row.counts.ratio} if row is not None and not row.published and not row.source else None
    )
    # Truthy, so Material's header includes the switcher (partials/alternate.html, which reads
    # kyr_alternates), but not a list: Material would add <link rel=alternate> tags, and its
    # JavaScript then downloads every language's sitemap.xml on every page view.
    config.extra["alternate"] = True
    config.extra["kyr_root_alternates"] = alternates(build, "index.html")
    from kyr.site.offline import BUNDLE_FOLDER, bundle_name

    config.extra["kyr_bundle"] = f"../{BUNDLE_FOLDER}/{bundle_name(language)}"


def alternates(build: LanguageBuild, page_url: str) -> list[dict[str, Any]]:
    """The language switcher of one page: the same page in every built language.

    Links are relative (``../es/page.html``), so they work from a server and from ``file://``.
    """
    return [
        {
            "name": lang.name,
            "href": build.url_of(lang, page_url),
            "lang": lang.html_lang,
            "dir": lang.direction,
            "current": lang == build.language,
        }
        for lang in build.run.languages
        # Previews are reachable, but only from the Translations page (and their own pages).
        if lang == build.language or is_published(build.run, lang)
    ]


def is_published(run: BuildRun, language: Language) -> bool:
    """Whether a language is live (in the chooser and the switcher) or a preview."""
    return language == run.settings.source or not run.translations or language.code in run.published


# -- Language builds --------------------------------------------------------------------------


def _build_language(run: BuildRun, language: Language) -> None:
    """Build one language with a fresh config (in this process)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(run.config_file, site_dir=str(run.out_dir / language.code))
    config.strict = False  # the root build judges warnings for every language
    if run.site_url:
        config.site_url = run.site_url
    config._kyr = LanguageBuild(run, language)  # type: ignore[attr-defined]
    run.languages_building += 1
    try:
        build(config)
    finally:
        run.languages_building -= 1


class _Capture(logging.Handler):
    """Collects log records in a worker so the root build can replay them."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[int, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.records.append((record.levelno, record.name, record.getMessage()))


def _worker(run: BuildRun, tasks: Any, results: Any) -> None:
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    capture = _Capture()
    logger.addHandler(capture)
    logger.propagate = False
    while True:
        code = tasks.get()
        if code is None:
            return
        language = run.settings.language(code)
        capture.records = []
        start = time.monotonic()
        error = None
        try:
            _build_language(run, language)
        except BaseException as e:  # noqa: BLE001 - reported to the root build
            error = "".join(traceback.format_exception_only(type(e), e)).strip()
            if not isinstance(e, (Abort, PluginError)):
                error += "\n" + traceback.format_exc()
        results.put((code, capture.records, error, time.monotonic() - start))


def start_workers(config: MkDocsConfig) -> None:
    """``on_pre_build`` of the root build: start building the other languages in parallel."""
    build = current(config)
    run = build.run
    others = run.languages[1:]
    if not build.root or not others:
        return
    wanted = os.environ.get(WORKERS_ENV)
    count = int(wanted) if wanted and wanted.isdigit() else (os.cpu_count() or 1)
    count = min(count, len(others))
    if run.serving or count < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return  # built one after another in finish()
    # List the theme's files now, so that every language build inherits the list.
    Files([]).add_files_from_theme(config.theme.get_env(), config)
    ctx = multiprocessing.get_context("fork")
    tasks = ctx.Queue()
    run.results = ctx.Queue()
    for lang in others:
        tasks.put(lang.code)
    for _ in range(count):
        tasks.put(None)
    for _ in range(count):
        proc = ctx.Process(target=_worker, args=(run, tasks, run.results), daemon=True)
        proc.start()
        run.workers.append(proc)
    run.pending = len(others)


def _collect(run: BuildRun) -> list[str]:
    """Wait for the workers; replay their warnings; return the languages that failed."""
    failed = []
    while run.pending:
        try:
            code, records, error, seconds = run.results.get(timeout=5)
        except Exception:  # noqa: BLE001 - queue.Empty: check the workers are alive
            if not any(p.is_alive() for p in run.workers):
                failed.append("(a language build process died)")
                break
            continue
        run.pending -= 1
        for level, name, message in records:
            logging.getLogger(name).log(level, f"[{code}] {message}")
        if error:
            log.error(f"[{code}] build failed: {error}")
            failed.append(code)
        else:
            log.info(f"[{code}] built in {seconds:.1f} s")
    for proc in run.workers:
        proc.join(timeout=10)
    run.workers.clear()
    return failed


def _build_sequentially(run: BuildRun) -> list[str]:
    failed = []
    for language in run.languages[1:]:
        start = time.monotonic()
        try:
            _build_language(run, language)
        except (Abort, PluginError) as e:
            log.error(f"[{language.code}] build failed: {e}")
            failed.append(language.code)
            continue
        log.info(f"[{language.code}] built in {time.monotonic() - start:.1f} s")
    return failed


def _warning_count() -> int:
    total = 0
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            total += sum(n for _, n in handler.get_counts())
    return total


def finish(config: MkDocsConfig, write_root: Any = None) -> None:
    """``on_post_build`` (last): wait for every language, then publish the site.

    Args:
        config: the finishing build's config; only the root build does anything.
        write_root: called with the output folder to write files beside the languages
            (the language chooser).
    """
    global _active, _served
    build = current(config)
    from kyr.site.shared import save_learned_jieba

    save_learned_jieba(build.run.settings.layout().cache_dir("jieba"), build.language.code,
                       build.run.jieba.pop(build.language.code, None))
    if not build.root:
        _scan_output(config, build)
        return
    run = build.run
    failed = _collect(run) if run.workers else _build_sequentially(run)
    if failed:
        try:
            _scan_output(config, build)  # report this language's problems too, in one run
        except PluginError:
            failed.insert(0, build.language.code)
        _discard(run)
        raise PluginError(f"kyr: language builds failed: {', '.join(failed)}")
    if write_root is not None:
        write_root(run.out_dir)
    try:
        _scan_output(config, build)
    except PluginError:
        _discard(run)
        raise
    if run.strict and _warning_count():
        # MkDocs aborts right after this event; keep the previous site untouched.
        _discard(run)
        return
    _publish(run)
    _active = None
    if run.serving:
        _served = run


def _publish(run: BuildRun) -> None:
    if not run.staged:
        return
    from kyr.site.staging import create, release

    old = None
    if run.site_dir.exists():
        old = create(run.site_dir, "old")
        os.rename(run.site_dir, old.path / "site")
    os.rename(run.out_dir, run.site_dir)
    release(run.staging)
    if old is not None:
        shutil.rmtree(old.path, ignore_errors=True)
        release(old)
    log.info(
        f"kyr: {len(run.languages)} languages built in {time.monotonic() - run.started:.1f} s "
        f"to {run.site_dir}"
    )


def _discard(run: BuildRun) -> None:
    for proc in run.workers:
        if proc.is_alive():
            proc.terminate()
        proc.join(timeout=5)
    run.workers.clear()
    if run.staged:
        shutil.rmtree(run.out_dir, ignore_errors=True)
        if run.staging is not None:
            from kyr.site.staging import release

            release(run.staging)


def watch(server: Any, config: MkDocsConfig) -> None:
    """``on_serve``: rebuild when a catalog, a data file, the edition or a theme override changes.

    A saved catalog (``.po``) or term base rebuilds only its language (:class:`LiveLanguages`);
    anything else, English included, rebuilds every language.
    """
    run = current(config).run
    settings = run.settings
    edition = str(settings.region_path()) if settings.has_regions() else None
    for folder in (settings.data_path(), config.theme.custom_dir):
        if folder and Path(folder).is_dir():
            server.watch(str(folder))
    if edition:
        server.watch(edition)
    LiveLanguages(server, run, [Path(folder) for _, folder in settings.layout().folders()])


_EDITOR_LEFTOVERS = re.compile(r"(^\.|~$|\.sw[a-p]$|\.tmp$|\.bak$|^\d+$|^#.*#$)")


def language_of_change(run: BuildRun, path: str) -> str | None:
    """The language whose catalog or term base ``path`` is (it alone needs rebuilding), ``""``
    for an editor's temporary file (nothing to do), or ``None`` (rebuild everything)."""
    p = Path(path)
    if _EDITOR_LEFTOVERS.search(p.name):
        return ""
    codes = {lang.code for lang in run.languages[1:]}
    for _, folder in run.settings.layout().folders():
        try:
            parts = p.resolve().relative_to(Path(folder).resolve()).parts
        except ValueError:
            continue
        if parts and parts[0] in codes:
            if len(parts) == 3 and parts[1] == "LC_MESSAGES" and p.suffix == ".po":
                return parts[0]
            if len(parts) == 2 and parts[1] == "glossary.yml":
                return parts[0]
        return None
    return None


class LiveLanguages:
    """Under ``mkdocs serve``: a saved catalog shows in its language alone, within a second.

    MkDocs rebuilds the whole site for any change. This watches the catalog folders itself (with
    the system's file events, not polling), notes which files changed, and, when every change is
    a language's catalog, rebuilds only those languages into the served site; any other change
    (or a mix) is left to MkDocs' full rebuild. The state lives on the server: it ends with it.
    """

    def __init__(self, server: Any, run: BuildRun, folders: list[Path]) -> None:
        import threading

        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.server = server
        self.run = run
        self.full = server.builder
        self.changed: set[str] = set()
        self.lock = threading.Lock()
        server.builder = self.rebuild
        server._kyr_live = self  # keep it alive as long as the server

        live = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                # Reading a catalog (the build does) is not changing it.
                if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                    return
                paths = [event.src_path, getattr(event, "dest_path", "") or ""]
                kinds = {language_of_change(live.run, p) for p in paths if p}
                if kinds <= {""}:
                    return  # an editor's scratch file
                with live.lock:
                    live.changed.update(p for p in paths if p and language_of_change(live.run, p) != "")
                with server._rebuild_cond:
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

        self.observer = Observer()
        for folder in folders:
            if folder.is_dir():
                self.observer.schedule(Handler(), str(folder), recursive=True)
        self.observer.daemon = True
        self.observer.start()

    def rebuild(self) -> None:
        with self.lock:
            changed, self.changed = self.changed, set()
        codes = {language_of_change(self.run, path) for path in changed} - {""}
        if not changed or None in codes:
            self.full()
            # The full build made a new run (new data, statuses, languages).
            self.run = _served or self.run
            return
        for code in sorted(c for c in codes if c):
            start = time.monotonic()
            _build_language(self.run, self.run.settings.language(code))
            log.info(f"[{code}] rebuilt in {time.monotonic() - start:.1f} s (its catalogs changed; "
                     "printouts and the other languages are remade on the next full build)")


def abort() -> None:
    """``on_build_error`` of the root build: stop the workers and drop the staging folder.

    A failing language build (in a worker, or in this process while serving) reports to the root
    build instead; it must not delete the folder other languages are still writing into.
    """
    global _active
    if _active is not None and _active.owner == os.getpid() and not _active.languages_building:
        _discard(_active)
        _active = None
