"""The hosted server's garbage collection: what has settled is frozen, and the heap is collected
in full only while the server is quiet, now and then, not in the middle of a tap.

CPython collects its young generation when enough new objects pile up, whatever the server is
doing, and its middle one every 20 of those: at 500 sessions the young collections that fell
in tab switches took 16-58 ms and the middle ones 74-165 ms (bench/hosted.py with the collector
logged, under load; the minimal app's whole switch takes ~2 ms). Almost all of what they scan
is a session's state and the screens it shows, which live on. `IdleCollector` looks every
quarter second: it collects what was made since the last look (a young collection of a
quarter second's objects, ~1-2 ms while delegates tap one at a time) and moves what lives on
into CPython's permanent generation (`gc.freeze()`: two list splices, whatever their length),
which no collection scans. The young generation never holds more than a quarter second's
objects, and the middle one never fills.

What froze and later became garbage in a cycle (a session that ended, mostly: a screen a
session leaves is freed at once, hosting/unlink.py) is only found by a full collection of the
unfrozen heap: ~0.2-0.5 s at 500 sessions. `due` calls one every FULL_EVERY at a quiet look
(the process spent under QUIET_CPU of CPU over the last period), and after FULL_AT_LATEST
at any look.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass

PERIOD = 0.25  # seconds between looks
QUIET_CPU = 0.005  # CPU seconds over a period below which nothing is being drawn
FULL_EVERY = 300.0  # seconds: a full collection at most this often, at a quiet look
FULL_AT_LATEST = 1800.0  # ... and at the latest after this long, quiet or not


@dataclass
class Heap:
    """What the collector asks of the interpreter (the tests give a heap of their own)."""

    young: Callable[[], int] = lambda: gc.get_count()[0]
    collect: Callable[[int], int] = gc.collect
    freeze: Callable[[], None] = gc.freeze
    unfreeze: Callable[[], None] = gc.unfreeze
    cpu: Callable[[], float] = time.process_time
    clock: Callable[[], float] = time.monotonic


def due(since_full: float, quiet: bool) -> bool:
    """Whether a full collection is due, `since_full` seconds after the last one."""
    return since_full >= (FULL_EVERY if quiet else FULL_AT_LATEST)


class IdleCollector:
    def __init__(self, period: float = PERIOD, heap: Heap | None = None) -> None:
        self.period = period
        self.heap = heap or Heap()
        self.task: asyncio.Task[None] | None = None
        self.cpu = 0.0
        self.full_at = 0.0  # when the last full collection was made

    async def start(self) -> None:
        """In the server's event loop (an ASGI startup handler), once the process has frozen
        what it made before its first session (serve.tune_gc)."""
        self.cpu, self.full_at = self.heap.cpu(), self.heap.clock()
        self.task = asyncio.get_running_loop().create_task(self.run())

    async def stop(self) -> None:
        """The looks end, and the frozen heap is handed back to CPython's own collections (a
        process that goes on, a test's, leaks nothing through the collector's freezes)."""
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None
            self.heap.unfreeze()

    def look(self) -> None:
        """One look: what was made since the last is collected and what lives on frozen; or,
        when one is due, the whole heap is."""
        heap = self.heap
        cpu = heap.cpu()
        quiet, self.cpu = cpu - self.cpu < QUIET_CPU, cpu
        if due(heap.clock() - self.full_at, quiet):
            heap.unfreeze()
            heap.collect(2)
            self.full_at = heap.clock()
        elif heap.young() > 0:
            heap.collect(0)
        heap.freeze()
        self.cpu = heap.cpu()  # its own work is not the server's

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.period)
            self.look()
