"""Files replaced whole, one at a time or several together, whatever crash comes between.

One file: written under a temporary name, flushed to disk, renamed over the old one.

Several files (a sign-in's mission and personal agenda): each is written whole under its
temporary name first; then a journal naming every pair (temporary -> final) is written, and
only then are they renamed one by one; the journal goes last. A crash before the journal
landed leaves every old file (the temporary ones are swept); after it, `roll_forward` on the
next open finishes the renames. So either all of them are replaced or none is, on disk too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

# Which machine or container wrote a temporary file: pids only mean something on their own host.
HOST = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]
TMP_WRITER = re.compile(r"\.([0-9a-f]{8})-(\d+)-[^.]*\.(tmp|journal)$")
STALE_TMP_SECONDS = 60  # older temporary files are a crash's leftovers, never a live write
JOURNAL = ".together"  # `<folder>/.together.<host>-<pid>-<random>.journal`


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` or leave it as it was; raises OSError (e.g. disk full)."""
    tmp = _written(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def write_together(files: Sequence[tuple[Path, bytes]]) -> None:
    """Replace every file of one folder with its bytes, all or none, also across a crash (see
    above); raises OSError (disk full, read-only) with none of them replaced."""
    if len(files) < 2:
        for path, data in files:
            write_atomically(path, data)
        return
    folder = files[0][0].parent
    assert all(path.parent == folder for path, _ in files), "one folder"
    pairs: list[tuple[str, str]] = []
    try:
        for path, data in files:
            pairs.append((_written(path, data).name, path.name))
        journal = _written(folder / JOURNAL, json.dumps(pairs).encode(), ".journal")
        _sync_folder(folder)  # from here on, the next open finishes what a crash interrupts
    except BaseException:
        for tmp, _ in pairs:
            with contextlib.suppress(OSError):
                os.unlink(folder / tmp)
        raise
    _finish(journal, pairs)


def roll_forward(root: Path) -> int:
    """Finish the joint writes under `root/*/` whose writer is gone (or that are older than any
    write takes, as `FeedStore.sweep` judges its temporary files); how many were finished. An
    unreadable journal is one whose writer died writing it: nothing was renamed yet."""
    finished, cutoff = 0, time.time() - STALE_TMP_SECONDS
    for journal in root.glob(f"*/{JOURNAL}.*.journal"):
        with contextlib.suppress(OSError):
            if writer_alive(journal.name) and journal.stat().st_mtime >= cutoff:
                continue  # another process is writing it now
        try:
            pairs = [(str(tmp), str(final)) for tmp, final in json.loads(journal.read_bytes())]
        except (OSError, ValueError, TypeError):
            with contextlib.suppress(OSError):
                journal.unlink()
            continue
        _finish(journal, pairs)
        finished += 1
    return finished


def writer_alive(name: str) -> bool:
    """Whether the process named in a temporary file or journal (`….<host>-<pid>-<random>.tmp`)
    runs. A file from another host or container (a shared data folder), or without a pid,
    counts as alive: only its age can tell."""
    match = TMP_WRITER.search(name)
    if match is None or match.group(1) != HOST:
        return True
    pid = int(match.group(2))
    if pid == os.getpid():
        return False  # this process writes nothing while it opens its store
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: it exists
        return True
    return True


def _finish(journal: Path, pairs: Sequence[tuple[str, str]]) -> None:
    """The renames a journal names (those already done are missing their temporary file),
    then the journal itself is removed."""
    for tmp, final in pairs:
        with contextlib.suppress(FileNotFoundError):
            os.replace(journal.parent / tmp, journal.parent / final)
    _sync_folder(journal.parent)
    journal.unlink()
    _sync_folder(journal.parent)


def _written(path: Path, data: bytes, suffix: str = ".tmp") -> Path:
    """`data` in a new file `.<name>.<host>-<pid>-<random><suffix>` beside `path`, flushed
    to disk: the writer's pid is in the name, so a crash's leftover is swept at once by the
    next start."""
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name.lstrip('.')}.{HOST}-{os.getpid()}-"
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable where the OS allows."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
