"""The memo beside each release: what each delegate's files were made from and their digests,
the shared files' key, and a digest of the input (`.OUT.releases/<id>.memo.json`).

    {delegate id: {"key": ..., "files": {path: sha-256}, "doc": digest of the document},
     "__shared__": {"key": ..., "files": {...}}, "__source__": {"digest": ...},
     "__keys__": what the keys were made of (backend.render_keys.Keys.table)}
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from pathlib import Path

import pydantic_core

from backend import layout

log = logging.getLogger(__name__)

SHARED = "__shared__"  # the shared files (no delegate id starts with _)
SOURCE = "__source__"  # the input the release was made from
KEYS = "__keys__"  # the activities' digests and views the keys were made of


Memo = dict[str, dict[str, object]]
# the memos last read or written, by file, with the file's (mtime, size) then: a console
# publishes again and again from one process, and each publish reads the memo the one before
# it wrote (the preview and the render both ask)
_KEPT: dict[Path, tuple[tuple[int, int], Memo]] = {}


def load_memo(release: Path | None) -> Memo:
    """{delegate id: {"key": ..., "files": {path: sha-256}, "doc": ...}} of a release, if it
    has one and it can be read; else {} (then every file is made again: a memo only saves
    work). Read again only when its file changed. Not to be changed."""
    if release is None:
        return {}
    path = _path(release)
    try:
        stat = path.stat()
        when = (stat.st_mtime_ns, stat.st_size)
        if path in _KEPT and _KEPT[path][0] == when:
            return _KEPT[path][1]
        memo = pydantic_core.from_json(path.read_bytes())
    except (OSError, ValueError) as exc:  # gone, or cut short (a full disk, a killed publish)
        if not isinstance(exc, FileNotFoundError):
            log.warning("memo %s unreadable, every file is made again: %s", path.name, exc)
        return {}
    if not isinstance(memo, dict) or not all(isinstance(e, dict) for e in memo.values()):
        log.warning("memo %s is not a memo, every file is made again", path.name)
        return {}
    _keep(path, when, memo)
    return memo


def _path(release: Path) -> Path:
    return release.parent / f"{release.name}.memo.json"


def _keep(path: Path, when: tuple[int, int], memo: Memo) -> None:
    _KEPT.pop(path, None)
    _KEPT[path] = (when, memo)
    while len(_KEPT) > 2:  # the live release's and the one going out
        del _KEPT[next(iter(_KEPT))]


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


def save_memo(release: Path, memo: Memo) -> None:
    """Written whole or not at all (a reader never finds half a memo), and kept for the next
    publish in this process. The memo is not to be changed afterwards."""
    path = _path(release)
    temporary = path.with_name(f".{path.name}-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        temporary.write_bytes(pydantic_core.to_json(memo))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    stat = path.stat()
    _keep(path, (stat.st_mtime_ns, stat.st_size), memo)


def present(release: Path, memo: Memo) -> set[str]:
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
