"""A browser that goes away and comes back (a reload, a network blip, a phone asleep): Flet keeps
the session, so the same screen must sync again and show what arrived meanwhile."""

from __future__ import annotations

import asyncio
from pathlib import Path

from services.feed_client import FeedClient
from services.feeds import Feeds
from services.library import Library
from services.store import FeedStore
from tests.services.chaos import ChaosServer
from tests.views.harness import App


def quick(url: str) -> FeedClient:
    return FeedClient(url, retries=0, read_timeout=5, total_timeout=5)


async def test_reconnected_session_syncs_again_and_shows_what_arrived(tmp_path: Path) -> None:
    async with ChaosServer() as server:
        feeds = Feeds(Library(FeedStore(tmp_path)), server.url("ok"), make_client=quick)
        away = await App(tmp_path / "away", feeds=feeds).start("/activity/tue-nasa-ames")
        other = await App(tmp_path / "other", feeds=feeds).start("/settings")
        try:
            await away.sync_now()
            assert away.shell is not None and other.shell is not None
            await away.session.dispatch_event(away.page._i, "disconnect", None)
            for _ in range(10):
                await asyncio.sleep(0)
            assert away.shell.loop_task is not None and away.shell.loop_task.done()
            server.republish_room("tue-nasa-ames", "Building N-200")
            await other.sync_now()  # committed while the first browser is away
            await away.settle()
            assert "Building N-200" not in away.text()  # no render for a browser that is gone
            asked = len(server.requests)
            await away.session.dispatch_event(away.page._i, "connect", None)
            await away.settle()
            assert "Building N-200" in away.text()  # shown on return
            assert away.shell.loop_task is not None and not away.shell.loop_task.done()
            for _ in range(100):  # and it syncs at once: Sync now works again
                await away.settle()
                if len(server.requests) > asked:
                    break
            assert len(server.requests) > asked
        finally:
            await away.close()
            await other.close()
            await feeds.aclose()
