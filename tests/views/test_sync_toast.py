"""What a sync says when it brings changes: one count for the whole sync, the banner's."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.store import FeedStore
from tests.conftest import MISSION_BYTES
from tests.services.chaos import ChaosServer
from tests.views.harness import App

CODE = "abcdefghijklmnopqrstuvwxyz"


@asynccontextmanager
async def lotte(tmp_path: Path) -> AsyncIterator[tuple[ChaosServer, App]]:
    """Lotte signed in from a feed server the test republishes, her screens in English."""
    async with ChaosServer() as server:
        url = server.url("ok")
        feeds = Feeds(Library(FeedStore(tmp_path)), None, (url,), make_client=FeedClient)
        app = await App(tmp_path, feeds=feeds).start()
        try:
            assert app.shell is not None
            app.shell.sign_in(f"{url}delegates/{CODE}.json")
            for _ in range(100):
                await app.settle()
                if app.shell.syncing.loop_task is not None and app.shell.ctx.sync.phase == "done":
                    break
            assert "Lotte Vermeulen" in app.text()
            await app.pick_language("en")  # her sheet said Dutch
            yield server, app
        finally:
            await app.close()
            await feeds.aclose()


async def test_sync_toast_counts_the_mission_and_the_personal_changes_together(
    tmp_path: Path,
) -> None:
    async with lotte(tmp_path) as (server, app):
        assert app.shell is not None
        server.republish_room("tue-nasa-ames", "Building N-200")  # on her agenda
        person = json.loads(server.delegate)  # and a registration added to her agenda
        person["revision"] += 1
        person["registered"].append("tue-stanford-medtech")
        server.delegate = json.dumps(person).encode()
        await app.sync_now()  # two commits: the mission's, then her agenda's
        await app.go("/agenda")
        assert "2 changes from the organisers" in app.text()  # the banner
        assert app.toasts()[-1] == "2 changes from the organisers"  # the toast agrees
        assert "2 changes" in app.shell.ctx.status_text()  # and so does Settings


async def test_sync_toast_tells_the_mission_changes_that_came_when_her_agenda_did_not(
    tmp_path: Path,
) -> None:
    async with lotte(tmp_path) as (server, app):
        assert app.shell is not None
        server.republish_room("tue-nasa-ames", "Building N-200")  # taken in
        server.delegate = b'{"revision": '  # her agenda, cut short: kept as it was
        await app.sync_now()
        toast = app.toasts()[-1]
        assert toast.startswith("1 change from the organisers "), toast
        assert toast.endswith(app.shell.ctx.status_text())  # and why her agenda did not
        assert app.shell.ctx.sync.outcome is not None and not app.shell.ctx.sync.outcome.ok


async def test_sync_toast_counts_an_activity_changed_in_both_documents_once(
    tmp_path: Path,
) -> None:
    async with lotte(tmp_path) as (server, app):
        assert app.shell is not None
        server.republish_room("tue-nasa-ames", "Building N-200")  # the programme's change
        person = json.loads(server.delegate)  # and the same activity leaves her agenda
        person["revision"] += 1
        person["registered"].remove("tue-nasa-ames")
        server.delegate = json.dumps(person).encode()
        await app.sync_now()
        await app.go("/agenda")
        assert "1 change from the organisers" in app.text()  # the banner: one activity
        assert app.toasts()[-1] == "1 change from the organisers"  # the toast agrees
        assert "1 change" in app.shell.ctx.status_text()


@asynccontextmanager
async def slow_feed(tmp_path: Path) -> AsyncIterator[tuple[App, list[str], asyncio.Event]]:
    """The app on a feed that answers its first sync at once and every later one only once
    `gate` is set; `asked` lists the paths asked for."""
    gate = asyncio.Event()
    asked: list[str] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        if len(asked) > 1:  # the first sync (at start) answers at once, later ones wait
            await gate.wait()
        headers = {"Content-Type": "application/json", "ETag": '"m-1"'}
        return httpx.Response(200, stream=httpx.ByteStream(MISSION_BYTES), headers=headers)

    def client(url: str) -> FeedClient:
        return FeedClient(url, transport=httpx.MockTransport(answer))

    feeds = Feeds(Library(FeedStore(tmp_path)), "http://feed.test/", make_client=client)
    app = await App(tmp_path / "app", feeds=feeds).start("/settings")
    try:
        assert app.shell is not None and asked == ["/mission.json"]
        yield app, asked, gate
    finally:
        await app.close()
        await feeds.aclose()


async def settled_until(app: App, done: Callable[[], bool]) -> None:
    for _ in range(100):  # bounded
        await app.settle()
        if done():
            break


async def test_sync_now_tapped_twice_on_a_slow_network_syncs_and_tells_once(
    tmp_path: Path,
) -> None:
    """On a slow network the button's 'syncing' state comes late and a delegate taps again:
    that started a second sync right after the first, with a second toast."""
    async with slow_feed(tmp_path) as (app, asked, gate):
        assert app.shell is not None
        toasts = len(app.toasts())
        app.shell.sync_now()
        await settled_until(app, lambda: len(asked) == 2)  # the sync asks
        app.shell.sync_now()  # the second tap, while the first sync waits for the network
        gate.set()
        await settled_until(
            app, lambda: app.shell is not None and app.shell.ctx.sync.phase == "done"
        )
        for _ in range(20):  # and a moment more, for a second one to show itself
            await app.settle()
        assert asked == ["/mission.json", "/mission.json"]
        assert len(app.toasts()) == toasts + 1, app.toasts()[toasts:]


async def test_sync_now_tapped_during_a_timed_sync_asks_again_after_it(tmp_path: Path) -> None:
    """The timed sync may have asked before the organisers' change was out: a tap while it runs
    (not one a tap started) still syncs once more after it, and says how that went."""
    async with slow_feed(tmp_path) as (app, asked, gate):
        assert app.shell is not None
        toasts = len(app.toasts())
        app.shell.syncing._sync_soon()  # what the timer does, every 15 minutes
        await settled_until(app, lambda: len(asked) == 2)
        app.shell.sync_now()
        app.shell.sync_now()  # twice, as on a slow network: still one more sync
        gate.set()
        await settled_until(app, lambda: len(asked) == 3 and len(app.toasts()) > toasts)
        for _ in range(20):
            await app.settle()
        assert asked == ["/mission.json"] * 3
        assert len(app.toasts()) == toasts + 1, app.toasts()[toasts:]
