"""Where a served file lives inside a release.

A release holds the shared files as they are served, and its delegates' files through links:

    <release>/mission.json, schedule.json, ...     as served
    <release>/delegates -> ../bases/<id>           a base: one link per delegate (shared by
                                                   the releases that build on it)
    bases/<id>/<token> -> ../../objects/<digest>   (backend.bases)
    <release>/changed/<token> -> ../../objects/<digest>
                                                   the delegates whose files differ from the base
    objects/<digest>/<token>.json, .ics, .html ... a delegate's files (.json with a .gz twin)

so the URL `/delegates/<token>.json` is `changed/<token>/<token>.json`, else
`delegates/<token>/<token>.json`. Releases made before bases have a real `delegates/` folder of
links, and releases made before objects have the files straight in `delegates/`; reading falls
back to both.
"""

from __future__ import annotations

import os
from pathlib import Path

DELEGATES = "delegates"
CHANGED = "changed"
# A delegate's pages and calendar are each read by one person (calendar apps poll rarely): a
# gzip -9 twin would cost more to make than it ever saves, so the server compresses them.
UNTWINNED = (".html", ".ics")


def owner(served: str) -> str | None:
    """The token whose folder holds `served` (`delegates/<token>.json`), or None: shared."""
    folder, _, name = served.rpartition("/")
    if folder != DELEGATES or "." not in name:
        return None
    return name.split(".", 1)[0]


def twinned(served: str) -> bool:
    """Whether the file served at `served` is published with a pre-compressed `.gz` twin: the
    shared files and each delegate's document (the app fetches it on every sync), not their
    pages and calendar. Publish and bench.publish both ask this."""
    return owner(served) is None or not served.endswith(UNTWINNED)


def candidates(served: str) -> list[str]:
    """The paths inside a release where the file served at `served` may be, in the order a
    server tries them."""
    token = owner(served)
    if token is None:
        return [served]
    name = served.rpartition("/")[2]
    return [f"{CHANGED}/{token}/{name}", f"{DELEGATES}/{token}/{name}", served]


def where(release: Path, served: str) -> Path:
    """The file served at `served` from `release` (the last candidate when none exists)."""
    paths = [release / c for c in candidates(served)]
    return next((p for p in paths[:-1] if p.exists()), paths[-1])


def read(release: Path, served: str) -> bytes:
    """The bytes served at `served` from `release` (any layout); OSError when missing."""
    return where(release, served).read_bytes()


def published(release: Path | None, served: str) -> bytes | None:
    """What `release` serves at `served`; None when there is no release or no such file."""
    if release is None:
        return None
    try:
        return read(release, served)
    except OSError:
        return None


def tokens(release: Path) -> set[str]:
    """Every delegate a release serves (any layout)."""
    found: set[str] = set()
    for folder in (DELEGATES, CHANGED):
        try:
            with os.scandir(release / folder) as entries:
                found.update(e.name.split(".", 1)[0] for e in entries if not e.name.endswith(".gz"))
        except FileNotFoundError:
            continue
    return found


def listing(release: Path) -> dict[str, Path]:
    """Every served path of `release` (.gz twins included) -> the file on disk."""
    out = {name: Path(path) for name, path, _ in _files(release)}
    own: dict[str, dict[str, Path]] = {}  # a changed delegate's files replace the base's
    for folder in (release / DELEGATES, release / CHANGED):
        if not folder.is_dir():
            continue
        for name, path, is_dir in _files(folder, dirs=True):
            if is_dir:  # a delegate's object folder (through its symlink)
                own[name] = {f"{DELEGATES}/{n}": Path(p) for n, p, _ in _files(Path(path))}
            else:
                out[f"{DELEGATES}/{name}"] = Path(path)
    for files in own.values():
        out.update(files)
    return out


def _files(folder: Path, dirs: bool = False) -> list[tuple[str, str, bool]]:
    """(name, path, is a folder) of the files (and folders, if `dirs`) in `folder`."""
    with os.scandir(folder) as entries:
        return [
            (e.name, e.path, e.is_dir()) for e in entries if e.is_file() or (dirs and e.is_dir())
        ]
