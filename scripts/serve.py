#!/usr/bin/env python3
"""Preview the site while editing: ``mkdocs serve`` on a port you choose, or a clear message.

    scripts/serve.py                 http://127.0.0.1:8000/
    PORT=8001 scripts/serve.py       another port (make serve passes PORT through)
    KYR_LANGS=es scripts/serve.py    one language: much faster rebuilds

When the port is taken (another preview is running), it says so and suggests a free one,
instead of MkDocs' traceback.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as e:
            if e.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def main(argv: list[str] | None = None) -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    value = os.environ.get("PORT", "8000").strip() or "8000"
    if not value.isdigit() or not 0 < int(value) < 65536:
        print(f"serve: PORT={value!r} is not a port number; use one like PORT=8001", file=sys.stderr)
        return 2
    port = int(value)
    if not port_free(host, port):
        free = next((p for p in range(port + 1, port + 50) if port_free(host, p)), None)
        hint = f" Try: PORT={free} make serve" if free else ""
        print(f"serve: port {port} on {host} is already in use (is another preview running?).{hint}",
              file=sys.stderr)
        return 1
    print(f"serve: the preview will be at http://{host}:{port}/ (Ctrl+C stops it)", flush=True)
    mkdocs = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{host}:{port}", *(argv or sys.argv[1:])]
    os.chdir(ROOT)
    os.execv(sys.executable, mkdocs)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
