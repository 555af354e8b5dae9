"""Where a served file lives inside a release.

A release holds the shared files as they are served, and one entry per delegate:

    <release>/mission.json, schedule.json, ...        as served
    <release>/delegates/<token>                        a symlink to ../../objects/<digest>
    objects/<digest>/<token>.json, .ics, .html, ...    that delegate's files, with .gz twins

so the URL `/delegates/<token>.json` is the file `delegates/<token>/<token>.json`. Releases made
before objects existed have the files straight in `delegates/`; reading falls back to that.
"""

from __future__ import annotations

import os
from pathlib import Path

DELEGATES = "delegates"


def owner(served: str) -> str | None:
    """The token whose folder holds `served` (`delegates/<token>.json`), or None: shared."""
    folder, _, name = served.rpartition("/")
    if folder != DELEGATES or "." not in name:
        return None
    return name.split(".", 1)[0]


def stored(served: str) -> str:
    """The path inside a release of the file served at `served`."""
    token = owner(served)
    return served if token is None else f"{DELEGATES}/{token}/{served.rpartition('/')[2]}"


def read(release: Path, served: str) -> bytes:
    """The bytes served at `served` from `release` (either layout); OSError when missing."""
    try:
        return (release / stored(served)).read_bytes()
    except OSError:
        if owner(served) is None:
            raise
        return (release / served).read_bytes()


def tokens(release: Path) -> set[str]:
    """Every delegate a release serves (either layout)."""
    with os.scandir(release / DELEGATES) as entries:
        return {e.name.split(".", 1)[0] for e in entries if not e.name.endswith(".gz")}


def listing(release: Path) -> dict[str, Path]:
    """Every served path of `release` (.gz twins included) -> the file on disk."""
    out = {name: Path(path) for name, path, _ in _files(release)}
    folder = release / DELEGATES
    if folder.is_dir():
        for name, path, is_dir in _files(folder, dirs=True):
            if is_dir:  # a delegate's object folder (through its symlink)
                out.update((f"{DELEGATES}/{n}", Path(p)) for n, p, _ in _files(Path(path)))
            else:
                out[f"{DELEGATES}/{name}"] = Path(path)
    return out


def _files(folder: Path, dirs: bool = False) -> list[tuple[str, str, bool]]:
    """(name, path, is a folder) of the files (and folders, if `dirs`) in `folder`."""
    with os.scandir(folder) as entries:
        return [
            (e.name, e.path, e.is_dir()) for e in entries if e.is_file() or (dirs and e.is_dir())
        ]
