"""Fewer cyclic garbage collections while one publish builds its hundreds of thousands of objects.

A publish allocates rows, dicts and documents that stay alive until it ends, so the collector's
frequent passes over them free almost nothing: at 5,000 delegates they were about a third of
the build. Rare passes still run, so a cycle made meanwhile is freed, and memory stays bounded.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLDS = (50_000, 20, 100)  # young pass every 50,000 allocations (default: 700)
_lock = threading.Lock()
_open: list[tuple[int, int, int]] = []  # what the first open block found, while any is open


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the block (forked workers inherit them; higher ones
    are kept), then put back whatever they were, also when the block raises. Blocks may overlap
    (a console checks one workbook while it publishes another): the last one out restores
    what the first one in found."""
    with _lock:
        _open.append(gc.get_threshold())
        if _open[0][0]:  # 0: automatic collection is off already
            gc.set_threshold(*map(max, _open[0], BATCH_THRESHOLDS))
    try:
        yield
    finally:
        with _lock:
            first = _open[0]
            _open.pop()
            if not _open:
                gc.set_threshold(*first)
