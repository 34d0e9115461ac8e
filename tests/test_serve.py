"""`mkdocs serve` previews chosen languages and rebuilds when a page or a catalog changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

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


def test_serve_one_language_and_rebuild_on_po_and_page_edits(project) -> None:
    proj = project("basic")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=proj.path,
        env=env(KYR_LANGS="es"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/es/index.html", lambda b: "Mantenga la calma." in b)
        assert _get(f"{base}/en/index.html")[0] == 404
        assert "es/index.html" in _get(f"{base}/")[1]
        # --no-livereload disables watching; restart-free rebuilds need livereload on.
    finally:
        server.terminate()
        server.wait(timeout=20)

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=proj.path,
        env=env(KYR_LANGS="es"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/es/index.html", lambda b: "Mantenga la calma." in b)
        po = proj.path / "locales/es/LC_MESSAGES/index.po"
        po.write_text(po.read_text(encoding="utf-8").replace("Mantenga la calma.", "Conserve la calma."), encoding="utf-8")
        _wait_for(f"{base}/es/index.html", lambda b: "Conserve la calma." in b)
        page = proj.path / "docs/index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nA new English sentence.\n", encoding="utf-8")
        _wait_for(f"{base}/es/index.html", lambda b: "A new English sentence." in b)
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=20)
    assert "Traceback" not in out, out
