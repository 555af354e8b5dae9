"""deploy/nginx-app.conf on a free loopback port, in front of the given app processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.backend.servers import NGINX
from tests.e2e.browser import free_port, stop, wait_for_port

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def nginx_app(client: Path, upstreams: list[str], log: Path) -> Iterator[str]:
    port = free_port()
    prefix = Path(tempfile.mkdtemp(prefix="dc-nginx-app-"))
    (prefix / "tmp").mkdir()
    conf = (ROOT / "deploy" / "nginx-app.conf").read_text()
    servers = " ".join(f"server {u};" for u in upstreams)
    for key, value in {
        "@CLIENT@": str(client),
        "@LISTEN@": f"127.0.0.1:{port}",
        "@UPSTREAMS@": servers,
        "@PID@": str(prefix / "nginx.pid"),
        "@TMP@": str(prefix / "tmp"),
        "@ACCESS_LOG@": str(log),
    }.items():
        conf = conf.replace(key, value)
    (prefix / "nginx.conf").write_text(conf)
    extra = " user root;" if os.geteuid() == 0 else ""
    proc = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", f"daemon off;{extra}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=15)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(proc)
        shutil.rmtree(prefix, ignore_errors=True)
