"""The bounded set of feed clients: an evicted client is closed, but never under a sync that
is still running on it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.store import FeedStore
from services.sync_state import SyncResult
from tests.services.chaos import ChaosServer

CODE = "abcdefghijklmnopqrstuvwxyz"


def quick(url: str) -> FeedClient:
    return FeedClient(url, retries=0, connect_timeout=1)


@pytest.mark.parametrize(("action", "done"), [("sync", "updated"), ("sign_in", "signed_in")])
async def test_feeds_evicting_a_client_mid_sync_lets_the_sync_finish_then_closes_it(
    tmp_path: Path, action: str, done: str
) -> None:
    feeds = Feeds(Library(FeedStore(tmp_path)), None, hosted=False, limit=1, make_client=quick)
    async with ChaosServer() as slow, ChaosServer() as other:

        async def held_sync() -> tuple[SyncResult, FeedClient]:
            async with feeds.using(slow.url("held")) as syncer:
                work = syncer.sync(None) if action == "sync" else syncer.sign_in(CODE)
                return await work, syncer.client

        running = asyncio.create_task(held_sync())
        async with asyncio.timeout(10):  # a bound, should the sync die before it
            await slow.holding.wait()  # half of mission.json has arrived, the rest is held
        async with feeds.using(other.url("ok")) as syncer:  # a second origin: over the limit
            assert (await syncer.sync(None)).status == "updated"
        assert feeds.open_clients == 2  # the held one stays open while its sync runs
        slow.release.set()
        outcome, client = await running
        assert outcome.status == done, outcome
        assert feeds.open_clients == 1  # and leaves once it is done
        await feeds.aclose()
    assert client.http.is_closed and feeds.open_clients == 0


async def test_feeds_shutdown_closes_a_client_evicted_while_in_use(tmp_path: Path) -> None:
    feeds = Feeds(Library(FeedStore(tmp_path)), None, hosted=False, limit=1, make_client=quick)
    async with feeds.using("https://one.example/") as first:
        feeds.syncer("https://two.example/")  # evicts `first`, which is in use
        await feeds.aclose()
        assert first.client.http.is_closed and feeds.open_clients == 0
