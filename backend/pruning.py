"""Old releases go: the last KEEP_RELEASES stay (a rollback needs the one before the live one),
with the bases and delegate objects they point at; leftovers of a killed publish go too."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from backend.bases import BASES, base_of
from backend.objects import GONE, OBJECTS, STALE, aside, collect

KEEP_RELEASES = 10


def kept(releases: Path) -> list[Path]:
    """The release folders, oldest first."""
    folders = (
        p
        for p in releases.iterdir()
        if p.is_dir() and p.name not in (OBJECTS, BASES) and not p.name.startswith(".")
    )
    return sorted(folders, key=lambda p: p.stat().st_mtime)


def prune(releases: Path, keep: Path) -> None:
    """Keep the last KEEP_RELEASES releases and the bases and objects they point at. A release goes
    under a name nothing reads (`.gone-…`) before its files do: a prune stopped halfway must
    not leave half a release that a rollback would put live. What such a prune or a killed
    publish left behind (`.gone-…`, a `.staging-…` over an hour old) goes too."""
    old = [p for p in kept(releases) if p != keep]
    for path in old[: max(0, len(old) - (KEEP_RELEASES - 1))]:
        moved = aside(path)
        for extra in ("manifest.json", "memo.json", "objects", "again.json"):
            path.with_name(f"{path.name}.{extra}").unlink(missing_ok=True)
        shutil.rmtree(moved, ignore_errors=True)
    now = time.time()
    for leftover in releases.iterdir():
        stale = leftover.name.startswith(".staging-") and now - leftover.stat().st_mtime > STALE
        if leftover.name.startswith(GONE) or stale:
            shutil.rmtree(leftover, ignore_errors=True)
    collect(releases / BASES, kept(releases), lambda r: {b for b in [base_of(r)] if b})
    collect(releases / OBJECTS, kept(releases))
