"""What a sync says when it brings changes: one count for the whole sync, the banner's."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.store import FeedStore
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
