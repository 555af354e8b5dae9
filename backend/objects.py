"""Each delegate's files, stored once by content: `.OUT.releases/objects/<digest>/`.

A delegate's entry in a release (or its base, backend.bases) is one relative symlink to the
object that holds their files (backend.layout), so it needs one link per delegate, not a dozen.
An object is written under a temporary name and renamed when complete, before any release
points at it, and never changes afterwards: files equal to the live ones are hard links to
them. `collect` removes the objects that no kept release points at.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from backend.layout import DELEGATES, twinned, where

OBJECTS = "objects"
EPOCH = 1_600_000_000  # file times derive from content, so identical bytes keep their ETag
STALE = 3600  # a temporary object folder this old (seconds) is a crashed publish's leftover
GONE = ".gone-"  # an object being removed: never read again, removed by the next collect


def digest_of(files: dict[str, str]) -> str:
    """The object of a delegate's files ({name: sha-256})."""
    return hashlib.sha256(json.dumps(sorted(files.items())).encode()).hexdigest()[:32]


def target(digest: str) -> str:
    """What `<release>/delegates/<token>` points at."""
    return f"../../{OBJECTS}/{digest}"


def put(store: Path, digest: str, files: dict[str, bytes | Path]) -> int:
    """Make object `digest` unless it exists: each file's bytes written, or (a Path) the live
    file linked, each with its .gz twin where `layout.twinned` wants one. Returns how many
    files were written, twins included."""
    final = store / digest
    if final.is_dir():
        return 0
    temporary = store / f".tmp-{digest}-{os.getpid()}-{secrets.token_hex(4)}"
    temporary.mkdir(parents=True)
    try:
        written, first = 0, dict[bytes, Path]()
        for name, data in files.items():
            if not isinstance(data, Path) and data in first:
                data = first[data]  # the same page under two names: one file, two links
            elif not isinstance(data, Path):
                first[data] = temporary / name
            written += place(temporary / name, data, twinned(f"{DELEGATES}/{name}"))
        os.rename(temporary, final)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
        if final.is_dir():  # made meanwhile by another publish: the same content
            return 0
        raise
    return written


def put_own(store: Path, live: Path | None, files: dict[str, str], new: dict[str, bytes]) -> int:
    """One delegate's object, made unless it exists: `files` names all their files ({served
    path: sha-256}), `new` holds the bytes of those that are not in the `live` release as they
    are (the others are linked from it). Returns how many files were written, twins included."""
    digest = digest_of({path.rpartition("/")[2]: sha for path, sha in files.items()})
    sources: dict[str, bytes | Path] = {}
    for path in sorted(files):
        name = path.rpartition("/")[2]
        if path in new:
            sources[name] = new[path]
        elif live is not None:
            sources[name] = where(live, path)
        else:
            raise ValueError(f"{path}: neither rendered nor in a live release")
    return put(store, digest, sources)


def place(path: Path, data: bytes | Path, twin: bool, packed: bytes | None = None) -> int:
    """`path`: `data` written, or (a Path) that file hard-linked; and, if `twin`, its gzip -9
    twin `<path>.gz` (linked from the file's own twin when it has one; `packed`: that of
    `data`, made ahead: `packing`). How many files were written."""
    if isinstance(data, Path):
        os.link(data, path)
        if not twin:
            return 0
        if (same := data.with_name(data.name + ".gz")).is_file():
            os.link(same, path.with_name(path.name + ".gz"))
            return 0
        data = data.read_bytes()  # a file published without a twin under an earlier rule
        written = 0
    else:
        _write(path, data)
        written = 1
    if twin:
        packed = packed if packed is not None and written else _packed(data)
        _write(path.with_name(path.name + ".gz"), packed)
    return written + int(twin)


def packing(files: dict[str, bytes]) -> Callable[[], dict[str, bytes]]:
    """The gzip -9 twins of those of `files` that have one, made in a thread: zlib lets go of
    the GIL while it compresses, so they are made on another core while this one goes on.
    Calling the result waits for them ({path: twin})."""
    twins: dict[str, bytes] = {}

    def pack() -> None:
        twins.update({path: _packed(data) for path, data in files.items() if twinned(path)})

    thread = threading.Thread(target=pack, name="gzip twins", daemon=True)
    thread.start()

    def made() -> dict[str, bytes]:
        thread.join()
        return twins

    return made


def _packed(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _write(path: Path, data: bytes) -> None:
    stamp = EPOCH + int.from_bytes(hashlib.sha256(data).digest()[:4], "big") % 100_000_000
    with path.open("wb") as f:
        f.write(data)
        f.flush()
        os.utime(f.fileno(), (stamp, stamp))


def referenced(release: Path) -> set[str]:
    """The objects a release points at: from the list written with it, else from its links
    (its base's and its changed delegates')."""
    try:
        return set(release.with_name(f"{release.name}.objects").read_text("utf-8").split())
    except OSError:
        pass
    found: set[str] = set()
    for folder in ("delegates", "changed"):
        try:
            with os.scandir(release / folder) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        found.add(os.path.basename(os.readlink(entry.path)))
        except OSError:
            pass
    return found


def collect(
    store: Path, releases: list[Path], uses: Callable[[Path], set[str]] = referenced
) -> int:
    """Remove the objects (or, with another `uses`, bases) none of `releases` uses, and crashed
    publishes' leftovers; how many were removed."""
    if not store.is_dir():
        return 0
    keep = set().union(*(uses(r) for r in releases))
    removed, now = 0, time.time()
    with os.scandir(store) as entries:
        gone = [
            e.path
            for e in entries
            if (e.name.startswith(".tmp-") and now - e.stat().st_mtime > STALE)
            or e.name.startswith(GONE)
            or (not e.name.startswith(".") and e.name not in keep)
        ]
    for path in gone:
        shutil.rmtree(aside(Path(path)), ignore_errors=True)
        removed += 1
    return removed


def aside(path: Path) -> Path:
    """`path` under a name no publish reuses, before its files go: a collect or prune stopped
    halfway must not leave half an object (or release) under a name that is read again."""
    if path.name.startswith("."):
        return path
    moved = path.with_name(f"{GONE}{path.name}-{secrets.token_hex(4)}")
    os.rename(path, moved)
    return moved
