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
from collections.abc import Mapping
from pathlib import Path
from typing import TypeGuard

import pydantic_core

from backend import layout
from backend.bases import live_links
from backend.kept import Kept
from backend.objects import OBJECTS
from services.atomic import write_atomically

log = logging.getLogger(__name__)

SHARED = "__shared__"  # the shared files (no delegate id starts with _)
SOURCE = "__source__"  # the input the release was made from
KEYS = "__keys__"  # the activities' digests and views the keys were made of


Memo = dict[str, dict[str, object]]
_KEPT: Kept[Memo] = Kept()  # the memos last read or written (the preview and render both ask)


def load_memo(release: Path | None) -> Memo:
    """{delegate id: {"key": ..., "files": {path: sha-256}, "doc": ...}} of a release, if it
    has one and it can be read; else {} (then every file is made again: a memo only saves
    work). Read again only when its file changed. Not to be changed."""
    if release is None:
        return {}
    memo = _KEPT.read_json(_path(release), _is_memo, "every file is made again")
    return memo if memo is not None else {}


def _is_memo(value: object) -> TypeGuard[Memo]:
    return isinstance(value, dict) and all(isinstance(entry, dict) for entry in value.values())


def _path(release: Path) -> Path:
    return release.parent / f"{release.name}.memo.json"


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


def seal(release: Path, part: Memo) -> None:
    """`part` in the memo of a release not yet live, written whole or not at all, and an
    OSError when it cannot be: what must never be missing (the secret's fingerprint: a
    release without one accepts any secret) is written before the release goes out, so a
    disk that fills then stops the publish instead of losing it. The rest of the memo
    (save_memo) only saves work."""
    memo = load_memo(release)
    if all(memo.get(key) == value for key, value in part.items()):
        return  # the same release again: its memo already says so
    _replace(release, {**memo, **part})


def save_memo(release: Path, memo: Memo) -> None:
    """Written whole or not at all (a reader never finds half a memo), and kept for the next
    publish in this process. The memo is not to be changed afterwards. It is written once the
    release is live: one that cannot be written (a full disk) is no error, the next publish
    makes every file again."""
    try:
        _replace(release, memo)
    except OSError as exc:
        log.warning(
            "memo %s not written, the next publish makes every file again: %s",
            _path(release).name,
            exc,
        )


def _replace(release: Path, memo: Memo) -> None:
    """The release's memo replaced whole (raises OSError), and kept for this process."""
    path = _path(release)
    write_atomically(path, pydantic_core.to_json(memo))
    _KEPT.wrote(path, memo)


class Present:
    """Which of the files a memo names are still in a release (served paths): a delegate's
    object is complete or absent, so a delegate's files are there when their object is; any
    other file when its folder lists it."""

    def __init__(self, listed: set[str] | None = None, objects: set[str] | None = None) -> None:
        self._listed, self._objects = listed or set(), objects or set()

    def holds(self, files: Mapping[str, object]) -> bool:
        """Whether every file of `files`, one memo entry's (one delegate's, or the shared
        ones), is there. An entry that names no file (edited by hand) has nothing to reuse."""
        if not files:
            return False
        token = layout.owner(next(iter(files)))
        return token in self._objects or self._listed.issuperset(files)


def present(release: Path | None, memo: Memo) -> Present:
    """What of the memo's files is in `release`: one listing per folder and the delegates'
    links (backend.bases), instead of one lookup per file."""
    if release is None:
        return Present()
    shared = {  # the folders of the entries that are not one delegate's
        path.rpartition("/")[0]
        for entry in memo.values()
        if isinstance(files := entry.get("files"), dict) and files
        if layout.owner(next(iter(files))) is None
        for path in files
    }
    base, known, mine = live_links(release)
    if base is None:  # no delegates yet, or a release made before objects: list their folder
        shared.add(layout.DELEGATES)
    listed: set[str] = set()
    for folder in shared:
        try:
            with os.scandir(release / folder) as entries:
                listed.update(f"{folder}/{e.name}" if folder else e.name for e in entries)
        except OSError:
            continue  # a folder gone: what it held is made again
    try:
        stored = set(os.listdir(release.parent / OBJECTS))
    except OSError:
        stored = set()
    # the tokens whose object (a folder of all their files) is there
    objects = {token for token, digest in {**known, **mine}.items() if digest in stored}
    return Present(listed, objects)
