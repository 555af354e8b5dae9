"""My agenda: the demo delegate's day, Now/Next, day strip, warnings, empty days."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

import flet as ft

from tests.conftest import MISSION_BYTES, TEST_ORIGIN, store_unit
from tests.views.harness import App, sign_in_as, walk


async def test_agenda_opens_on_today_with_now_next_card(app: App) -> None:
    assert app.route == "/agenda"
    text = app.text()
    assert "Demo agenda: Lotte Vermeulen" in text
    assert "Now, until 15:45" in text and "B2B with Raj Patel" in text
    assert app.has("row-tue-nasa-ames") and app.has("row-m-patel")
    assert not app.has("row-mon-opening-seminar")


async def test_agenda_who_it_is_for_has_a_line_of_its_own_not_the_app_bar(app: App) -> None:
    """Beside the app bar's four icons, 'Camille Lambert · À titre …' was cut at 360 px (an
    app bar title does not wrap in Flet 1.0.5); above the days it has the whole width."""
    bar = app.page.views[-1].appbar
    assert isinstance(bar, ft.AppBar)
    in_bar = [c.value for c in walk(bar.title) if isinstance(c, ft.Text)]
    assert in_bar == ["My agenda"]
    who = [c for c in walk(app.find("agenda-who")) if isinstance(c, ft.Text)]
    assert [c.value for c in who] == ["Demo agenda: Lotte Vermeulen"]
    assert not who[0].no_wrap and who[0].max_lines is None  # a long name wraps
    bar = app.page.views[-1].appbar
    assert isinstance(bar, ft.AppBar) and isinstance(bar.title, ft.Column)
    cut = [(t.max_lines, t.overflow) for t in bar.title.controls if isinstance(t, ft.Text)]
    assert cut and all(c == (1, ft.TextOverflow.ELLIPSIS) for c in cut)  # cut with '…'


async def test_agenda_before_the_mission_opens_on_first_day(tmp_path: Path) -> None:
    app = await App(tmp_path, now="2025-09-20T10:00:00+02:00").start()
    try:
        assert app.has("row-sun-welcome-reception")
        assert "The mission starts in 15 days" in app.text()
    finally:
        await app.close()


async def test_agenda_after_the_mission_says_it_has_ended(tmp_path: Path) -> None:
    app = await App(tmp_path, now="2025-10-10T21:30:00-07:00").start()
    try:
        assert app.has("row-fri-coach-lax")  # the last day, to look back on
        assert "The mission has ended" in app.text() and "5–10 October 2025" in app.text()
    finally:
        await app.close()


async def test_another_day_shows_a_chevron_only_where_the_line_leads_somewhere(
    tmp_path: Path,
) -> None:
    """'The mission starts in 15 days ·' and 'The mission has ended ·' open nothing: their
    chevron promised a screen that a tap never opened."""
    for now in ("2025-09-20T10:00:00+02:00", "2025-10-10T21:30:00-07:00"):
        app = await App(tmp_path / now[:10], now=now).start("/agenda/2025-10-08")
        try:
            icons = [c.icon for c in walk(app.find("now-next")) if isinstance(c, ft.Icon)]
            assert icons == [ft.Icons.SCHEDULE]
        finally:
            await app.close()
    app = await App(tmp_path / "during").start("/agenda/2025-10-09")  # now: the B2B, a tap away
    try:
        icons = [c.icon for c in walk(app.find("now-next")) if isinstance(c, ft.Icon)]
        assert ft.Icons.CHEVRON_RIGHT in icons
    finally:
        await app.close()


async def test_day_strip_tap_shows_that_day_and_route(app: App) -> None:
    await app.tap("day-2025-10-10")
    assert app.route == "/agenda/2025-10-10"
    assert app.has("row-fri-agreements") and app.has("row-m-liu")
    assert "Overlaps with" in app.text()


async def test_day_strip_cells_grow_with_large_text(app: App) -> None:
    """With the browser's text at 200 % the day's number was cut in half by a fixed 56 px
    cell: the cell takes its text's height (about 56 px at the normal size, as before)."""
    for day in ("day-2025-10-05", "day-2025-10-10"):
        cell = app.find(day).content
        assert isinstance(cell, ft.Container) and cell.height is None, day
        assert cell.padding is not None


async def test_another_day_keeps_now_next_to_one_line_above_its_list(app: App) -> None:
    """On Thursday the full card (then, when to leave: some 230 px) pushed Thursday's first
    item below the fold; another day shows what is on now in one line, still one tap away."""
    await app.tap("day-2025-10-09")
    card = app.find("now-next")
    shown = [getattr(c, "text", None) or getattr(c, "value", None) for c in walk(card)]
    assert "Now, until 15:45 · " in shown and "B2B with Raj Patel" in shown
    assert "\u00a0Illustrative\u00a0" in shown  # marked as on its own day
    # before the title: a long title cut at two lines must not take the mark with it
    assert shown.index("\u00a0Illustrative\u00a0") < shown.index("B2B with Raj Patel")
    assert not app.has("leave-by") and "Then at 16:30" not in app.text()
    assert app.has("row-thu-jpl")
    await app.tap("now-next")
    assert app.route == "/meeting/m-patel"
    await app.go("/agenda")
    await app.tap("day-2025-10-07")  # today: the whole card again
    assert app.has("leave-by") and "Then at 16:30" in app.text()


async def test_tight_transfer_warning_is_shown(app: App) -> None:
    assert "Tight transfer: 15 min after Visit: NASA Ames Research Center" in app.text()


async def test_tapping_an_item_opens_the_activity(app: App) -> None:
    await app.tap("row-tue-nasa-ames")
    assert app.route == "/activity/tue-nasa-ames"
    assert "Visit: NASA Ames Research Center" in app.text()


async def test_tapping_a_meeting_opens_it_with_counterpart_contact(app: App) -> None:
    await app.tap("row-m-patel")
    assert app.route == "/meeting/m-patel"
    assert "Sierra Photonics" in app.text() and app.has("sample-m-patel")
    assert "Follow-up on the test results of the optical link." in app.text()  # in English


async def test_day_without_items_says_so_kindly(tmp_path: Path) -> None:
    await sign_in_as(tmp_path, "a" * 26, ["mon-opening-seminar"])
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/agenda/2025-10-08")
    try:
        assert "Test Delegate" in app.text() and "demo" not in app.text()
        assert "Nothing planned this day" in app.text()
        assert "Enjoy the free time" in app.text() and "Browse the programme" in app.text()
        await app.tap("day-2025-10-06")
        assert app.has("row-mon-opening-seminar")
        # a free day already over (it is Tuesday): nothing to enjoy or add any more
        await app.tap("day-2025-10-05")
        assert "Nothing planned this day" in app.text() and "This day is over." in app.text()
        assert "Enjoy the free time" not in app.text() and "Browse the programme" not in app.text()
    finally:
        await app.close()


async def test_unseen_changes_banner_leads_to_what_changed(tmp_path: Path) -> None:
    from services.changes import Change, ChangeLog

    log = ChangeLog(
        changes={"tue-gala-dinner": Change(id="tue-gala-dinner", kind="cancelled", revision=2)}
    )
    store_unit(tmp_path, MISSION_BYTES, changes=log)
    app = await App(tmp_path, origin=TEST_ORIGIN).start()
    try:
        assert "1 change from the organisers" in app.text()
        await app.tap("changes-banner")
        assert app.route == "/changes" and app.has("change-tue-gala-dinner")
        await app.tap("change-tue-gala-dinner")
        assert "Cancelled by the organisers" in app.text()
        await app.go("/agenda")
        assert not app.has("changes-banner")
    finally:
        await app.close()


async def test_offline_note_says_since_when(tmp_path: Path) -> None:
    from services.feed_client import FeedClient
    from services.feeds import Feeds
    from services.library import Library
    from services.store import FeedStore
    from tests.e2e.browser import free_port

    url = f"http://127.0.0.1:{free_port()}/"
    store_unit(
        tmp_path,
        MISSION_BYTES,
        origin=url,
        etag='"e1"',
        fetched_at=datetime.fromisoformat("2025-10-07T06:30:00-07:00"),
    )
    client = FeedClient(url, retries=0, connect_timeout=1)
    feeds = Feeds(Library(FeedStore(tmp_path)), url, make_client=lambda _url: client)
    app = await App(tmp_path, feeds=feeds).start()
    try:
        for _ in range(50):  # the first sync runs in the background at start
            if app.has("offline-note"):
                break
            await asyncio.sleep(0.05)
            await app.settle()
        since = "showing data from Tue\u00a07\u00a0Oct 06:30"
        assert f"Could not reach the organisers: {since}" in app.text()
        note = app.wrapped("offline-note", ft.Container).content
        assert isinstance(note, ft.Row)
        sentence = note.controls[-1]  # beside its icon: it takes the rest of the row, and wraps
        assert (
            isinstance(sentence, ft.Text)
            and sentence.expand
            and sentence.value.startswith("Could not reach")
        )
    finally:
        await app.close()
        await feeds.aclose()


async def test_print_or_save_opens_the_copy_as_saved_not_offline(app: App) -> None:
    """The printable page is the offline copy: opened from the live app it said 'Offline copy'.
    On the web the worker is asked for the saved form; a phone app shares a page of its own,
    with no links that lead nowhere from a file."""
    assert app.shell is not None
    app.shell.ctx.state.platform = "web"
    await app.tap("print-agenda")
    assert app.platform.opened[-1] == "/pocket/mine.en.html?saved"
    app.shell.ctx.state.platform = "android"
    await app.tap("print-agenda")
    name, data, _mime = app.platform.files[-1]
    assert name == "agenda.html"
    page = data.decode()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">'), page[:80]
    assert "Copy, read-only" in page and "Offline copy" not in page
    # from a file, links to the other languages and to the live app lead nowhere
    assert "hreflang" not in page and 'class="live"' not in page and "Open the live app" not in page


async def test_another_day_opens_its_list_at_the_top(app: App) -> None:
    """Scrolled down Tuesday, a tap on Wednesday showed Wednesday as far down: one list was
    reused. Each day's list has its own key, so the client starts it at its top."""

    def list_key() -> object:
        return next(c for c in walk(app.find("pane-main")) if isinstance(c, ft.ListView)).key

    tuesday = list_key()
    await app.tap("day-2025-10-08")
    assert list_key() not in (None, tuesday)
    await app.tap("day-2025-10-07")
    assert list_key() == tuesday
