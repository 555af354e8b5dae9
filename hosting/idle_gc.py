"""Young garbage collections while the hosted server is idle, not in the middle of a tap.

CPython collects its young generations when enough new objects pile up, whatever the server
is doing. After a lecture hall opens the app (500 sessions, ~750,000 new objects), the next
young collection scans them all: 140–155 ms, paid by whoever taps first (bench/hosted.py:
the first switch after opening took 197 ms, the others 23–41 ms). `IdleCollector` looks
every quarter second: when no objects were made since the last look and some wait in the
young generations, it collects them then. A busy server is left to CPython's own rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable

PERIOD = 0.25  # seconds between looks
QUIET = 200  # fewer new objects than this over a period: nothing is being drawn


def due(before: int, counts: tuple[int, int, int]) -> bool:
    """Worth collecting now: the server made (almost) nothing since the last look, and
    objects wait in the young generations."""
    young, collected_young, _ = counts
    return abs(young - before) < QUIET and (collected_young > 0 or young >= QUIET)


class IdleCollector:
    def __init__(
        self,
        period: float = PERIOD,
        counts: Callable[[], tuple[int, int, int]] = gc.get_count,
        collect: Callable[[int], int] = gc.collect,
    ) -> None:
        self.period = period
        self.counts = counts
        self.collect = collect
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """In the server's event loop (an ASGI startup handler)."""
        self.task = asyncio.get_running_loop().create_task(self.run())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None

    def look(self, before: int) -> int:
        """One look: collect if `due`; the young count to compare the next look with."""
        if due(before, self.counts()):
            self.collect(1)
        return self.counts()[0]

    async def run(self) -> None:
        before = self.counts()[0]
        while True:
            await asyncio.sleep(self.period)
            before = self.look(before)
