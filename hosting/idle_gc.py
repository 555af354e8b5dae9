"""Young garbage collections while the hosted server is idle, not in the middle of a tap.

CPython collects its young generations when enough new objects pile up, whatever the server
is doing. After a lecture hall opens the app (500 sessions, ~750,000 new objects), the next
young collection scans them all: 140–155 ms, paid by whoever taps first (bench/hosted.py:
the first switch after opening took 197 ms, the others 23–41 ms). `IdleCollector` looks
every quarter second: when no objects were made since the last look and some wait in the
young generations, it collects them then. Each such collection counts toward the next full
one (a full collection every 50 of them with serve.py's thresholds); when the next would set
it off, the full collection is made then too, while quiet, rather than in someone's tap. (So
full collections may come a little more often than CPython's own rule would make them; each
takes ~0.1 s of a quiet server's time at 500 sessions.) A busy server is left to CPython.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable

PERIOD = 0.25  # seconds between looks
QUIET = 200  # fewer new objects than this over a period: nothing is being drawn


def due(before: int, counts: tuple[int, int, int], thresholds: tuple[int, int, int]) -> int | None:
    """The generation worth collecting now, if any: the server made (almost) nothing since
    the last look, and objects wait in the young generations."""
    young, collected_young, collected_middle = counts
    if abs(young - before) >= QUIET or not (collected_young > 0 or young >= QUIET):
        return None
    return 2 if collected_middle + 1 >= thresholds[2] else 1


class IdleCollector:
    def __init__(
        self,
        period: float = PERIOD,
        counts: Callable[[], tuple[int, int, int]] = gc.get_count,
        collect: Callable[[int], int] = gc.collect,
        thresholds: Callable[[], tuple[int, int, int]] = gc.get_threshold,
    ) -> None:
        self.period = period
        self.counts = counts
        self.collect = collect
        self.thresholds = thresholds
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
        generation = due(before, self.counts(), self.thresholds())
        if generation is not None:
            self.collect(generation)
        return self.counts()[0]

    async def run(self) -> None:
        before = self.counts()[0]
        while True:
            await asyncio.sleep(self.period)
            before = self.look(before)
