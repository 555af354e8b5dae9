"""A release being put together beside the live one, before it is renamed into place.

The shared files (mission.json, the schedule exports) are written, or hard-linked from the live
release when unchanged. Only a delegate whose files changed gets a new object (backend.objects),
which links the files that stayed the same from the live one and writes the rest. The release
links to a base of every delegate's object (backend.bases), and holds its own link only for the
delegates whose object differs from the base's.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Collection, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from backend import layout
from backend.bases import BASES, choose, live_links
from backend.objects import OBJECTS, digest_of, place, put, target

WORKERS = 2  # gzip and writes release the GIL; the machine is shared
_held = threading.local()  # {folder: depth} of the locks this thread holds


def assemble(
    current: Path | None,
    old: dict[str, str],
    folder: Path,
    files: dict[str, bytes],
    manifest: dict[str, str],
    placed: Collection[str] = (),
    twins: Mapping[str, bytes] | None = None,
) -> tuple[int, set[str]]:
    """Fill `folder` with the release `manifest` ({served path: sha-256}) describes: `files`
    are the new bytes, `placed` the paths whose delegates' objects are made already, every
    other path is the same file as in `current` (whose manifest is `old`). `twins`: gzip twins
    of shared `files` made ahead (backend.objects.packing). Returns how many files were
    written (twins included) and the objects used."""
    shared: dict[str, str] = {}
    own: dict[str, dict[str, str]] = {}
    for path, sha in manifest.items():
        token = layout.owner(path)
        if token is None:
            shared[path] = sha
        else:
            own.setdefault(token, {})[path] = sha
    folder.mkdir(parents=True)

    def source(path: str) -> bytes | Path:
        if current is not None and (path not in files or old.get(path) == manifest[path]):
            return layout.where(current, path)
        return files[path]

    base, known, mine = live_links(current)
    links, jobs = _objects(own, {**known, **mine}, (files, placed), folder.parent / OBJECTS)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        # the shared files' large gzip twins are made while the objects are written
        first = pool.submit(_shared, folder, {p: source(p) for p in shared}, twins or {})
        made = ((digest, {n: source(p) for n, p in names.items()}) for digest, names in jobs)
        written = sum(pool.map(lambda job: put(folder.parent / OBJECTS, *job), made))
        written += first.result()
    base, changed = choose(folder.parent, (base, known), links)
    os.symlink(f"../{BASES}/{base}", folder / layout.DELEGATES)
    (folder / layout.CHANGED).mkdir()
    for token in changed:
        os.symlink(target(links[token]), folder / layout.CHANGED / token)
    return written, set(links.values())


def _objects(
    own: dict[str, dict[str, str]],
    now: dict[str, str],
    new: tuple[dict[str, bytes], Collection[str]],
    store: Path,
) -> tuple[dict[str, str], list[tuple[str, dict[str, str]]]]:
    """Each delegate's object ({token: digest}) for their files (`own`: {token: {served path:
    sha-256}}), and the objects to make ([(digest, {name: served path})]). A delegate with no
    new file (`new`: the new bytes, and the paths already placed in their objects) keeps the
    object they have (`now`)."""
    files, placed = new
    links, jobs = {}, []
    for token, paths in own.items():
        if token in now and not any(p in files or p in placed for p in paths):
            links[token] = now[token]
            continue
        links[token] = digest = digest_of({p.rpartition("/")[2]: sha for p, sha in paths.items()})
        if (store / digest).is_dir():
            continue
        if any(p in placed for p in paths):
            raise RuntimeError(f"object {digest} of rendered files is missing")
        jobs.append((digest, {p.rpartition("/")[2]: p for p in paths}))
    return links, jobs


class Busy(RuntimeError):
    """Another publish or rollback of this feed holds its lock, and the caller would not wait."""


@contextmanager
def locked(releases: Path, wait: bool = True) -> Iterator[None]:
    """One publish or rollback at a time per feed (objects are shared between releases), across
    processes and threads. Re-entrant in the thread that holds it: a publish holds it from its
    first read of the live release to its last write, and the write takes it again (two flocks
    of one file through two open() calls would wait for each other, even in one thread).
    `wait=False`: raise Busy at once when another one holds it (a console must answer now)."""
    held: dict[str, int] = _held.__dict__.setdefault("depth", {})
    key = os.path.realpath(releases)
    if held.get(key):
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    with (releases / ".lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            feed = releases.parent / releases.name[1:].removesuffix(".releases")
            raise Busy(f"another publish or rollback of {feed} is going out") from None
        held[key] = 1
        try:
            yield
        finally:
            del held[key]


def _shared(folder: Path, files: dict[str, bytes | Path], twins: Mapping[str, bytes]) -> int:
    written = 0
    for path, data in files.items():
        out = folder / path
        out.parent.mkdir(parents=True, exist_ok=True)
        written += place(out, data, layout.twinned(path), twins.get(path))
    return written
