"""A hosted server stops when told (SIGTERM: a deploy, a restart), whoever is connected."""

from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from tests.e2e.browser import ROOT, free_port, stop, wait_for_port


def upgraded(port: int) -> socket.socket:
    """A WebSocket opened on the app's /ws that never registers a session."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=30)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    conn.sendall(request.encode())
    assert conn.recv(64).startswith(b"HTTP/1.1 101")
    return conn


def test_sigterm_stops_the_server_after_a_visit_that_never_registered(tmp_path: Path) -> None:
    """Such a visit (here one left, one still open) held the process: it ignored SIGTERM
    until its manager killed it (hosting/transport.py)."""
    port = free_port()
    env = {**os.environ, "DELEGATE_DATA_DIR": str(tmp_path), "DELEGATE_PORT": str(port)}
    env.pop("DISPLAY", None)
    with (tmp_path / "app.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "main.py"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    try:
        wait_for_port(port, timeout=60)
        upgraded(port).close()
        still_open = upgraded(port)
        proc.send_signal(signal.SIGTERM)
        # within the grace it gives connections (hosting.serve.GRACE), with room for a busy host
        proc.wait(timeout=60)
        still_open.close()
        assert "Traceback" not in (tmp_path / "app.log").read_text()
    finally:
        stop(proc)
