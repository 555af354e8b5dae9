"""Who waits for a feed's lock, read from /proc/locks."""

from __future__ import annotations

import os
from pathlib import Path


def waiting(lock: Path) -> int:
    """How many flocks wait for `lock` (/proc/locks marks a waiter with '->')."""
    stat = os.stat(lock)
    device = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    lines = Path("/proc/locks").read_text().splitlines()
    return sum(1 for line in lines if "->" in line.split() and device in line.split())
