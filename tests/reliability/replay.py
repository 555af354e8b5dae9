"""One sync against a named fault of tests/reliability/faults.py, and what the store then holds."""

from __future__ import annotations

from services.feed_client import FeedClient
from services.library import Library
from services.store import FeedStore, namespace_for, personal_name
from services.sync import Synchronizer
from services.sync_state import SyncResult
from tests.conftest import FixedClock
from tests.reliability.faults import FaultServer

CODE = "abcdefghijklmnopqrstuvwxyz"

NS = namespace_for("http://feed.test/")

Snapshot = list[tuple[bytes, str | None, dict[str, object]] | None]


async def sync_once(server: FaultServer, store: FeedStore, fault: str, day: str) -> SyncResult:
    async def no_wait(_seconds: float) -> None:
        return None

    client = FeedClient(
        server.url(fault), read_timeout=2, total_timeout=5, retries=1, sleep=no_wait
    )
    try:
        clock = FixedClock(f"2025-10-{day}T07:00:00-07:00")
        return await Synchronizer(client, Library(store), NS, clock).sync(CODE)
    finally:
        await client.aclose()


def snapshot(store: FeedStore) -> Snapshot:
    units = (store.load(NS, name) for name in ("mission", personal_name(CODE)))
    return [(u.data, u.etag, dict(u.changes)) if u else None for u in units]
