"""A copy of the live release with every file at its URL, for hosts that cannot rewrite.

On disk a release keeps each delegate's files in their own folder (`delegates/<token>/...` or
`changed/<token>/...`, see `backend/layout.py`); nginx and `backend serve` map the URLs to it.
Object storage, a CDN origin bucket or any plain static host serves paths as they are, so
before uploading there:

    python -m backend flat current upload/      # then sync upload/ to the bucket

`upload/delegates/<token>.json` is then the file served at `/delegates/<token>.json`. Files
are hard links when the folder is on the same disk (instant, no extra space), else copies;
both keep the file times, so the ETags a host derives from them do not change. The folder is
made beside `dest` and renamed into place whole: an upload never reads half of it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from backend.layout import listing
from backend.releases import live


class FlatError(Exception):
    """Nothing published at the source, or the destination is taken."""


def flatten(out: Path, dest: Path) -> int:
    """Write the live release of `out` to `dest` with each file at its URL path; returns how
    many files. `dest` must not exist yet."""
    release = live(out)
    if release is None:
        raise FlatError(f"nothing is published at {out}")
    if dest.exists() or dest.is_symlink():
        raise FlatError(f"{dest} already exists: give a new folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        files = listing(release)
        for served, path in files.items():
            target = building / served
            target.parent.mkdir(parents=True, exist_ok=True)
            _place(path, target)
        building.chmod(0o755)
        os.replace(building, dest)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return len(files)


def _place(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another disk, or links not allowed there
        shutil.copy2(source, target)
