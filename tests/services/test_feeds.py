"""The bounded set of feed clients: an evicted client is closed, but never under a sync that
is still running on it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from services.account import Account
from services.feed_client import FeedClient
from services.feeds import Feeds
from services.keyvalue import FileKeyValue
from services.library import Library
from services.repository import Repository
from services.settings import SettingsStore
from services.store import FeedStore, namespace_for
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


@pytest.mark.parametrize("action", ["sync", "sign_in"])
async def test_feeds_a_sign_in_elsewhere_never_cuts_a_persons_sync_on_an_evicted_client(
    tmp_path: Path, action: str
) -> None:
    """Two people's accounts on one process: one signs in to another server (the limit is
    one client) while the other's sync or sign-in is halfway through a document."""
    feeds = Feeds(Library(FeedStore(tmp_path)), None, hosted=False, limit=1, make_client=quick)
    first, second = await account(tmp_path, feeds, "first"), await account(tmp_path, feeds, "2")
    async with ChaosServer() as slow, ChaosServer() as other:
        link = f"{slow.url('held')}delegates/{CODE}.json"
        if action == "sync":  # signed in already; the next sync is held halfway
            slow.release.set()
            assert (await first.sign_in(link, confirmed=True)).ok
            slow.release.clear()
            slow.holding.clear()
        running = asyncio.create_task(
            first.sync() if action == "sync" else first.sign_in(link, confirmed=True)
        )
        async with asyncio.timeout(10):  # a bound, should it die before
            await slow.holding.wait()
        elsewhere = f"{other.url('ok')}delegates/{CODE}.json"
        assert (await second.sign_in(elsewhere, confirmed=True)).ok
        slow.release.set()
        outcome = await running
        await feeds.aclose()
    assert outcome.ok, outcome  # it was "offline": its client closed under it


async def account(root: Path, feeds: Feeds, name: str) -> Account:
    settings = SettingsStore(FileKeyValue(root / f"{name}.json"))
    return Account(await Repository.open(feeds.library, settings, feeds.origin_for), feeds)


async def test_feeds_an_evicted_client_finishes_a_download_whose_caller_left(
    tmp_path: Path,
) -> None:
    """A session closed halfway through a sync: the shared download goes on and is committed
    for everyone, even when the client is evicted before it ends."""
    feeds = Feeds(Library(FeedStore(tmp_path)), None, hosted=False, limit=1, make_client=quick)
    first, second = await account(tmp_path, feeds, "first"), await account(tmp_path, feeds, "2")
    async with ChaosServer() as slow, ChaosServer() as other:
        await first.repo.switch(slow.url("held"), None)  # the programme only
        running = asyncio.create_task(first.sync())
        async with asyncio.timeout(10):
            await slow.holding.wait()
        running.cancel()  # the person closed the page
        elsewhere = f"{other.url('ok')}delegates/{CODE}.json"
        assert (await second.sign_in(elsewhere, confirmed=True)).ok  # evicts the held client
        slow.release.set()
        await feeds.aclose()  # waits for the closes under way
    assert FeedStore(tmp_path).load(namespace_for(slow.url("held")), "mission") is not None
