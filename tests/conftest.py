"""Shared test helpers: fixture projects copied to a temporary folder and built for real."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

#: The Markdown extensions of the real site, for rendering in unit tests.
EXTENSIONS = [
    "toc",
    "attr_list",
    "admonition",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
]


def _active_region() -> Path:
    """The edition the suite tests: ``extra.kyr.region`` (or ``KYR_REGION``)."""
    from kyr.config import load_settings

    return load_settings(str(ROOT / "mkdocs.yml")).region_path()


#: The edition's folder (``regions/<id>/``): content tests read their expectations from it.
ACTIVE_REGION = _active_region()


def _languages() -> list[str]:
    from kyr.config import load_settings

    return [lang.code for lang in load_settings(str(ROOT / "mkdocs.yml")).languages]


#: Every language of the site, the source first (from mkdocs.yml: a new language is tested too).
LANGUAGES = _languages()


def _content_date() -> dt.date:
    """The newest review or check date in the content (pages, sections, data, the edition)."""
    import re

    dates = []
    for path in [*(ROOT / "docs").rglob("*.md"), *ACTIVE_REGION.rglob("*.md"), *(ROOT / "data").glob("*.yml"),
                 *ACTIVE_REGION.glob("*.yml")]:
        for m in re.finditer(r"(?m)^\s*-?\s*(?:reviewed|verified|checked|date):\s*(\d{4}-\d{2}-\d{2})", path.read_text(encoding="utf-8")):
            dates.append(dt.date.fromisoformat(m.group(1)))
    return max(dates)


#: The day the content was last reviewed: builds use it as "today" (SOURCE_DATE_EPOCH), so the
#: suite does not start failing as review dates age; test_site.py checks staleness on its own.
CONTENT_DATE = _content_date()
CONTENT_DATE_EPOCH = str(int(dt.datetime(CONTENT_DATE.year, CONTENT_DATE.month, CONTENT_DATE.day, 12,
                                         tzinfo=dt.timezone.utc).timestamp()))


def env(**extra: str) -> dict[str, str]:
    """The environment builds run in (no MkDocs 2 banner, no language filter, a fixed date).

    Copies of the site name their edition in their own ``mkdocs.yml`` (:func:`copy_site`).
    """
    out = {k: v for k, v in os.environ.items() if not k.startswith("KYR_")}
    out["NO_MKDOCS_2_WARNING"] = "1"
    # Copies of the site share the project's caches (PDFs, gate results): keys hold every input,
    # so a copy never gets another's result unless they are the same. Tests of the caches
    # themselves pass their own KYR_CACHE.
    out["KYR_CACHE"] = str(ROOT / ".cache" / "kyr")
    out["SOURCE_DATE_EPOCH"] = CONTENT_DATE_EPOCH
    out.update(extra)
    return out


@dataclass
class Project:
    """A copy of a fixture project with the repo's hooks/ and overrides/."""

    path: Path

    @property
    def site(self) -> Path:
        return self.path / "site"

    def run(self, *args: str, check: bool = False, **extra: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, *args],
            cwd=self.path,
            env=env(**extra),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and proc.returncode:
            raise AssertionError(f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    def build(self, *args: str, strict: bool = True, check: bool = True, **extra: str) -> subprocess.CompletedProcess[str]:
        flags = ["--strict"] if strict else []
        return self.run("-m", "mkdocs", "build", *flags, *args, check=check, **extra)

    def i18n(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return self.run(str(ROOT / "scripts" / "i18n.py"), *args, check=check)

    def page(self, lang: str, name: str) -> str:
        return (self.site / lang / name).read_text(encoding="utf-8")

    def write(self, relpath: str, text: str) -> None:
        path = self.path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def read(self, relpath: str) -> str:
        return (self.path / relpath).read_text(encoding="utf-8")

    def layout(self):
        """The copy's catalog layout (the kit's catalogs and its edition's)."""
        from kyr.config import load_settings

        return load_settings(str(self.path / "mkdocs.yml")).layout()

    def pick_region(self, region: str) -> None:
        """Set ``extra.kyr.region`` in the copy's ``mkdocs.yml``."""
        import re

        text = self.read("mkdocs.yml")
        text, n = re.subn(r"(?m)^(\s+region:\s*)\S+", lambda m: m.group(1) + region, text, count=1)
        assert n == 1, "mkdocs.yml has no extra.kyr.region"
        self.write("mkdocs.yml", text)


def copy_project(name: str, dest: Path) -> Project:
    """Copy ``tests/fixtures/<name>`` with the repo's hooks/ and overrides/ into ``dest``."""
    shutil.copytree(FIXTURES / name, dest, dirs_exist_ok=True)
    for folder in ("hooks", "overrides"):
        if not (dest / folder).exists():
            shutil.copytree(ROOT / folder, dest / folder)
    if not (dest / "babel.cfg").exists():
        shutil.copy(ROOT / "babel.cfg", dest / "babel.cfg")
    return Project(dest)


@pytest.fixture
def project(tmp_path: Path):
    """A factory: ``project("basic")`` copies that fixture into a fresh folder."""

    def make(name: str = "basic") -> Project:
        return copy_project(name, tmp_path / name)

    return make


@pytest.fixture(scope="session")
def built_basic(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The ``basic`` fixture, built once for the tests that only read its output."""
    proj = copy_project("basic", tmp_path_factory.mktemp("basic") / "basic")
    proj.build()
    return proj


def copy_site(dest: Path, *, region: str | None = None) -> Project:
    """Copy the real site's sources into ``dest``; with ``region``, add that fixture edition
    (``tests/fixtures/regions/<region>``) and pick it in ``mkdocs.yml``, as the README says."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "locales", "data", "hooks", "overrides", "regions"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("mkdocs.yml", "babel.cfg"):
        shutil.copy(ROOT / name, dest / name)
    project = Project(dest)
    if region:
        shutil.copytree(FIXTURES / "regions" / region, dest / "regions" / region)
    project.pick_region(region or ACTIVE_REGION.name)
    return project


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str, make) -> Path:
    """A folder made once for the whole run, even with several pytest-xdist workers: the first
    to ask makes it (``make(folder)``) while the others wait, then all use it."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / f"shared-{name}"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            (folder / ".made").touch()
    return folder


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real site, built once with --strict into a temporary folder (once per test run)."""

    def make(folder: Path) -> None:
        copy_site(folder / "site-src").build(SOURCE_DATE_EPOCH=CONTENT_DATE_EPOCH)

    return Project(shared_folder(tmp_path_factory, "real-site", make) / "site-src")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `scripts/setup.sh test` (make test does)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def phone(browser):
    """A fresh page at a 390×844 phone viewport."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


class _QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    extensions_map = {
        **__import__("http.server").server.SimpleHTTPRequestHandler.extensions_map,
        ".webmanifest": "application/manifest+json",
        ".js": "text/javascript",
    }

    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def http_site(real_site):
    """The real site served over HTTP on 127.0.0.1 (a service worker needs http, not file://)."""
    import functools
    import socketserver
    import threading

    handler = functools.partial(_QuietHandler, directory=str(real_site.site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def site_pages(site: Path, lang: str) -> list[str]:
    """Every content page of a language (file names)."""
    return sorted(p.name for p in (site / lang).glob("*.html"))


def active_data():
    """``data/`` and the active edition, as the build reads them."""
    from kyr.config import load_settings
    from kyr.content.data import load_project_data

    data, _ = load_project_data(load_settings(str(ROOT / "mkdocs.yml")))
    return data
