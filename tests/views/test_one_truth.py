"""One truth, flowing one way: sessions follow the store, renders change nothing."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import flet as ft

from services.changes import Change, ChangeLog, FieldChange
from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.store import FeedStore
from services.sync import retry_after
from tests.conftest import MISSION_BYTES, TEST_ORIGIN, store_unit
from tests.e2e.browser import free_port
from tests.services.chaos import ChaosServer
from tests.views.harness import App, on_feed

CODE = "abcdefghijklmnopqrstuvwxyz"


def quick(url: str) -> FeedClient:
    return FeedClient(url, retries=0, read_timeout=5, total_timeout=5)


def room_change() -> ChangeLog:
    field = FieldChange(field="room", old="Main gate", new="Visitor badging office")
    change = Change(id="tue-nasa-ames", kind="changed", revision=2, fields=(field,))
    return ChangeLog(changes={"tue-nasa-ames": change})


async def test_change_banner_survives_a_re_render_of_the_opened_activity(tmp_path: Path) -> None:
    store_unit(tmp_path, MISSION_BYTES, changes=room_change())
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/activity/tue-nasa-ames")
    try:
        assert app.has("change-banner")
        assert app.repo.change_for("tue-nasa-ames") is None  # opened: marked seen, as an event
        await app.tap("toggle-zone")  # "Show Brussels time" re-renders the same screen
        assert app.has("change-banner") and "Brussels time:" in app.text()
        await app.go("/agenda")
        await app.go("/activity/tue-nasa-ames")
    finally:
        await app.close()
    again = await App(tmp_path, origin=TEST_ORIGIN).start("/activity/tue-nasa-ames")
    try:
        assert not again.has("change-banner")  # seen stays seen after a restart
    finally:
        await again.close()


async def test_a_republish_reaches_every_session_and_counts_agree(tmp_path: Path) -> None:
    routes = ("/agenda/2025-10-07", "/activity/tue-nasa-ames")
    async with (
        ChaosServer() as server,
        on_feed(tmp_path, server.url("ok"), *routes) as (feeds, (a, b)),
    ):
        for app in (a, b):  # visitors: a change counts for them when it is on their agenda
            await app.repo.toggle_bookmark("tue-nasa-ames")
            await app.settle()
        server.republish_room("tue-nasa-ames", "Building N-200")
        await a.sync_now()
        await b.settle()
        assert "Building N-200" in b.text()  # B re-rendered without syncing itself
        await b.sync_now()
        assert a.shell is not None and b.shell is not None
        assert b.shell.ctx.sync.status == "up_to_date"
        await b.go("/agenda")
        assert "1 change from the organisers" in b.text()
        assert "Updated" in a.shell.ctx.status_text()
        assert "1 change" in a.shell.ctx.status_text()
    assert feeds.library.store.listener_count == 0  # closed sessions stop listening


async def test_sign_in_with_a_link_starts_the_periodic_sync(tmp_path: Path) -> None:
    async with ChaosServer() as server:
        url = server.url("ok")
        feeds = Feeds(Library(FeedStore(tmp_path)), None, (url,), make_client=FeedClient)
        app = await App(tmp_path, feeds=feeds).start()
        try:
            assert app.shell is not None and not app.shell.syncing.active
            app.shell.sign_in(f"{url}delegates/{CODE}.json")
            for _ in range(100):
                await app.settle()
                if app.shell.syncing.active:
                    break
            assert app.shell.syncing.active
            assert "Lotte Vermeulen" in app.text()
        finally:
            await app.close()
            await feeds.aclose()


async def test_sync_now_without_a_feed_says_why(tmp_path: Path) -> None:
    app = await App(tmp_path).start("/settings")
    try:
        assert app.shell is not None
        app.shell.sync_now()
        await app.settle()
        toasts = [m for m in app.page._dialogs.controls if hasattr(m, "content")]
        assert any("updates are not set up" in str(t.content.value) for t in toasts)
    finally:
        await app.close()


async def test_sync_now_shows_progress_then_the_outcome(tmp_path: Path) -> None:
    async with ChaosServer() as server:
        feeds = Feeds(Library(FeedStore(tmp_path)), server.url("timeout"), make_client=quick)
        app = await App(tmp_path, feeds=feeds).start("/settings")
        try:
            for _ in range(100):  # the first sync starts at once and hangs on the server
                await asyncio.sleep(0.01)
                await app.settle()
                if app.shell is not None and app.shell.ctx.sync.phase == "syncing":
                    break
            assert "Checking for updates…" in app.text()
            assert any(isinstance(c, ft.ProgressRing) for c in app.controls())
        finally:
            await app.close()
            await feeds.aclose()


def test_offline_retries_sooner_with_backoff_never_later_than_usual() -> None:
    normal = timedelta(minutes=15)
    delays = [retry_after(n, normal).total_seconds() for n in range(1, 7)]
    assert delays == [30, 60, 120, 240, 480, 900]


async def test_a_sync_that_brings_nothing_redraws_only_screens_that_show_its_state(
    tmp_path: Path,
) -> None:
    async with ChaosServer() as server:
        feeds = Feeds(Library(FeedStore(tmp_path)), server.url("ok"), make_client=quick)
        app = await App(tmp_path, feeds=feeds).start("/programme")
        try:
            await app.sync_now()  # the first sync brought the data (a redraw, rightly)
            view = app.page.views[-1]
            await app.sync_now()  # 304: nothing new
            assert app.page.views[-1] is view  # the Programme was not drawn again
            await app.go("/settings")
            view = app.page.views[-1]
            await app.sync_now()
            assert app.page.views[-1] is not view and "Up to date" in app.text()
        finally:
            await app.close()
            await feeds.aclose()


async def test_sync_now_with_the_feed_down_says_so_even_when_the_line_stays_the_same(
    tmp_path: Path,
) -> None:
    url = f"http://127.0.0.1:{free_port()}/"  # nobody listens: connection refused
    store_unit(tmp_path, MISSION_BYTES, origin=url, etag='"e1"')
    feeds = Feeds(Library(FeedStore(tmp_path)), url, make_client=quick)
    app = await App(tmp_path, lang="nl", feeds=feeds).start("/settings")
    try:
        await app.sync_now()  # the start's own sync already found it offline
        toasts = [str(m.content.value) for m in app.page._dialogs.controls if hasattr(m, "content")]
        assert any(t.startswith("Organisatoren niet bereikbaar") for t in toasts), toasts
    finally:
        await app.close()
        await feeds.aclose()
