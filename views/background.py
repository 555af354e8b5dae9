"""Drawings nobody tapped for, one at a time, with room for taps in between.

Some drawings come to every session at once: a commit in the store (the organisers
published, and one session's sync brought it in) reaches all of them, and 'Now, until 15:45'
ends at 15:45 for everyone. On a hosted server each session then draws its screen (~20 ms),
all in the same turn of the event loop: with 500 sessions, a tap that arrived meanwhile was
read ~10 s later. Those drawings take turns here instead, process-wide: one at a time, each
followed by a pause as long as it took, in which the loop reads the network and answers taps.
A tap waits for at most one of them, and they use at most half the processor while taps
come in. A drawing someone tapped for never waits here.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Callable

PAUSE_AT_MOST = 0.05  # seconds: a slow drawing does not hold the next one back for longer

_lanes: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _lane() -> asyncio.Lock:
    loop = asyncio.get_running_loop()  # a lock belongs to one loop; tests run several
    lane = _lanes.get(loop)
    if lane is None:
        lane = _lanes[loop] = asyncio.Lock()
    return lane


async def draw(work: Callable[[], None]) -> None:
    """Run `work` when no other background drawing runs, then leave the loop to others."""
    async with _lane():
        start = time.perf_counter()
        try:
            work()
        finally:
            await asyncio.sleep(min(time.perf_counter() - start, PAUSE_AT_MOST))
