"""Issue 14: the words a delegate reads are true (removed meetings, dropped registrations,
Brussels time, 'tomorrow'), and nobody who has not signed in sees someone's agenda."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from backend.tokens import token_for
from services.changes import ChangeLog, diff_delegates, diff_missions
from services.feed_client import FeedClient
from services.feeds import Feeds
from services.keyvalue import FileKeyValue
from services.library import Library
from services.store import FeedStore, personal_name
from services.validation import parse_delegate, parse_mission
from tests.backend.servers import SECRET, backend_server, publish_example
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, TEST_ORIGIN, store_unit
from tests.views.harness import App, walk

CODE = "b" * 26


async def store_personal(
    root: Path, new: dict[str, Any], old: dict[str, Any] | None = None
) -> None:
    """Sign in as `new` (stored as a sync would) with the changes from `old` to `new`."""
    data = json.dumps(new).encode()
    log = None
    if old is not None:
        mission = parse_mission(MISSION_BYTES)
        before = parse_delegate(json.dumps(old).encode())
        log = ChangeLog().merged(diff_delegates(before, parse_delegate(data), mission))
    store_unit(root, MISSION_BYTES)
    store_unit(root, data, personal_name(CODE), etag='"p2"', changes=log)
    kv = FileKeyValue(root / "settings.json")
    settings = {"personal_code": CODE, "feed_url": TEST_ORIGIN}
    await kv.set("delegate_companion.settings", json.dumps(settings))


def demo() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(DELEGATE_BYTES)
    return doc


def republished(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "revision": doc["revision"] + 1}


def row_text(app: App, identifier: str) -> str:
    control = app.find(identifier)
    texts = [getattr(c, "value", None) for c in walk(control)]
    return "\n".join(t for t in texts if isinstance(t, str))


async def test_removed_meeting_shows_cancelled_and_is_listed_and_counted(tmp_path: Path) -> None:
    old = demo()
    new = republished(old)
    new["meetings"] = [m for m in old["meetings"] if m["id"] != "m-becker"]
    await store_personal(tmp_path, new, old)
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/agenda/2025-10-09")
    try:
        assert app.has("row-m-becker"), "a removed meeting must not vanish"
        assert "Cancelled" in row_text(app, "row-m-becker")
        assert "1 change from the organisers" in app.text()
        await app.tap("changes-banner")
        assert app.identifiers("change-") == ["change-m-becker"]
        assert "1 change" in app.text() and "Thursday 9 October, 17:15–17:45" in app.text()
        await app.tap("change-m-becker")
        assert app.route == "/meeting/m-becker"
        assert "Cancelled by the organisers" in app.text() and "Tom Becker" in app.text()
    finally:
        await app.close()


async def test_dropped_registration_says_no_longer_on_agenda_not_cancelled(tmp_path: Path) -> None:
    old = demo()
    new = republished(old)
    new["registered"] = [a for a in old["registered"] if a != "tue-nasa-ames"]
    await store_personal(tmp_path, new, old)
    app = await App(tmp_path, origin=TEST_ORIGIN).start()
    try:
        text = row_text(app, "row-tue-nasa-ames")
        assert "No longer on your agenda" in text
        assert "Cancelled" not in text and "Registered" not in text
        await app.tap("row-tue-nasa-ames")
        assert "No longer on your agenda" in app.text()
        assert "Cancelled by the organisers" not in app.text()
        await app.pick_language("fr")  # 'Plus dans votre agenda' read as 'more in your agenda'
        assert "Retiré de votre agenda" in app.text()
        await app.pick_language("nl")
        assert "Niet meer in uw agenda" in app.text()
    finally:
        await app.close()


async def test_dropped_registration_put_back_by_her_no_longer_says_so(tmp_path: Path) -> None:
    old = demo()
    new = republished(old)
    new["registered"] = [a for a in old["registered"] if a != "tue-stanford-ai"]
    await store_personal(tmp_path, new, old)
    app = await App(tmp_path, origin=TEST_ORIGIN).start()
    try:
        await app.tap("row-tue-stanford-ai")
        assert "No longer on your agenda" in app.text()
        await app.tap("bookmark-tue-stanford-ai")  # she puts it back on her agenda herself
        assert "No longer on your agenda" not in app.text()
    finally:
        await app.close()


async def test_now_card_times_in_brussels_time_say_so(app: App) -> None:
    """Walk-through: with Brussels time chosen, the card said 'Leave by 00:49 from Santa Clara
    Convention Center' to a person standing in Santa Clara at 15:49: every time on the card is
    labelled, as the rows are."""
    await app.go("/settings")
    await app.choose("setting-time", "brussels")
    await app.go("/agenda")
    card = row_text(app, "now-next")
    assert "Now, until 00:45 Brussels time" in card
    assert "Then at 01:30 Brussels time: Silicon Valley reception" in card
    assert "Leave by 00:49 Brussels time from Santa Clara Convention Center" in card


async def test_brussels_times_are_labelled_and_fall_on_the_brussels_day(app: App) -> None:
    await app.go("/settings")
    await app.choose("setting-time", "brussels")
    await app.go("/agenda/2025-10-07")
    assert "16:30–17:45 Brussels time" in row_text(app, "row-tue-coach-valley")
    # B2B with Raj Patel: Tuesday 15:15 in Santa Clara is Wednesday 00:15 in Brussels
    assert not app.has("row-m-patel")
    await app.go("/agenda/2025-10-08")
    assert "00:15–00:45 Brussels time" in row_text(app, "row-m-patel")
    await app.go("/activity/tue-nasa-ames")
    assert "Tuesday 7 October, 22:00–00:00 Brussels time" in app.text()


async def test_in_brussels_time_the_last_coach_is_on_a_day_of_its_own(app: App) -> None:
    """Walk-through: Friday's 15:30 coach to LAX is Saturday 00:30 in Brussels, and the days
    ran Sunday to Friday: nothing led to it. The Map keeps the mission's days."""
    await app.go("/settings")
    await app.choose("setting-time", "brussels")
    await app.go("/agenda")
    assert app.has("day-2025-10-11")
    await app.tap("day-2025-10-11")
    assert "00:30–02:00 Brussels time" in row_text(app, "row-fri-coach-lax")
    assert "Saturday 11 October · Los Angeles" in app.text()
    await app.go("/programme")  # by the Brussels day too: chosen on My agenda, or tapped
    assert app.find("chip-day-2025-10-11").selected and app.has("row-fri-coach-lax")
    # seven days share a phone's width: weekday over number ('sam 11' was cut to 'sam 1')
    labels = [c.value for c in walk(app.find("chip-day-2025-10-11")) if isinstance(c, ft.Text)]
    assert labels == ["Sat\n11"]
    await app.tap("chip-day-2025-10-09")
    assert app.has("row-wed-coach-sfo") and not app.has("row-fri-coach-lax")
    await app.tap("chip-day-2025-10-11")
    assert app.has("row-fri-coach-lax") and not app.has("row-wed-coach-sfo")
    await app.go("/map")  # on Saturday in Brussels: the mission's last day
    assert app.find("day-2025-10-10").selected and not app.has("day-2025-10-11")


async def test_a_brussels_day_chosen_in_the_programme_gives_way_in_mission_time(
    tmp_path: Path,
) -> None:
    """Friday 08:00 in Los Angeles is Friday in Brussels too: going back to mission time
    keeps the day, and Saturday, which mission time does not list, left an empty Programme
    with no chip chosen."""
    app = await App(tmp_path, now="2025-10-10T08:00:00-07:00").start()
    try:
        await app.go("/settings")
        await app.choose("setting-time", "brussels")
        await app.go("/programme")
        await app.tap("chip-day-2025-10-11")
        await app.go("/settings")
        await app.choose("setting-time", "mission")
        await app.go("/programme")
        assert not app.has("chip-day-2025-10-11")
        assert app.find("chip-day-2025-10-10").selected and app.has("row-fri-coach-lax")
    finally:
        await app.close()


async def test_a_brussels_day_names_both_cities_it_covers(app: App) -> None:
    """Thursday in Brussels starts on Wednesday afternoon in San Francisco: the coaches to
    SFO and the flight were headed 'Los Angeles'. Mission time names one city."""
    await app.go("/settings")
    await app.choose("setting-time", "brussels")
    await app.go("/agenda/2025-10-09")
    assert "Thursday 9 October · San Francisco Bay Area – Los Angeles" in app.text()
    await app.go("/agenda/2025-10-08")
    assert "Wednesday 8 October · San Francisco Bay Area" in app.text()
    await app.go("/settings")
    await app.choose("setting-time", "mission")
    await app.go("/agenda/2025-10-11")  # a Brussels day, kept as a link: the mission's Friday
    assert app.find("day-2025-10-10").selected and not app.has("day-2025-10-11")
    await app.go("/agenda/2025-10-09")
    assert "Thursday 9 October · Los Angeles" in app.text()
    assert not app.has("day-2025-10-11")


async def test_next_late_at_night_says_tomorrow_and_the_room(tmp_path: Path) -> None:
    app = await App(tmp_path, now="2025-10-07T23:30:00-07:00").start()
    try:
        card = row_text(app, "now-next")
        assert "Next: in 9 h" in card and "tomorrow, 09:00" in card
        upcoming = app.repo.now_next().next
        assert upcoming is not None and upcoming.activity is not None
        room = upcoming.activity.room["en"]
        assert room and room in card
    finally:
        await app.close()


async def test_past_items_are_dimmed_and_later_ones_are_not(app: App) -> None:
    past = app.find("row-tue-coach-valley")
    later = app.find("row-tue-gala-dinner")
    opacities = [next(c.opacity for c in walk(x) if isinstance(c, ft.Row)) for x in (past, later)]
    assert opacities[0] < 1 and opacities[1] == 1
    await app.go("/programme")  # the Programme too: at 15:40 the morning is over
    past, later = app.find("row-tue-coach-valley"), app.find("row-tue-gala-dinner")
    opacities = [next(c.opacity for c in walk(x) if isinstance(c, ft.Row)) for x in (past, later)]
    assert opacities[0] < 1 and opacities[1] == 1


async def test_meeting_offers_calendar_and_share_and_heads_the_organisers_notes(app: App) -> None:
    await app.go("/meeting/m-patel")
    assert "Notes from the organisers" in app.text() and "My notes" not in app.text()
    await app.tap("add-to-calendar")
    name, data, mime = app.platform.files[-1]
    assert (name, mime) == ("m-patel.ics", "text/calendar") and b"Raj Patel" in data
    await app.tap("share-meeting")
    text, subject = app.platform.shared[-1]
    assert subject == "B2B with Raj Patel" and "15:15–15:45" in text
    # the table, the venue and its address, as an activity's Share has them
    assert "table 4, Santa Clara Convention Center, 5001 Great America Pkwy" in text


async def test_what_changed_keeps_read_entries_and_mark_all_can_be_undone(tmp_path: Path) -> None:
    old = parse_mission(MISSION_BYTES)
    data = json.loads(MISSION_BYTES)
    gala = next(a for a in data["activities"] if a["id"] == "tue-gala-dinner")
    gala["room"] = "Grand Ballroom B"
    data["revision"] += 1
    log = ChangeLog().merged(diff_missions(old, parse_mission(json.dumps(data).encode())))
    store_unit(tmp_path, json.dumps(data).encode(), changes=log)
    app = await App(tmp_path, origin=TEST_ORIGIN).start("/changes")
    try:
        assert app.identifiers("change-") == ["change-tue-gala-dinner"]
        assert "Tuesday 7 October, 20:00" in row_text(app, "change-tue-gala-dinner")
        before = app.repo.read_marks()
        await app.tap("mark-all-read")
        assert app.identifiers("change-") == [] and app.has("read-tue-gala-dinner")
        assert app.repo.settings.seen_own == {"tue-gala-dinner": 0}  # no news of her own
        assert app.has("undo-read")
        await app.tap("undo-read")
        assert app.identifiers("change-") == ["change-tue-gala-dinner"]
        assert app.repo.change_for("tue-gala-dinner") is not None
        assert app.repo.read_marks() == before  # both kinds of mark, as they were
    finally:
        await app.close()


@pytest.fixture(scope="module")
def feed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("feed14")
    with backend_server(publish_example(base)) as url:
        yield url


async def signed_in(app: App) -> None:
    """Wait (bounded) until the sign-in over the network has ended, one way or the other."""
    assert app.shell is not None
    for _ in range(300):
        if app.repo.settings.personal_code or app.shell.ctx.sign_in_problem():
            await app.settle()
            return
        await asyncio.sleep(0.01)
        await app.settle()


async def closed(app: App) -> None:
    await app.close()
    if app.feeds is not None:
        await app.feeds.aclose()


def feeds_of(root: Path, url: str) -> Feeds:
    return Feeds(Library(FeedStore(root)), url, make_client=FeedClient)


async def test_a_visitor_with_a_live_feed_sees_no_agenda_but_a_sign_in_card(
    tmp_path: Path, feed_url: str
) -> None:
    app = await App(tmp_path, feeds=feeds_of(tmp_path, feed_url)).start()
    try:
        assert app.has("sign-in-card") and "Sign in with your personal code" in app.text()
        assert "Lotte" not in app.text() and "Registered" not in app.text()
        assert not app.has("row-m-patel")
        assert app.has("row-tue-chm-reception"), "the day's programme is there to browse"
        assert app.has("agenda-earlier")  # 15:40: the morning, over, folds into one line
        await app.go("/programme")
        assert "Registered" not in app.text()
    finally:
        await closed(app)


async def test_a_wrong_join_link_says_why_and_shows_no_ones_agenda(
    tmp_path: Path, feed_url: str
) -> None:
    app = await App(tmp_path, feeds=feeds_of(tmp_path, feed_url)).start("/join/" + "c" * 26)
    try:
        await signed_in(app)
        card = row_text(app, "sign-in-card")
        assert "No agenda was found for this code" in card
        assert "Lotte" not in app.text() and not app.has("row-m-patel")
    finally:
        await closed(app)


async def test_a_wrong_join_link_without_a_feed_does_not_show_the_demo(tmp_path: Path) -> None:
    app = await App(tmp_path).start("/join/" + "c" * 26)
    try:
        assert "Updates are not set up" in row_text(app, "sign-in-card")
        assert "Lotte" not in app.text() and not app.has("row-m-patel")
    finally:
        await app.close()


def language_of(app: App) -> str | None:
    """Read afresh each time (a language picked since then changes it)."""
    return app.repo.settings.language


async def test_first_sign_in_takes_their_language_and_reports_no_old_changes(
    tmp_path: Path, feed_url: str
) -> None:
    # the operator's feed as this server last saw it, with a change not on her agenda
    log = ChangeLog().merged(diff_missions(parse_mission(MISSION_BYTES), _renamed_room()))
    store_unit(tmp_path, MISSION_BYTES, origin=feed_url, changes=log)
    app = await App(tmp_path, feeds=feeds_of(tmp_path, feed_url)).start()
    try:
        await app.go("/join/" + token_for("demo", SECRET))
        await signed_in(app)
        assert app.shell is not None, app.shell
        assert app.repo.settings.personal_code, app.shell.ctx.sign_in_problem()
        assert app.repo.delegate is not None
        assert language_of(app) == "nl"  # Lotte's language in delegates.csv
        assert "Mijn agenda" in app.text()
        assert not app.has("changes-banner") and app.repo.unseen_changes() == []
        assert app.repo.flags_for("sun-welcome-desk") == ()  # nor marked in the Programme
        pushes = [args["route"] for name, args in app.conn.invocations if name == "push_route"]
        assert pushes == ["/agenda"]  # once, as soon as the code was read
        await app.pick_language("en")
        assert language_of(app) == "en" and "My agenda" in app.text()
    finally:
        await closed(app)


def _renamed_room() -> Any:
    data = json.loads(MISSION_BYTES)
    data["activities"][0]["room"] = "Elsewhere"
    data["revision"] += 1
    return parse_mission(json.dumps(data).encode())


async def test_now_says_what_follows_and_when_to_leave_not_how_to_get_where_you_are(
    tmp_path: Path,
) -> None:
    app = await App(tmp_path, lang="nl", now="2025-10-07T15:40:00-07:00").start()
    try:
        card = row_text(app, "now-next")
        assert "Nu, tot 15:45" in card and "B2B met Raj Patel" in card
        assert "Daarna om 16:30: Silicon Valley-receptie" in card
        # to the reception, 41 min away; from (vanaf) where they are, never "aan" a place
        assert "Vertrek uiterlijk om 15:49 vanaf Santa Clara Convention Center" in card
        assert "Krappe verplaatsing" not in card  # the way to this meeting is behind them
    finally:
        await app.close()


async def test_next_counts_the_tight_transfer_from_now_once_the_item_before_is_over(
    tmp_path: Path,
) -> None:
    """19:05, the reception over since 18:00: the card said '70 min to be there by 19:10'."""
    app = await App(tmp_path, lang="nl", now="2025-10-07T19:05:00-07:00").start()
    try:
        card = row_text(app, "now-next")
        assert "Hierna: over 55 min" in card and "Galadiner" in card
        assert "Krappe verplaatsing: 5 min om er om 19:10 te zijn, ongeveer 93 min nodig" in card
        row = row_text(app, "row-tue-gala-dinner")  # the plan, from the reception's end
        assert "70 min na Silicon Valley-receptie" in row
    finally:
        await app.close()
