"""A browser that goes away and comes back (a reload, a network blip, a phone asleep): Flet keeps
the session, so the same screen must sync again and show what arrived meanwhile."""

from __future__ import annotations

import asyncio
from pathlib import Path

import flet as ft
import httpx

from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.store import FeedStore
from tests.conftest import MISSION_BYTES
from tests.services.chaos import ChaosServer
from tests.views.harness import App, on_feed


def quick(url: str) -> FeedClient:
    return FeedClient(url, retries=0, read_timeout=5, total_timeout=5)


async def test_reconnected_session_syncs_again_and_shows_what_arrived(tmp_path: Path) -> None:
    async with (
        ChaosServer() as server,
        on_feed(
            tmp_path, server.url("ok"), "/activity/tue-nasa-ames", "/settings", make_client=quick
        ) as (_feeds, (away, other)),
    ):
        await away.sync_now()
        assert away.shell is not None and other.shell is not None
        await away.session.dispatch_event(away.page._i, "disconnect", None)
        for _ in range(10):
            await asyncio.sleep(0)
        assert not away.shell.syncing.active  # no sync runs or waits for a browser that is gone
        server.republish_room("tue-nasa-ames", "Building N-200")
        await other.sync_now()  # committed while the first browser is away
        await away.settle()
        assert "Building N-200" not in away.text()  # no render for a browser that is gone
        asked = len(server.requests)
        await away.session.dispatch_event(away.page._i, "connect", None)
        await away.settle()
        assert "Building N-200" in away.text()  # shown on return
        assert away.shell.syncing.active  # syncing again
        for _ in range(100):  # and it syncs at once: Sync now works again
            await away.settle()
            if len(server.requests) > asked:
                break
        assert len(server.requests) > asked


async def test_sync_defect_keeps_the_loop_and_never_says_checking_forever(tmp_path: Path) -> None:
    calls = 0

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("a defect in the sync, not the network")
        return httpx.Response(200, content=MISSION_BYTES, headers={"ETag": '"m-1"'})

    def client(url: str) -> FeedClient:
        return FeedClient(url, transport=httpx.MockTransport(answer))

    feeds = Feeds(Library(FeedStore(tmp_path)), "http://feed.test/", make_client=client)
    app = await App(tmp_path / "app", feeds=feeds).start("/settings")
    try:
        assert calls == 1 and app.shell is not None
        assert app.shell.syncing.active  # it tries again later by itself
        assert "Checking for updates" not in app.text()
        assert "That did not work. Please try again." in app.toasts()
    finally:
        await app.close()


async def test_reconnected_bar_shows_the_tab_tapped_while_offline_with_its_screen(
    app: App,
) -> None:
    """Offline, a tap on Contacts lit it in the bar at once (the bar's own state), and the tap
    waited. Back online, Flet answered the reconnect with the page as the server had it (My
    agenda lit), then handed over the tap: the bar's new index first, which the server's copy
    took, then the change. Contacts opened under a bar that still lit My agenda: the drawing
    had found no difference to send."""
    bar = app.page.views[-1].navigation_bar
    assert isinstance(bar, ft.NavigationBar) and bar.selected_index == 0
    await app.session.dispatch_event(app.page._i, "disconnect", None)
    await app.session.dispatch_event(app.page._i, "connect", None)
    await app.settle()
    app.conn.sent = []
    app.client_sets(bar, selected_index=3)  # what the client sends first once it is back
    await app.fire(bar, "change")
    assert app.route == "/contacts"
    drawn = app.page.views[-1].navigation_bar
    assert isinstance(drawn, ft.NavigationBar) and drawn.selected_index == 3
    assert any(b"selected_index" in sent for sent in app.conn.sent)  # the client is told


async def test_between_syncs_a_session_holds_a_timer_and_an_ended_one_none(
    tmp_path: Path,
) -> None:
    """A hosted server holds hundreds of sessions: between two syncs each holds a timer, not
    a sleeping task, and an ended session leaves no timer that would hold it for minutes."""
    async with (
        ChaosServer() as server,
        on_feed(tmp_path, server.url("ok"), "/settings", make_client=quick) as (_feeds, (app,)),
    ):
        await app.sync_now()
        assert app.shell is not None
        syncing = app.shell.syncing
        assert syncing.loop_task is not None and syncing.loop_task.done()
        timer = syncing._timer
        assert timer is not None and timer.when() - asyncio.get_running_loop().time() > 60
        assert syncing.active
    assert timer.cancelled() and syncing._timer is None


async def test_a_toast_from_before_a_reload_is_not_shown_again(tmp_path: Path) -> None:
    """'Welcome, …' came back when the page was reloaded within seconds of signing in: Flet
    keeps the session, and sends the page whole to the browser that comes back, the toast
    still open in it."""
    app = await App(tmp_path).start("/agenda")
    try:
        assert app.shell is not None
        app.shell.toast("Welcome, Lotte Vermeulen")
        await app.settle()
        assert app.open_toasts() == ["Welcome, Lotte Vermeulen"]
        await app.session.dispatch_event(app.page._i, "disconnect", None)
        await app.session.dispatch_event(app.page._i, "connect", None)
        await app.settle()
        assert app.open_toasts() == []
        app.shell.toast("Synced")  # the next one shows as ever
        await app.settle()
        assert app.open_toasts() == ["Synced"]
    finally:
        await app.close()
