"""Young collections happen when the server has gone quiet, once, and never while it works."""

from __future__ import annotations

import asyncio

from hosting.idle_gc import QUIET, IdleCollector, due
from hosting.serve import GC_THRESHOLDS

SERVED = GC_THRESHOLDS  # (20,000, 20, 50)


def test_due_only_when_quiet_and_something_waits() -> None:
    assert due(5_000, (5_050, 1, 0), SERVED) == 1  # quiet, survivors of a young collection
    assert due(5_000, (5_000, 0, 0), SERVED) == 1  # quiet, many new objects not yet collected
    assert due(5_000, (5_000 + QUIET, 3, 0), SERVED) is None  # a screen is being drawn
    assert due(10, (12, 0, 0), SERVED) is None  # quiet, and nothing worth a collection


def test_the_full_collection_a_young_one_would_set_off_is_made_while_quiet() -> None:
    assert due(5_000, (5_000, 1, 48), SERVED) == 1
    assert due(5_000, (5_000, 1, 49), SERVED) == 2  # the 50th: a full one, now


class Heap:
    """gc.get_count and gc.collect for a server whose activity the test decides."""

    def __init__(self) -> None:
        self.young = self.collected_young = self.collected_middle = 0
        self.collections: list[int] = []

    def counts(self) -> tuple[int, int, int]:
        return self.young, self.collected_young, self.collected_middle

    def collect(self, generation: int) -> int:
        """As CPython counts: a collection empties the younger generations and adds one to
        the count of the next older."""
        self.collections.append(generation)
        self.young = self.collected_young = 0
        self.collected_middle = 0 if generation == 2 else self.collected_middle + 1
        return 0

    def thresholds(self) -> tuple[int, int, int]:
        return SERVED


def test_collects_once_after_a_busy_spell() -> None:
    heap = Heap()
    collector = IdleCollector(counts=heap.counts, collect=heap.collect, thresholds=heap.thresholds)
    before = collector.look(0)
    for _ in range(10):  # 500 sessions opening: objects keep coming between looks
        heap.young += 5 * QUIET
        heap.collected_young += 1
        before = collector.look(before)
    assert heap.collections == []
    for _ in range(5):  # then quiet
        before = collector.look(before)
    assert heap.collections == [1]  # the young generations, once
    for _ in range(60):  # 60 more busy spells, each followed by a quiet look
        heap.young += 5 * QUIET
        before = collector.look(collector.look(before))
    assert heap.collections.count(2) == 1 and heap.collected_middle < SERVED[2]


async def test_runs_in_the_server_loop_until_the_server_stops() -> None:
    heap = Heap()
    heap.young = 5 * QUIET
    collector = IdleCollector(
        period=0.001, counts=heap.counts, collect=heap.collect, thresholds=heap.thresholds
    )
    await collector.start()
    for _ in range(2_000):  # the first quiet look collects; bounded, should it never
        if heap.collections:
            break
        await asyncio.sleep(0.001)
    await collector.stop()
    assert heap.collections == [1] and collector.task is None
