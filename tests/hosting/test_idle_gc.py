"""Young collections happen when the server has gone quiet, once, and never while it works."""

from __future__ import annotations

import asyncio

from hosting.idle_gc import QUIET, IdleCollector, due


def test_due_only_when_quiet_and_something_waits() -> None:
    assert due(5_000, (5_050, 1, 0))  # quiet, survivors of a young collection wait
    assert due(5_000, (5_000, 0, 0))  # quiet, many new objects not yet collected
    assert not due(5_000, (5_000 + QUIET, 3, 0))  # a screen is being drawn
    assert not due(10, (12, 0, 0))  # quiet, and nothing worth a collection


class Heap:
    """gc.get_count and gc.collect for a server whose activity the test decides."""

    def __init__(self) -> None:
        self.young, self.collected_young = 0, 0
        self.collections: list[int] = []

    def counts(self) -> tuple[int, int, int]:
        return self.young, self.collected_young, 0

    def collect(self, generation: int) -> int:
        self.collections.append(generation)
        self.young = self.collected_young = 0
        return 0


def test_collects_once_after_a_busy_spell() -> None:
    heap = Heap()
    collector = IdleCollector(counts=heap.counts, collect=heap.collect)
    before = collector.look(0)
    for _ in range(10):  # 500 sessions opening: objects keep coming between looks
        heap.young += 5 * QUIET
        heap.collected_young += 1
        before = collector.look(before)
    assert heap.collections == []
    for _ in range(5):  # then quiet
        before = collector.look(before)
    assert heap.collections == [1]  # the young generations, once


async def test_runs_in_the_server_loop_until_the_server_stops() -> None:
    heap = Heap()
    heap.young = 5 * QUIET
    collector = IdleCollector(period=0.001, counts=heap.counts, collect=heap.collect)
    await collector.start()
    for _ in range(2_000):  # the first quiet look collects; bounded, should it never
        if heap.collections:
            break
        await asyncio.sleep(0.001)
    await collector.stop()
    assert heap.collections == [1] and collector.task is None
