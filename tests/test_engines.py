"""The site builds the same with MkDocs 1.6 and with ProperDocs 1.6.7, its maintained
continuation (see the README's "Engines")."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import copy_site, env

pytestmark = pytest.mark.slow

_GENERATOR_RE = re.compile(r'<meta name="generator" content="[^"]*">')
_VERSION_RE = re.compile(r'const VERSION = "[0-9a-f]+";')


def _normalized(path: Path) -> bytes:
    """A built file without what names the engine (the generator tag, and the service worker's
    version, a hash of the pages that include it)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            return "\n".join(sorted(z.namelist())).encode()
    data = path.read_bytes()
    if path.suffix in (".html", ".js"):
        text = _VERSION_RE.sub("", _GENERATOR_RE.sub("", data.decode("utf-8")))
        return text.encode("utf-8")
    return data


def test_properdocs_builds_the_same_site_strictly(tmp_path: Path) -> None:
    properdocs = shutil.which("properdocs", path=str(Path(sys.executable).parent))
    assert properdocs, "ProperDocs is installed by scripts/setup.sh test (requirements.lock)"
    project = copy_site(tmp_path / "src")
    outputs = {}
    for name, command in (("mkdocs", [sys.executable, "-m", "mkdocs"]), ("properdocs", [properdocs])):
        site = tmp_path / name
        result = subprocess.run([*command, "build", "--strict", "-d", str(site)], cwd=project.path,
                                env=env(KYR_PRINTS="0"), capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{name} build --strict failed:\n{result.stderr[-4000:]}"
        outputs[name] = site
    mk, pd = outputs["mkdocs"], outputs["properdocs"]
    files = sorted(p.relative_to(mk) for p in mk.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(pd) for p in pd.rglob("*") if p.is_file())
    assert len([f for f in files if f.suffix == ".html"]) > 100
    different = [str(f) for f in files if _normalized(mk / f) != _normalized(pd / f)]
    assert different == []
    assert "ProperDocs" in (pd / "en" / "index.html").read_text(encoding="utf-8")
