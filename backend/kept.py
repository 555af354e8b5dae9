"""What a publish read or wrote beside the releases, kept for the next publish of the same
process (the console publishes again and again from one process), while its file stays as it
was: two entries at most (the live release's and the one going out), safe across the
console's threads. What it hands out is shared, and not to be changed."""

from __future__ import annotations

import threading
from collections.abc import Hashable
from pathlib import Path
from typing import Generic, TypeVar

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

    def clear(self) -> None:
        with self._lock:
            self._by_path.clear()
