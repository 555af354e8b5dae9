"""The offline store: one namespace per feed origin, each document committed as one unit.

A unit is a document's bytes with its ETag, revision, fetch time and change log, written as
one file with one atomic rename: no crash can leave a document without its ETag or change log,
or an ETag without its document. The units of one commit (a sign-in's mission and agenda) land
together or not at all, also across a crash (services.atomic). Commits notify the store's
listeners (every session's repository in this process). The store keeps bytes;
`services.validation` decides what is good.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from services.atomic import (
    STALE_TMP_SECONDS,
    roll_forward,
    write_atomically,
    write_together,
    writer_alive,
)
from services.origin import normalise_origin

log = logging.getLogger(__name__)
APP_DIR_NAME = "DelegateCompanion"
EMBEDDED = "embedded"  # the namespace of the mission built into the app
MISSION = "mission"  # the shared document's name in every namespace
Listener = Callable[[str, frozenset[str]], None]
Stamp = tuple[int, int, int]


def data_dir() -> Path:
    """$DELEGATE_DATA_DIR, else $FLET_APP_STORAGE_DATA (flet run, built apps), else the OS's."""
    for variable in ("DELEGATE_DATA_DIR", "FLET_APP_STORAGE_DATA"):
        if os.environ.get(variable):
            return Path(os.environ[variable])
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def namespace_for(origin: str | None) -> str:
    """The store folder of a feed origin; None is the embedded mission."""
    if origin is None:
        return EMBEDDED
    return "feed-" + hashlib.sha256(normalise_origin(origin).encode()).hexdigest()[:16]


def personal_name(code: str) -> str:
    """Store name of a personal document; derived from the code so the code is never on disk."""
    return "delegate-" + hashlib.sha256(code.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Unit:
    """A document as committed: bytes, the server's ETag, its revision, when it was fetched,
    and the change log (JSON) that describes it against what came before."""

    data: bytes
    etag: str | None = None
    fetched_at: datetime | None = None
    revision: int = 0
    changes: Mapping[str, object] = field(default_factory=dict)
    stamp: Stamp = (0, 0, 0)  # identifies the file on disk; changes with every commit

    def encode(self) -> bytes:
        meta = {
            "etag": self.etag,
            "fetched_at": self.fetched_at.isoformat() if self.fetched_at else None,
            "revision": self.revision,
            "changes": dict(self.changes),
        }
        return json.dumps(meta, ensure_ascii=True).encode() + b"\n" + self.data


def _decode(raw: bytes, stamp: Stamp) -> Unit | None:
    head, sep, data = raw.partition(b"\n")
    if not sep:
        return None
    try:
        meta = json.loads(head)
        fetched = meta.get("fetched_at")
        changes = meta.get("changes") or {}
        etag = meta.get("etag")
        return Unit(
            data=data,
            etag=etag if isinstance(etag, str) else None,
            fetched_at=datetime.fromisoformat(fetched) if isinstance(fetched, str) else None,
            revision=int(meta.get("revision") or 0),
            changes=changes if isinstance(changes, dict) else {},
            stamp=stamp,
        )
    except (ValueError, TypeError, AttributeError):
        return None


class FeedStore:
    """`<root>/feed/<namespace>/<name>.unit`, plus `<name>.checked` for the last 304.

    One store per process and data folder (main.process_feeds): opening one finishes this
    process's own unfinished joint writes too (services.atomic), so a second one opened while
    the first commits would take its journal."""

    def __init__(self, root: Path) -> None:
        self.root = root / "feed"
        self._listeners: list[Listener] = []
        roll_forward(self.root)  # a joint write a crash interrupted is finished first
        self.sweep()

    def sweep(self) -> int:
        """Remove temporary files a crash left behind; returns how many went.

        A leftover goes when the process that wrote it is gone, or when it is older than any
        write takes; a live write of another process is kept."""
        removed = 0
        cutoff = time.time() - STALE_TMP_SECONDS
        for tmp in self.root.glob("*/.*.tmp"):
            with contextlib.suppress(OSError):
                if not writer_alive(tmp.name) or tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    removed += 1
        return removed

    def _path(self, namespace: str, name: str, suffix: str = ".unit") -> Path:
        return self.root / namespace / f"{name}{suffix}"

    def stamp(self, namespace: str, name: str) -> Stamp | None:
        """Cheap check whether a unit changed (also when another process committed it)."""
        try:
            st = self._path(namespace, name).stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def load(self, namespace: str, name: str) -> Unit | None:
        path = self._path(namespace, name)
        try:
            with path.open("rb") as handle:
                st = os.fstat(handle.fileno())
                raw = handle.read()
        except OSError:
            return None
        unit = _decode(raw, (st.st_ino, st.st_mtime_ns, st.st_size))
        if unit is None:
            log.error("stored unit %s/%s is damaged", namespace, name)
        return unit

    def commit(self, namespace: str, units: Mapping[str, Unit]) -> None:
        """Write the units, then tell the listeners once."""
        self.write(namespace, units)
        self.notify(namespace, frozenset(units))

    def write(self, namespace: str, units: Mapping[str, Unit]) -> None:
        """Write the units together: every one whole, all or none, also across a crash
        (services.atomic). Raises OSError (disk full, read-only) with none of them written."""
        write_together([(self._path(namespace, n), u.encode()) for n, u in units.items()])

    def checked(self, namespace: str, name: str, at: datetime) -> None:
        """Record a successful check that changed nothing (HTTP 304); losing it loses nothing."""
        with contextlib.suppress(OSError):
            write_atomically(self._path(namespace, name, ".checked"), at.isoformat().encode())

    def checked_at(self, namespace: str, name: str) -> datetime | None:
        try:
            return datetime.fromisoformat(
                self._path(namespace, name, ".checked").read_text("ascii")
            )
        except (OSError, ValueError):
            return None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(namespace, names)` after every commit; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._unsubscribe(listener)

    def _unsubscribe(self, listener: Listener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def notify(self, namespace: str, names: frozenset[str]) -> None:
        for listener in list(self._listeners):
            try:
                listener(namespace, names)
            except Exception:  # one broken session must not stop the others hearing of it
                log.exception("store listener failed")

    @property
    def listener_count(self) -> int:
        return len(self._listeners)
