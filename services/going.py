"""One piece of work per key at a time: whoever asks while it is going shares its outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Going(Generic[T]):
    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Future[T]] = {}

    async def once(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        """`work`'s outcome (or exception); while one with the same `key` is going, its.
        Shielded: a caller that leaves does not cancel the work the others wait on."""
        task = self._tasks.get(key)
        if task is None:
            task = asyncio.ensure_future(work())
            self._tasks[key] = task
            task.add_done_callback(lambda _done: self._tasks.pop(key, None))
        return await asyncio.shield(task)

    async def settle(self) -> None:
        """Until every piece of work going now has ended (its outcome or exception dropped)."""
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
