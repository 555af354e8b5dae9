"""The memo beside each release: what each delegate's files were made from and their digests,
the shared files' key, and a digest of the input (`.OUT.releases/<id>.memo.json`).

    {delegate id: {"key": ..., "files": {path: sha-256}, "doc": digest of the document},
     "__shared__": {"key": ..., "files": {...}}, "__source__": {"digest": ...},
     "__keys__": what the keys were made of (backend.render_keys.Keys.table)}
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from backend import layout

SHARED = "__shared__"  # the shared files (no delegate id starts with _)
SOURCE = "__source__"  # the input the release was made from
KEYS = "__keys__"  # the activities' digests and views the keys were made of


def load_memo(release: Path | None) -> dict[str, dict[str, object]]:
    """{delegate id: {"key": ..., "files": {path: sha-256}, "doc": ...}} of a release, if it
    has one (read once per publish: the preview and the render both ask). Not to be changed."""
    path = release.parent / f"{release.name}.memo.json" if release else None
    try:
        stat = path.stat() if path is not None else None
    except OSError:
        stat = None
    if path is None or stat is None:
        return {}
    return _read_memo(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _read_memo(path: str, mtime: int, size: int) -> dict[str, dict[str, object]]:
    memo: dict[str, dict[str, object]] = json.loads(Path(path).read_text("utf-8"))
    return memo


def source_digest(source: Path) -> str:
    """Of the organisers' input (a folder of tables or one workbook): whether anything changed
    at all since a release was made from it. A workbook's own name is not part of it: the
    console keeps each upload under a name of its own, and the same bytes are the same input."""
    digest = hashlib.sha256()
    try:
        folder = source.is_dir()
        paths = sorted(p for p in source.rglob("*") if p.is_file()) if folder else [source]
        for path in paths:
            name = path.relative_to(source.parent) if folder else path.suffix.lower()
            digest.update(f"{name}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return ""
    return digest.hexdigest()


def save_memo(release: Path, memo: dict[str, dict[str, object]]) -> None:
    (release.parent / f"{release.name}.memo.json").write_text(json.dumps(memo), "utf-8")


def present(release: Path, memo: dict[str, dict[str, object]]) -> set[str]:
    """Which files the memo names are still in the release (served paths): one listing per
    folder instead of one lookup per file. A delegate's object is complete or absent, so
    their folder being there is enough."""
    lists = [files for entry in memo.values() if isinstance(files := entry.get("files"), dict)]
    found: set[str] = set()
    objects: set[str] = set()  # the tokens whose object (a folder of all their files) is there
    for folder in {path.rpartition("/")[0] for files in lists for path in files}:
        prefix = f"{folder}/" if folder else ""
        own = folder == layout.DELEGATES
        for where in (folder, layout.CHANGED) if own else (folder,):
            try:
                with os.scandir(release / where) as entries:
                    for entry in entries:
                        found.add(prefix + entry.name)
                        if own and entry.is_dir():
                            objects.add(entry.name)
            except OSError:
                continue  # a folder gone: its delegates are rendered again
    # an entry names one delegate's files: when their object is there, all of them are
    whole = (files for files in lists if files and layout.owner(next(iter(files))) in objects)
    return found.union(*whole)
