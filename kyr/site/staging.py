"""Staging folders that never outlive their build.

A build writes into ``.site.building-XXXX`` beside ``site/`` and swaps it in only when every
language is done, so a failed or killed build never leaves a half-built site. A build killed
outright (``kill -9``, a power cut) cannot clean up after itself, so the next build does: each
staging folder has a lock file beside it (``.site.building-XXXX.lock``) that its build holds
with ``flock`` for as long as it runs. The system drops the lock when the process ends, however
it ends. At its start, a build removes every staging folder whose lock nobody holds, and never
touches one whose build is still running (another ``mkdocs build`` into the same ``site/``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Staging", "create", "release", "sweep"]

#: A folder without its lock file is left alone this long: its build may be creating it.
_GRACE_SECONDS = 60


@dataclass
class Staging:
    """A folder a running build owns."""

    path: Path
    lock: Path
    fd: int


def _prefixes(site_dir: Path) -> tuple[str, ...]:
    return (f".{site_dir.name}.building-", f".{site_dir.name}.old-")


def sweep(site_dir: Path) -> list[Path]:
    """Remove the staging folders of builds that died; returns what was removed."""
    parent = site_dir.parent
    if not parent.is_dir():
        return []
    removed = []
    for entry in sorted(parent.iterdir()):
        if not entry.name.startswith(_prefixes(site_dir)) or entry.name.endswith(".lock"):
            continue
        lock = entry.with_name(entry.name + ".lock")
        if not lock.exists():
            try:
                young = time.time() - entry.stat().st_mtime < _GRACE_SECONDS
            except FileNotFoundError:
                continue
            if young:
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
            continue
        try:
            fd = os.open(lock, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue  # its build is running
        try:
            shutil.rmtree(entry, ignore_errors=True)
            lock.unlink(missing_ok=True)
            removed.append(entry)
        finally:
            os.close(fd)
    # Lock files whose folder is gone (a build that died between the two).
    for lock in parent.glob(f".{site_dir.name}.*.lock"):
        if lock.with_name(lock.name[: -len(".lock")]).exists():
            continue
        fd = os.open(lock, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            lock.unlink(missing_ok=True)
        except BlockingIOError:
            pass
        finally:
            os.close(fd)
    return removed


def create(site_dir: Path, kind: str = "building") -> Staging:
    """A new folder beside ``site_dir``, locked for this process (and the ones it forks)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.{kind}-", dir=site_dir.parent))
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return Staging(path, lock, fd)


def release(staging: Staging) -> None:
    """The build is done with the folder (published or removed): drop its lock file."""
    staging.lock.unlink(missing_ok=True)
    try:
        os.close(staging.fd)
    except OSError:
        pass
