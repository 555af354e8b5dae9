"""A server process under measurement: started headless on a free loopback port, read from /proc."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.browser import free_port, stop, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
NOW = "2025-10-07T15:40:00-07:00"
TICK = os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_s(pid: int) -> float:
    """utime + stime of the process (fields 14 and 15, counted after the command name)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


@contextmanager
def app_process(script: str, data_dir: Path, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """`python <script>` headless in web mode on a free loopback port: (ws url, pid)."""
    port = free_port()
    environment = {**os.environ, "DELEGATE_DATA_DIR": str(data_dir), "DELEGATE_NOW": NOW}
    environment.update({"DELEGATE_PORT": str(port), "FLET_SERVER_PORT": str(port), **env})
    environment.pop("DISPLAY", None)
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "app.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, script], cwd=ROOT, env=environment, stdout=log, stderr=log
        )
    try:
        wait_for_port(port, timeout=60)
        yield f"ws://127.0.0.1:{port}/ws", proc.pid
    finally:
        stop(proc)


async def settle(pid: int, limit: float = 60.0) -> None:
    """Wait until the server stops burning CPU (two quiet quarter-seconds), at most `limit`."""
    deadline, quiet, last = time.monotonic() + limit, 0, cpu_s(pid)
    while quiet < 2 and time.monotonic() < deadline:
        await asyncio.sleep(0.25)
        now = cpu_s(pid)
        quiet = quiet + 1 if now - last < 0.02 else 0
        last = now
