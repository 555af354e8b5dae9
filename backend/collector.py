"""Fewer cyclic garbage collections while one publish builds its hundreds of thousands of objects.

A publish allocates rows, dicts and documents that stay alive until it ends, so the collector's
frequent passes over them free almost nothing: at 5,000 delegates they were about a third of
the build. Rare passes still run, so a cycle made meanwhile is freed, and memory stays bounded.
Documents read whole from the build cache are left out of every pass until the publish ends
(`lasting`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLDS = (50_000, 20, 100)  # young pass every 50,000 allocations (default: 700)
_lock = threading.Lock()
_open: list[tuple[int, int, int]] = []  # what the first open block found, while any is open
_paused: list[bool] = []  # whether collection was on when the first pause began, while any is
_frozen: list[bool] = []  # not empty: objects were left out of every pass (`lasting`)


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
            if not _open and _frozen:
                gc.unfreeze()  # collected again from now on, as the oldest objects
                _frozen.clear()


@contextmanager
def lasting() -> Iterator[None]:
    """For a burst of objects that live on to the end of the publish and make no cycle (the
    build cache's 5,000 documents, unpickled): no collection while they are made, and inside a
    `fewer_collections` block every object then alive is left out of the collector's passes
    (gc.freeze) until the last such block ends (gc.unfreeze). Each pass over them freed
    nothing: at 5,000 delegates they were about a third of reading the cache."""
    with _lock:
        _paused.append(gc.isenabled())
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            if _open:
                gc.freeze()
                _frozen.append(True)
            first = _paused[0]
            _paused.pop()
            if not _paused and first:
                gc.enable()
