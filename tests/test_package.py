"""The kit installs as a package: the wheel holds every module of kyr/ and the printout templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_wheel_holds_the_whole_package_and_its_templates(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("kyr-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    expected = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "kyr").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert expected, "no kyr/ files found"
    missing = sorted(expected - names)
    assert missing == [], f"the wheel lacks {missing}"
    assert "kyr/prints/templates/brochure.html" in names
    # And it works from the wheel: the printout templates load from the installed package.
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    probe = subprocess.run(
        [sys.executable, "-c", "import kyr.prints.render as r, kyr.site.css, kyr.i18n.pofile; "
         "print(r._environment().get_template('brochure.html').filename)"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    assert probe.returncode == 0, probe.stderr
    assert str(target) in probe.stdout
