"""What a publish read or wrote beside the releases, kept for the next publish of the same
process (the console publishes again and again from one process), while its file stays as it
was: two entries at most (the live release's and the one going out), safe across the
console's threads. What it hands out is shared, and not to be changed."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeGuard, TypeVar

import pydantic_core

log = logging.getLogger(__name__)
V = TypeVar("V")
SIZE = 2


class Kept(Generic[V]):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_path: dict[Path, tuple[Hashable, V]] = {}

    def get(self, path: Path, when: Hashable) -> V | None:
        """The value kept for `path` when its file was as `when` says (its stat), else None."""
        with self._lock:
            found = self._by_path.get(path)
        return found[1] if found is not None and found[0] == when else None

    def put(self, path: Path, when: Hashable, value: V) -> None:
        with self._lock:
            self._by_path.pop(path, None)
            self._by_path[path] = (when, value)
            while len(self._by_path) > SIZE:
                del self._by_path[next(iter(self._by_path))]

    def wrote(self, path: Path, value: V) -> None:
        """`value`, just written to `path`, for whoever reads it next."""
        try:
            self.put(path, _when(path.stat()), value)
        except OSError:
            return

    def read(self, path: Path, load: Callable[[Path], V]) -> V:
        """What `load` makes of `path`, as kept while its file (or folder) stays as it was.
        OSError when it is not there; what `load` raises is not kept."""
        when = _when(path.stat())
        kept = self.get(path, when)
        if kept is None:
            kept = load(path)
            self.put(path, when, kept)
        return kept

    def read_json(
        self, path: Path, shaped: Callable[[object], TypeGuard[V]], loss: str
    ) -> V | None:
        """The JSON document at `path`, as kept while its file stays as it was; None when it
        is not there, cannot be read (cut short by a full disk or a killed process) or is not
        `shaped` (edited by hand). `loss`: what that costs, for the log."""

        def parsed(at: Path) -> V:
            value = pydantic_core.from_json(at.read_bytes())
            if not shaped(value):
                raise ValueError("not of the shape it should have")
            return value

        try:
            return self.read(path, parsed)
        except (OSError, ValueError) as exc:
            if not isinstance(exc, FileNotFoundError):
                log.warning("%s unreadable, %s: %s", path.name, loss, exc)
            return None

    def clear(self) -> None:
        with self._lock:
            self._by_path.clear()


def _when(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_ino, stat.st_mtime_ns, stat.st_size
