"""A command run in a private mount namespace on a tmpfs of a given size."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def can_mount_tmpfs() -> bool:
    return os.geteuid() == 0 and shutil.which("unshare") is not None and sys.platform == "linux"


def on_tmpfs(mount: Path, size: str, module: str, *args: Path) -> Any:
    """`python -m module mount *args` in a private mount namespace where `mount` is a tmpfs of
    `size`: the JSON it prints."""
    mount.mkdir()
    script = (
        f"mount -t tmpfs -o size={size} tmpfs {mount} && "
        f"exec {sys.executable} -m {module} {mount} {' '.join(map(str, args))}"
    )
    out = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)
