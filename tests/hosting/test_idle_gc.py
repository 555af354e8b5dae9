"""At every look what was made since the last is collected and what lives on is frozen; the whole
heap is collected now and then while the server is quiet (and at the latest after half an hour),
and what froze and became garbage is found then."""

from __future__ import annotations

import asyncio
import gc
import weakref
from typing import Any

from hosting.idle_gc import FULL_AT_LATEST, FULL_EVERY, QUIET_CPU, Heap, IdleCollector, due


def test_a_full_collection_is_due_now_and_then_when_quiet_else_at_the_latest() -> None:
    assert not due(FULL_EVERY - 1, quiet=True)
    assert due(FULL_EVERY, quiet=True)
    assert not due(FULL_AT_LATEST - 1, quiet=False)  # busy: a tap waits for no full one
    assert due(FULL_AT_LATEST, quiet=False)


class FakeHeap:
    """The interpreter's side, for a server whose activity and clock the test decides."""

    def __init__(self) -> None:
        self.made = 0  # objects made since the last freeze
        self.busy = 0.0
        self.now = 0.0
        self.calls: list[str] = []

    def heap(self) -> Heap:
        return Heap(
            young=lambda: self.made,
            collect=self.collect,
            freeze=self.freeze,
            unfreeze=lambda: self.calls.append("unfreeze"),
            cpu=lambda: self.busy,
            clock=lambda: self.now,
        )

    def collect(self, generation: int) -> int:
        self.calls.append(f"collect {generation}")
        return 0

    def freeze(self) -> None:
        self.made = 0
        self.calls.append("freeze")

    def work(self, objects: int, cpu: float = 0.05, seconds: float = 0.25) -> None:
        self.made += objects
        self.busy += cpu
        self.now += seconds


async def started(fake: FakeHeap) -> IdleCollector:
    """A collector that has started (and stopped: the test looks by hand)."""
    collector = IdleCollector(heap=fake.heap())
    await collector.start()
    await collector.stop()
    fake.calls.clear()
    return collector


async def test_every_look_collects_the_young_and_freezes_what_lives_on() -> None:
    fake = FakeHeap()
    collector = await started(fake)
    for _ in range(10):  # sessions opening: 20,000 new objects between looks
        fake.work(20_000)
        collector.look()
    assert fake.calls == ["collect 0", "freeze"] * 10
    fake.calls.clear()
    fake.work(0, cpu=0)
    collector.look()  # nothing made since: nothing to collect
    assert fake.calls == ["freeze"]


async def test_the_full_collection_waits_for_a_quiet_look() -> None:
    fake = FakeHeap()
    collector = await started(fake)
    for _ in range(int(FULL_EVERY / 0.25) + 10):  # taps, more than FULL_EVERY long
        fake.work(500, cpu=2 * QUIET_CPU)
        collector.look()
    assert "unfreeze" not in fake.calls
    fake.work(20, cpu=0)
    collector.look()  # quiet
    assert fake.calls[-3:] == ["unfreeze", "collect 2", "freeze"]
    fake.calls.clear()
    fake.work(20, cpu=0)
    collector.look()  # quiet, but a full collection was just made
    assert fake.calls == ["collect 0", "freeze"]


async def test_a_server_never_quiet_is_collected_in_full_at_the_latest() -> None:
    fake = FakeHeap()
    collector = await started(fake)
    fake.work(500, cpu=2 * QUIET_CPU, seconds=FULL_AT_LATEST - 1)
    collector.look()
    assert "unfreeze" not in fake.calls
    fake.work(500, cpu=2 * QUIET_CPU, seconds=1)
    collector.look()
    assert fake.calls[-3:] == ["unfreeze", "collect 2", "freeze"]


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only a collection frees it


def test_what_froze_and_became_garbage_is_freed_by_the_full_collection() -> None:
    clock = [0.0]
    collector = IdleCollector(heap=Heap(cpu=lambda: 0.0, clock=lambda: clock[0]))  # quiet
    node: Any = Node()
    left = weakref.ref(node)
    try:
        collector.look()  # it lives on: frozen
        del node
        gc.collect()
        assert left() is not None  # no collection scans the frozen heap
        clock[0] = FULL_EVERY
        collector.look()
        assert left() is None
    finally:
        gc.unfreeze()


async def test_runs_in_the_server_loop_until_the_server_stops() -> None:
    fake = FakeHeap()
    collector = IdleCollector(period=0.001, heap=fake.heap())
    await collector.start()
    for _ in range(2_000):  # bounded, should it never look
        if fake.calls:
            break
        await asyncio.sleep(0.001)
    await collector.stop()
    assert fake.calls[0] == "freeze" and collector.task is None
    assert fake.calls[-1] == "unfreeze"  # the frozen heap is CPython's again
