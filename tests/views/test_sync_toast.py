"""What a sync says when it brings changes: one count for the whole sync, the banner's."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
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


async def test_sync_now_tapped_twice_on_a_slow_network_syncs_and_tells_once(
    tmp_path: Path,
) -> None:
    """On a slow network the button's 'syncing' state comes late and a delegate taps again:
    that started a second sync right after the first, with a second toast."""
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
        toasts = len(app.toasts())
        app.shell.sync_now()
        for _ in range(100):  # bounded: until the sync asks
            await app.settle()
            if len(asked) == 2:
                break
        app.shell.sync_now()  # the second tap, while the first sync waits for the network
        gate.set()
        for _ in range(100):  # bounded: until the first sync has ended
            await app.settle()
            if app.shell.ctx.sync.phase == "done":
                break
        for _ in range(20):  # and a moment more, for a second one to show itself
            await app.settle()
        assert asked == ["/mission.json", "/mission.json"]
        assert len(app.toasts()) == toasts + 1, app.toasts()[toasts:]
    finally:
        await app.close()
        await feeds.aclose()
