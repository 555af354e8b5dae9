"""Real feed servers on free loopback ports: `python -m backend serve` and Debian's nginx."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from backend.publish import publish
from tests.e2e.browser import free_port, stop, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "bem-west-coast-2025"
SECRET = b"test-secret-not-for-production-0123456789"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def publish_example(base: Path, source: Path = EXAMPLE) -> Path:
    out = base / "feed"
    report = publish(source, out, SECRET, "http://127.0.0.1/", base / "invites")
    assert not report.errors, report.errors
    return out


@contextmanager
def backend_server(folder: Path, access_log: Path | None = None) -> Iterator[str]:
    port = free_port()
    with open(access_log or os.devnull, "ab") as log:  # the access log goes to stderr
        proc = subprocess.Popen(
            [sys.executable, "-m", "backend", "serve", str(folder), "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            wait_for_port(port)
            yield f"http://127.0.0.1:{port}/"
        finally:
            stop(proc)


@contextmanager
def nginx_server(folder: Path, access_log: Path | None = None) -> Iterator[str]:
    with nginx_with("nginx.conf", {"@ROOT@": str(folder)}, access_log) as url:
        yield url


@contextmanager
def nginx_with(config: str, fill: dict[str, str], access_log: Path | None = None) -> Iterator[str]:
    """Run deploy/<config> on a free loopback port, its @PLACEHOLDERS@ filled; stop it after."""
    port = free_port()
    prefix = Path(tempfile.mkdtemp(prefix="dc-nginx-"))
    filled(config, {**fill, "@LISTEN@": f"127.0.0.1:{port}"}, prefix, access_log)
    # As root, nginx workers become `nobody`, who cannot read pytest's private tmp folders.
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


def filled(config: str, fill: dict[str, str], prefix: Path, access_log: Path | None = None) -> Path:
    """deploy/<config> as an operator fills it in, written to <prefix>/nginx.conf, with its
    pid file, temporary files and access log under `prefix`."""
    (prefix / "tmp").mkdir(exist_ok=True)
    conf = (ROOT / "deploy" / config).read_text()
    for key, value in {
        **fill,
        "@PID@": str(prefix / "nginx.pid"),
        "@TMP@": str(prefix / "tmp"),
        "@ACCESS_LOG@": str(access_log or prefix / "access.log"),
    }.items():
        conf = conf.replace(key, value)
    (prefix / "nginx.conf").write_text(conf)
    return prefix / "nginx.conf"
