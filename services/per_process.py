"""What a hosted process makes once from a shared object and every session reads.

The mission's search index and list texts, a map's layout: made from one parsed document (or
region) and read by every session that shows it. Each value is kept with the object it was made
from, so that object's id() is never reused while the value is kept, and is made again for any
other object under the same key. Only the `size` most recently used are kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class PerProcess(Generic[V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[object, V]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, key: object) -> bool:
        return key in self._kept

    def __getitem__(self, key: Hashable) -> tuple[object, V]:
        """What is kept under `key`: the object it was made from, and the value."""
        return self._kept[key]

    def get(self, key: Hashable, source: object, make: Callable[[], V]) -> V:
        """The value kept under `key` if it was made from `source` itself; else `make()`'s."""
        kept = self._kept.get(key)
        if kept is None or kept[0] is not source:  # an id reused by a newer object is not it
            kept = self._kept[key] = (source, make())
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        self._kept.move_to_end(key)
        return kept[1]
