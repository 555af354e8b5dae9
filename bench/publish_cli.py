"""The organiser's own republish: `python -m backend publish` in a new process, as the README
has them run it. bench.publish measures publish() called again in one process (as the console
does), which keeps its modules, templates, memo and manifest in memory between publishes; a
command line starts from nothing each time: Python, our imports, the templates compiled, the
live release's memo and manifest read from disk."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _environment() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}


def cli_publish(source: Path, out: Path, secret: bytes, url: str) -> float:
    """Seconds of one `python -m backend publish` of `source` into `out` (wall clock, the
    process's start and imports included); raises when it does not publish."""
    secret_file = out.parent / "bench-secret.txt"
    secret_file.write_bytes(secret)
    command = [sys.executable, "-m", "backend", "publish", "--secret", str(secret_file)]
    command += ["--public-url", url, str(source), str(out)]
    start = time.perf_counter()
    subprocess.run(
        command, check=True, capture_output=True, stdin=subprocess.DEVNULL, env=_environment()
    )
    return time.perf_counter() - start


def import_only() -> float:
    """Seconds for a new Python process to import the command line and stop: the part of
    `cli_publish` that is neither reading, rendering nor writing."""
    start = time.perf_counter()
    code = "import backend.__main__"
    subprocess.run([sys.executable, "-c", code], check=True, env=_environment(), cwd=ROOT)
    return time.perf_counter() - start
