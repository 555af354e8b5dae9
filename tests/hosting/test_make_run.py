"""`make run` stopped as a process manager stops it (SIGTERM to make): nothing is left running."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from tests.e2e.browser import ROOT, free_port, wait_for_port


def session_processes(session: int) -> list[int]:
    """The live (not zombie) processes of `session`: make and whatever its recipe started."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # not a process, or gone meanwhile
        if stat[0] != "Z" and int(stat[3]) == session:  # state, ppid, pgrp, session
            found.append(int(entry.name))
    return found


def test_make_run_stopped_with_sigterm_leaves_no_app_running(tmp_path: Path) -> None:
    ready = subprocess.run(["make", "-q", ".venv/.stamp-run"], cwd=ROOT, check=False)
    if ready.returncode != 0:
        pytest.skip("the virtual environment is not built: `make run` would install it first")
    port = free_port()
    env = {**os.environ, "DELEGATE_PORT": str(port), "DELEGATE_DATA_DIR": str(tmp_path)}
    env.pop("DISPLAY", None)  # the web server, as on a headless host
    with (tmp_path / "make.log").open("wb") as log:
        make = subprocess.Popen(
            ["make", "run"], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
    try:
        wait_for_port(port, timeout=120)
        assert len(session_processes(make.pid)) >= 2  # make and the app
        make.send_signal(signal.SIGTERM)
        make.wait(timeout=120)  # make reaps its children before it exits
        assert session_processes(make.pid) == [], (tmp_path / "make.log").read_text()
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more
    finally:
        for pid in session_processes(make.pid):
            os.kill(pid, signal.SIGKILL)
