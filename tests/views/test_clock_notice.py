"""A phone whose clock is off: My agenda uses the organisers' server's time, and says so once."""

from __future__ import annotations

import json
from datetime import UTC, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx

from services.feed_client import FeedClient
from services.feeds import Feeds
from services.keyvalue import FileKeyValue
from services.library import Library
from services.models import Lang
from services.settings import KEY
from services.store import FeedStore
from services.sync_state import SyncResult, SyncState
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, FixedClock
from tests.services.sync_servers import CODE
from tests.views.harness import App, walk

PHONE = "2025-10-07T15:00:00-07:00"  # the phone's clock; the server's is 40 min ahead: 15:40


async def started(root: Path, offset: float | None, lang: Lang = "en") -> App:
    """The app on a phone that measured `offset` seconds at its last sync."""
    await FileKeyValue(root / "settings.json").set(KEY, json.dumps({"clock_offset": offset}))
    return await App(root, lang=lang, now=PHONE).start()


def now_next(app: App) -> str:
    return " ".join(getattr(c, "value", "") or "" for c in walk(app.find("now-next")))


async def test_now_next_uses_the_servers_time_and_says_so(tmp_path: Path) -> None:
    app = await started(tmp_path, 2400.0)
    try:
        card = now_next(app)
        assert "Now, until 15:45" in card and "B2B with Raj Patel" in card  # 15:40, not 15:00
        assert app.has("clock-notice")
        assert (
            "Your phone's clock is 40 min behind the organisers' server. Times below use the "
            "server's time. Set your clock to automatic."
        ) in app.texts()
    finally:
        await app.close()


async def test_the_notice_is_told_once(tmp_path: Path) -> None:
    app = await started(tmp_path, 2400.0)
    try:
        await app.tap("clock-notice-dismiss")
        assert not app.has("clock-notice")
        await app.repo.update_settings(clock_offset=2401.0)  # the next sync: about the same
        assert app.shell is not None
        app.shell.render()
        await app.settle()
        assert not app.has("clock-notice")
        assert "Now, until 15:45" in now_next(app)  # still the server's time
    finally:
        await app.close()


async def test_a_30_s_offset_changes_nothing(tmp_path: Path) -> None:
    app = await started(tmp_path, 30.0)
    try:
        assert not app.has("clock-notice")
        assert "Now, until 15:45" not in now_next(app)  # the phone's 15:00
    finally:
        await app.close()


async def test_the_notice_in_french_and_dutch(tmp_path: Path) -> None:
    told: tuple[tuple[Lang, str], ...] = (
        ("fr", "L’horloge de votre téléphone retarde de 40 min sur le serveur"),
        ("nl", "De klok van uw telefoon loopt 40 min voor op de server"),
    )
    for lang, words in told:
        app = await started(tmp_path / lang, -2400.0 if lang == "nl" else 2400.0, lang)
        try:
            assert any(words in t for t in app.texts()), app.texts()
        finally:
            await app.close()


async def test_a_sync_that_finds_the_clock_off_draws_my_agenda_again(tmp_path: Path) -> None:
    """The first sync after the phone's clock was set by hand: its server's Date header moves
    "now" at once, not at the next drawing the phone's clock asks for."""
    clock = FixedClock(PHONE)
    served = format_datetime((clock() + timedelta(minutes=40)).astimezone(UTC), usegmt=True)

    def answer(request: httpx.Request) -> httpx.Response:
        body = MISSION_BYTES if request.url.path.endswith("mission.json") else DELEGATE_BYTES
        headers = {"content-type": "application/json", "date": served}
        return httpx.Response(200, stream=httpx.ByteStream(body), headers=headers)

    def client(url: str) -> FeedClient:
        return FeedClient(url, transport=httpx.MockTransport(answer), retries=0)

    url = "https://feed.example.org/"
    feeds = Feeds(Library(FeedStore(tmp_path)), url, hosted=False, clock=clock, make_client=client)
    settings = {"personal_code": CODE, "feed_url": url}
    await FileKeyValue(tmp_path / "app" / "settings.json").set(KEY, json.dumps(settings))
    app = await App(tmp_path / "app", feeds=feeds, clock=clock).start()
    try:
        for _ in range(100):  # bounded: until the sync at start has ended
            await app.settle()
            if app.shell is not None and app.shell.ctx.sync.phase == "done":
                break
        assert app.repo.settings.clock_offset == 2400
        assert "Now, until 15:45" in now_next(app)
        assert app.has("clock-notice")
    finally:
        await app.close()
        await feeds.aclose()


async def test_the_sync_line_says_its_time_in_the_servers_time(tmp_path: Path) -> None:
    """'Up to date (checked 15:00)' under a Now/Next card at 15:40 read as 40 minutes old."""
    app = await started(tmp_path, 2400.0)
    try:
        assert app.shell is not None
        app.shell.ctx.sync = SyncState.done(SyncResult("up_to_date", app.clock()))
        assert app.shell.ctx.status_text() == "Up to date (checked Tue\u00a07\u00a0Oct 15:40)"
    finally:
        await app.close()
