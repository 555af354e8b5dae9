"""The offline store: the last good copy of each document with its ETag, and a key-value file.

Every write is atomic (temporary file, fsync, os.replace): a crash or a full disk mid-write
leaves the previous copy untouched. The store keeps bytes; `services.validation` decides what
is good before anything is saved.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from platformdirs import user_data_dir

APP_DIR_NAME = "DelegateCompanion"


def data_dir() -> Path:
    """$DELEGATE_DATA_DIR, else $FLET_APP_STORAGE_DATA (flet run, built apps), else the OS's."""
    for variable in ("DELEGATE_DATA_DIR", "FLET_APP_STORAGE_DATA"):
        if os.environ.get(variable):
            return Path(os.environ[variable])
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` or leave it as it was; raises OSError (e.g. disk full)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@dataclass(frozen=True)
class Stored:
    """A document as last stored: its bytes, the server's ETag and when it was fetched."""

    data: bytes
    etag: str | None
    fetched_at: datetime | None


class FeedStore:
    """Documents by name (`mission`, `delegate-<key>`): `<name>.json` and `<name>.meta.json`."""

    def __init__(self, root: Path) -> None:
        self.root = root / "feed"

    def load(self, name: str) -> Stored | None:
        try:
            data = (self.root / f"{name}.json").read_bytes()
        except OSError:
            return None
        etag, fetched_at = None, None
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            meta = json.loads((self.root / f"{name}.meta.json").read_text("utf-8"))
            etag = meta.get("etag")
            fetched_at = datetime.fromisoformat(meta["fetched_at"])
        return Stored(data, etag, fetched_at)

    def save(self, name: str, data: bytes, etag: str | None, fetched_at: datetime | None) -> None:
        """Store the document, then its ETag: an ETag never outlives the bytes it belongs to."""
        write_atomically(self.root / f"{name}.json", data)
        meta = {"etag": etag, "fetched_at": fetched_at.isoformat() if fetched_at else None}
        write_atomically(self.root / f"{name}.meta.json", json.dumps(meta).encode())

    def touch(self, name: str, fetched_at: datetime) -> None:
        """Record a successful check that changed nothing (HTTP 304)."""
        stored = self.load(name)
        if stored is not None:
            meta = {"etag": stored.etag, "fetched_at": fetched_at.isoformat()}
            write_atomically(self.root / f"{name}.meta.json", json.dumps(meta).encode())

    def save_extra(self, name: str, payload: dict[str, object]) -> None:
        """Side data kept with a document (e.g. its change list)."""
        write_atomically(self.root / f"{name}.json", json.dumps(payload).encode())

    def load_extra(self, name: str) -> dict[str, object]:
        try:
            value = json.loads((self.root / f"{name}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}


class KeyValue(Protocol):
    """Where one person's settings live: a file natively, the browser's storage on the web."""

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str) -> None: ...


class FileKeyValue:
    """A JSON object in one file, written atomically; for the native app and for tests."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            value = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return (
            {k: v for k, v in value.items() if isinstance(v, str)}
            if isinstance(value, dict)
            else {}
        )

    async def get(self, key: str) -> str | None:
        return self._read().get(key)

    async def set(self, key: str, value: str) -> None:
        values = self._read()
        values[key] = value
        write_atomically(self.path, json.dumps(values, ensure_ascii=False).encode())
