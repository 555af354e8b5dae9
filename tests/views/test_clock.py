"""The screen follows the clock: My agenda is drawn again when time makes it out of date, once,
and not while the tab is hidden."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from services.sync_state import SyncResult, SyncState
from tests.views.harness import App
from views import background
from views.context import Ctx, Screen
from views.session_clock import SPREAD


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def test_clock_draws_my_agenda_again_when_the_meeting_ends(app: App) -> None:
    assert "Now, until 15:45" in app.text()
    assert app.shell is not None
    assert app.shell.clock.due == at("2025-10-07T15:45:00-07:00")
    app.shell.clock.late = SPREAD / 2
    await app.time_passes("2025-10-07T15:45:00-07:00")
    assert "Now, until 15:45" in app.text()  # its share of the crowded second is still to come
    await app.time_passes("2025-10-07T15:45:01.500-07:00")
    text = app.text()
    assert "Now, until" not in text and "Next: in 45 min" in text
    assert "Silicon Valley reception" in text
    assert app.shell.clock.due == at("2025-10-07T15:46:00.001-07:00")  # then 'in 44 min'


async def test_clock_wakes_by_itself_at_the_due_instant(tmp_path: Path) -> None:
    app = await App(tmp_path, now="2025-10-07T16:29:59.900-07:00").start("/agenda")
    try:
        assert app.shell is not None
        assert 0 <= app.shell.clock.late <= SPREAD
        app.shell.clock.late = 0.0  # this session is first in its second
        app.shell.clock.look()
        assert "Next: in 1 min" in app.text()
        app.clock.set("2025-10-07T16:30:00.500-07:00")  # time passes while the loop sleeps
        for _ in range(50):  # bounded: the loop sleeps 0.1 s
            await asyncio.sleep(0.02)
            if "Now, until" in app.text():
                break
        assert "Now, until 18:00" in app.text()
    finally:
        await app.close()


async def test_clock_draws_nothing_while_hidden_and_catches_up_when_shown(app: App) -> None:
    assert app.shell is not None
    await app.session.dispatch_event(app.page._i, "app_lifecycle_state_change", {"state": "hide"})
    await app.settle()
    await app.time_passes("2025-10-07T15:50:00-07:00")
    assert "Now, until 15:45" in app.text()  # hidden: not drawn
    await app.session.dispatch_event(app.page._i, "app_lifecycle_state_change", {"state": "show"})
    await app.time_passes("2025-10-07T15:50:00-07:00")
    assert "Next: in 40 min" in app.text()


async def test_clock_other_screens_wake_only_when_the_day_turns(app: App) -> None:
    assert app.shell is not None
    await app.go("/contacts")
    assert app.shell.clock.due == at("2025-10-08T00:00:00-07:00")  # no minute timer


async def test_clock_before_the_mission_draws_again_at_midnight_not_every_minute(
    tmp_path: Path,
) -> None:
    app = await App(tmp_path, now="2025-10-01T10:00:20-07:00").start("/agenda")
    try:
        assert app.shell is not None
        assert "The mission starts in 4 days" in app.text()  # no countdown in minutes on show
        assert app.shell.clock.due == at("2025-10-02T00:00:00-07:00")
    finally:
        await app.close()


async def test_clock_a_drawing_that_failed_does_not_stop_the_clock(app: App) -> None:
    assert app.shell is not None
    agenda, failed = app.shell.screens["agenda"], list[str]()

    def fails_once(ctx: Ctx) -> Screen:
        if not failed:
            failed.append(ctx.state.route.path())
            raise RuntimeError("a drawing that failed")
        return agenda(ctx)

    app.shell.screens["agenda"] = fails_once
    app.shell.clock.late = 0.0
    await app.time_passes("2025-10-07T15:45:00-07:00")
    assert failed and "Now, until 15:45" in app.text()  # that drawing failed: nothing new
    await app.go("/agenda")  # the next drawing (a tap, new data) sets the next due instant
    assert "Next: in 45 min" in app.text()
    await app.time_passes("2025-10-07T15:46:30-07:00")
    assert "Next: in 44 min" in app.text()  # the clock still follows it


async def test_clock_my_agenda_beside_an_item_follows_it_too(app: App) -> None:
    assert app.shell is not None
    app.page.width = 1024  # a tablet: the list beside the item opened from it
    await app.go("/agenda/2025-10-07")
    await app.tap("row-tue-nasa-ames")
    assert app.has("pane-list") and app.has("activity-title") and "Now, until 15:45" in app.text()
    app.shell.clock.late = 0.0
    await app.time_passes("2025-10-07T15:45:00.500-07:00")
    assert "Now, until" not in app.text() and "Next: in 45 min" in app.text()


async def test_clock_hidden_while_waiting_its_turn_draws_when_shown_again(app: App) -> None:
    assert app.shell is not None
    app.shell.clock.late = 0.0
    async with background._lane():  # other sessions' drawings come first
        await app.time_passes("2025-10-07T15:46:00-07:00")
        assert "Now, until 15:45" in app.text()  # its turn has not come yet
        hidden = {"state": "hide"}
        await app.session.dispatch_event(app.page._i, "app_lifecycle_state_change", hidden)
    await app.settle()  # its turn comes while the tab is hidden: nothing drawn
    assert "Now, until 15:45" in app.text()
    shown = {"state": "show"}
    await app.session.dispatch_event(app.page._i, "app_lifecycle_state_change", shown)
    await app.settle()
    assert "Next: in 44 min" in app.text()  # back in view: the out-of-date screen is drawn


def selected_day(app: App) -> str:
    chosen = [i for i in app.identifiers("day-") if app.find(i).selected]
    assert len(chosen) == 1, chosen
    return chosen[0]


async def test_clock_a_day_tapped_last_evening_gives_way_to_today(tmp_path: Path) -> None:
    """Monday looked back at on Tuesday evening, the session left open overnight: on Wednesday
    morning My agenda shows Wednesday, and so do the map and the Programme's day chip."""
    app = await App(tmp_path, now="2025-10-07T21:00:00-07:00").start("/agenda")
    try:
        assert app.shell is not None
        app.shell.clock.late = 0.0
        await app.tap("day-2025-10-06")
        await app.time_passes("2025-10-07T23:59:00-07:00")
        assert selected_day(app) == "day-2025-10-06"  # still Tuesday: still her choice
        await app.time_passes("2025-10-08T07:30:00-07:00")
        assert selected_day(app) == "day-2025-10-08" and app.route == "/agenda"
        assert "Wednesday 8 October" in app.text()
        await app.go("/map/2025-10-06")  # the map, left open overnight on a day chosen
        await app.time_passes("2025-10-09T07:30:00-07:00")
        assert selected_day(app) == "day-2025-10-09" and app.route == "/map"
        assert app.shell.ctx.state.programme.days == set()  # the Programme opens on today
        await app.go("/programme")
        assert app.shell.ctx.state.programme.days == {date(2025, 10, 9)}
    finally:
        await app.close()


async def test_clock_in_brussels_time_my_agenda_opens_on_the_brussels_day(app: App) -> None:
    """15:40 in Santa Clara is 00:40 on Wednesday in Brussels. In Brussels time My agenda lists
    the rows by their Brussels day, so it opens on Wednesday, where the meeting on now is (it
    selected Tuesday, whose list no longer held it). The map, where to be, keeps the mission day."""
    await app.go("/settings")
    await app.choose("setting-time", "brussels")
    await app.go("/agenda")
    assert selected_day(app) == "day-2025-10-08"
    assert app.has("row-m-patel") and "Now, until 00:45 Brussels time" in app.text()
    await app.go("/map")
    assert selected_day(app) == "day-2025-10-07"


async def test_clock_waits_with_a_timer_not_a_task_and_a_closed_session_keeps_none(
    tmp_path: Path,
) -> None:
    """A hosted server holds hundreds of sessions: waiting for the next due instant costs
    each a timer, not a sleeping task, and an ended session leaves no timer holding it."""
    app = await App(tmp_path, now="2025-10-07T15:40:00-07:00").start("/agenda")
    shell = app.shell
    assert shell is not None
    assert shell.clock.due == at("2025-10-07T15:45:00-07:00")
    assert not [t for t in shell.tasks.running if not t.done()]  # nothing asleep in the session
    timer = shell.clock._timer
    assert timer is not None and not timer.cancelled()
    await app.close()
    assert timer.cancelled() and shell.clock._timer is None


async def test_clock_in_brussels_time_the_sync_time_is_brussels_time_too(app: App) -> None:
    """Settings and My agenda's offline line said 'checked Tue 7 Oct 15:40', Pacific time,
    among times that all were Brussels time: the delegate read nine hours wrong."""
    assert app.shell is not None
    at = datetime(2025, 10, 7, 15, 40, tzinfo=ZoneInfo("America/Los_Angeles"))
    app.shell.ctx.sync = SyncState.done(SyncResult("up_to_date", at))
    await app.go("/settings")
    assert "Up to date (checked Tue\u00a07\u00a0Oct 15:40)" in app.text()
    await app.choose("setting-time", "brussels")
    assert "Up to date (checked Wed\u00a08\u00a0Oct 00:40 Brussels time)" in app.text()
    app.shell.ctx.sync = SyncState.done(SyncResult("offline", at))
    await app.go("/agenda")
    assert "showing data from Wed\u00a08\u00a0Oct 00:40 Brussels time" in app.text()
