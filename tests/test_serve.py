"""`mkdocs serve` previews chosen languages and rebuilds when a page or a catalog changes."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from conftest import env

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(url: str, predicate, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        status, body = _get(url)
        if status == 200 and predicate(body):
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} did not become ready; last body:\n{body[:500]}")


@contextlib.contextmanager
def _serve(proj, *options: str, langs: str = "es") -> Iterator[tuple[str, list[str]]]:
    """Run `mkdocs serve` on a free port; yields its address and, after exit, its output."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
        cwd=proj.path,
        env=env(KYR_LANGS=langs),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    try:
        yield f"http://127.0.0.1:{port}", output
    finally:
        server.terminate()
        output.append(server.communicate(timeout=20)[0])


def test_serve_one_language_and_rebuild_on_po_and_page_edits(project) -> None:
    proj = project("basic")
    with _serve(proj, "--no-livereload") as (base, _):
        _wait_for(f"{base}/es/index.html", lambda b: "Mantenga la calma." in b)
        assert _get(f"{base}/en/index.html")[0] == 404
        assert "es/index.html" in _get(f"{base}/")[1]
        # --no-livereload disables watching; restart-free rebuilds need livereload on.

    with _serve(proj) as (base, output):
        _wait_for(f"{base}/es/index.html", lambda b: "Mantenga la calma." in b)
        po = proj.path / "locales/es/LC_MESSAGES/index.po"
        po.write_text(po.read_text(encoding="utf-8").replace("Mantenga la calma.", "Conserve la calma."), encoding="utf-8")
        _wait_for(f"{base}/es/index.html", lambda b: "Conserve la calma." in b)
        page = proj.path / "docs/index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA new English sentence.\n", encoding="utf-8")
        _wait_for(f"{base}/es/index.html", lambda b: "A new English sentence." in b)
    assert "Traceback" not in output[0], output[0]


def test_a_saved_catalog_rebuilds_only_its_language_and_english_rebuilds_all(project) -> None:
    proj = project("basic")
    with _serve(proj, langs="en,es,ar,zh-Hant") as (base, output):
        _wait_for(f"{base}/es/index.html", lambda b: "Mantenga la calma." in b)
        _wait_for(f"{base}/ar/index.html", lambda b: "<html" in b)
        def page(lang: str) -> str:  # without the live-reload script's epoch numbers
            return re.sub(r"reload\(\d+, \d+\)", "", _get(f"{base}/{lang}/index.html")[1])

        arabic_before = page("ar")
        po = proj.path / "locales/es/LC_MESSAGES/index.po"
        po.write_text(po.read_text(encoding="utf-8").replace("Mantenga la calma.", "Conserve la calma."), encoding="utf-8")
        (po.parent / ".index.po.swp").write_text("editor scratch", encoding="utf-8")  # ignored
        _wait_for(f"{base}/es/index.html", lambda b: "Conserve la calma." in b, timeout=20)
        assert page("ar") == arabic_before
        page = proj.path / "docs/index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA new English sentence.\n", encoding="utf-8")
        for lang in ("en", "es", "ar", "zh-Hant"):
            _wait_for(f"{base}/{lang}/index.html", lambda b: "A new English sentence." in b)
    log = output[0]
    assert "[es] rebuilt in" in log and "[ar] rebuilt in" not in log, log[-3000:]
    # The catalog edit did not start a full build; the English edit did.
    after_po = log.split("[es] rebuilt in", 1)[1]
    assert after_po.count("Building documentation") == 1, log[-3000:]
    assert "Traceback" not in log, log


def test_make_serve_takes_a_port_and_explains_a_busy_one() -> None:
    import socket

    from conftest import ROOT, env

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "serve.py")], capture_output=True, text=True, timeout=30,
            env=env(PORT=str(port)),
        )
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr and "PORT=" in result.stderr
    assert "Traceback" not in result.stderr
    bad = subprocess.run([sys.executable, str(ROOT / "scripts" / "serve.py")], capture_output=True, text=True,
                         timeout=30, env=env(PORT="eighty"))
    assert bad.returncode == 2 and "is not a port number" in bad.stderr
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "scripts/serve.py" in makefile
