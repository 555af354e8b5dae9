"""The publishes this console has going out, one per form: a double click on Publish, or a phone
that sends the form again, gets the answer of the publish its first send started, never
"another publish is going out: nothing was published" about its own first click."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Generic, TypeVar

from backend.memo import SOURCE, load_memo, source_digest
from backend.releases import live

T = TypeVar("T")


class Going(Generic[T]):
    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Future[T]] = {}

    async def once(self, key: str, work: Callable[[], Awaitable[T]]) -> T:
        """`work`'s outcome (or exception); while one with the same `key` is going, its."""
        task = self._tasks.get(key)
        if task is None:
            task = asyncio.ensure_future(work())
            self._tasks[key] = task
            task.add_done_callback(lambda _done: self._tasks.pop(key, None))
        return await asyncio.shield(task)


def live_made_from(out: Path, source: Path) -> bool:
    """Whether the live release was made from `source` as it is now (its publish went out)."""
    made = load_memo(live(out)).get(SOURCE, {}).get("digest")
    return bool(made) and made == source_digest(source)
