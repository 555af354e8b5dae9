"""A cache that forgets what was least recently used once it holds more than a budget of bytes.

`backend serve` keeps file bodies (and the gzip of pages and calendars) in memory; a mission of
5,000 delegates has ~770 MB of them, so an unbounded cache would grow with every page asked for.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Bounded(Generic[K, V]):
    def __init__(self, budget: int, size: Callable[[V], int]) -> None:
        self.budget = budget
        self.held = 0  # bytes, as `size` counts them
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        """Keeps `value` (never one larger than the whole budget), then forgets the least
        recently used entries until the budget holds."""
        old = self._items.pop(key, None)
        if old is not None:
            self.held -= self._size(old)
        if self._size(value) > self.budget:
            return
        self._items[key] = value
        self.held += self._size(value)
        while self.held > self.budget:
            _, gone = self._items.popitem(last=False)
            self.held -= self._size(gone)
