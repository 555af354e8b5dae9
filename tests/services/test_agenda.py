"""Personal agenda: grouping by mission day, now and next, overlaps and tight transfers."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.agenda import (
    AgendaItem,
    Warning,
    _warned,
    default_day,
    items_on,
    mission_days,
    next_change,
    now_and_next,
    personal_items,
    shown_days,
)
from services.geo import travel_minutes
from services.i18n import Translator
from services.models import Activity, Lang, Venue
from services.present import agenda_row, item_title
from services.validation import parse_delegate, parse_mission
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, dump

LA = ZoneInfo("America/Los_Angeles")
MISSION = parse_mission(MISSION_BYTES)
DELEGATE = parse_delegate(DELEGATE_BYTES)
VENUES = {v.id: v for v in MISSION.venues}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_personal_items_include_registered_meetings_and_bookmarks() -> None:
    items = personal_items(MISSION, DELEGATE, ["mon-design-seminar"])
    sources = {i.id: i.source for i in items}
    assert len(DELEGATE.registered) >= 15 and len(DELEGATE.meetings) >= 5
    assert sources["mon-opening-seminar"] == "registered"
    assert sources["m-whitfield"] == "meeting"
    assert sources["mon-design-seminar"] == "bookmarked"
    assert [i.start for i in items] == sorted(i.start for i in items)


def test_bookmark_of_registered_activity_is_listed_once() -> None:
    items = personal_items(MISSION, DELEGATE, ["mon-opening-seminar"])
    assert [i.id for i in items].count("mon-opening-seminar") == 1


def test_items_on_groups_by_mission_day_not_utc_day() -> None:
    # the gala ends at 22:30 in San Francisco, which is already 8 October in UTC
    items = personal_items(MISSION, DELEGATE, [])
    tuesday = [i.id for i in items_on(items, date(2025, 10, 7), LA)]
    assert "tue-gala-dinner" in tuesday
    assert "tue-gala-dinner" not in [i.id for i in items_on(items, date(2025, 10, 8), LA)]


def test_every_mission_day_has_items_for_the_demo_delegate() -> None:
    items = personal_items(MISSION, DELEGATE, [])
    for day in range(5, 11):
        assert items_on(items, date(2025, 10, day), LA), day


def test_tight_transfer_moffett_field_to_santa_clara_is_flagged() -> None:
    items = {i.id: i for i in personal_items(MISSION, DELEGATE, [])}
    warnings = items["m-patel"].warnings
    assert [(w.kind, w.other_id) for w in warnings] == [("tight", "tue-nasa-ames")]
    assert warnings[0].gap_minutes == 15 and warnings[0].needed_minutes > 30


def test_demo_agenda_has_one_deliberate_overlap_and_two_tight_transfers() -> None:
    # The example's README documents them; everything else is a transfer one could make.
    found = sorted(
        (i.id, w.kind) for i in personal_items(MISSION, DELEGATE, []) for w in i.warnings
    )
    assert found == [
        ("fri-agreements", "overlap"),
        ("m-liu", "overlap"),
        ("m-patel", "tight"),
        ("tue-gala-dinner", "tight"),  # to be there by 19:10, for the security check
    ]


def test_overlap_is_flagged_on_both_items() -> None:
    items = {i.id: i for i in personal_items(MISSION, DELEGATE, [])}
    assert ("overlap", "fri-agreements") in [(w.kind, w.other_id) for w in items["m-liu"].warnings]
    assert ("overlap", "m-liu") in [(w.kind, w.other_id) for w in items["fri-agreements"].warnings]


def test_travel_palo_alto_to_san_francisco_is_not_a_short_walk() -> None:
    assert travel_minutes(VENUES["stanford"], VENUES["hilton-union-square"]) >= 60
    assert travel_minutes(VENUES["moscone-center"], VENUES["sfmoma"]) <= 10
    assert travel_minutes(VENUES["sfmoma"], VENUES["sfmoma"]) == 0


def test_transfer_item_is_the_journey_so_no_tight_warning_after_it() -> None:
    items = {i.id: i for i in personal_items(MISSION, DELEGATE, [])}
    assert items["tue-stanford-ai"].warnings == ()


def test_cancelled_activity_has_no_warnings_and_stays_listed(mission: dict[str, Any]) -> None:
    index = next(i for i, a in enumerate(mission["activities"]) if a["id"] == "fri-agreements")
    mission["activities"][index]["state"] = "cancelled"
    items = {i.id: i for i in personal_items(parse_mission(dump(mission)), DELEGATE, [])}
    assert items["fri-agreements"].cancelled
    assert items["m-liu"].warnings == ()


def test_registered_activity_removed_from_feed_shows_cancelled_from_tombstone(
    mission: dict[str, Any],
) -> None:
    gone = next(a for a in MISSION.activities if a.id == "thu-caltech")
    mission["activities"] = [a for a in mission["activities"] if a["id"] != "thu-caltech"]
    items = {
        i.id: i
        for i in personal_items(parse_mission(dump(mission)), DELEGATE, [], {"thu-caltech": gone})
    }
    assert items["thu-caltech"].cancelled
    assert items["thu-caltech"].activity == gone


def test_now_and_next_during_an_item_and_between_items() -> None:
    items = personal_items(MISSION, DELEGATE, [])
    during = now_and_next(items, at("2025-10-07T13:30:00-07:00"))
    assert during.now is not None and during.now.id == "tue-nasa-ames"
    assert during.next is not None and during.next.id == "m-patel"
    between = now_and_next(items, at("2025-10-07T16:00:00-07:00"))
    assert between.now is None and between.next is not None
    assert between.next.id == "tue-chm-reception" and between.minutes_to_next == 30


def test_next_change_while_something_is_on_is_its_end() -> None:
    items = personal_items(MISSION, DELEGATE, [])
    assert next_change(items, at("2025-10-07T15:40:00-07:00"), [LA]) == at(
        "2025-10-07T15:45:00-07:00"
    )


def test_next_change_between_items_is_the_countdowns_next_minute() -> None:
    items = personal_items(MISSION, DELEGATE, [])
    now = at("2025-10-07T16:00:20-07:00")  # 'in 30 min' to the 16:30 reception, as at 16:00
    turn = next_change(items, now, [LA])
    assert turn == at("2025-10-07T16:01:00.001-07:00")
    assert now_and_next(items, turn).minutes_to_next == 29
    assert now_and_next(items, turn - (turn - now) / 2).minutes_to_next == 30


def test_the_countdown_counts_started_minutes_and_never_says_in_0_min() -> None:
    """A phone's clock at 12:10 reads 14:00 as 1 h 50 min ahead: the countdown said 1 h 49
    min all that minute, and 'in 0 min' in the last one."""
    items = personal_items(MISSION, DELEGATE, [])
    assert now_and_next(items, at("2025-10-07T16:00:30-07:00")).minutes_to_next == 30
    last = now_and_next(items, at("2025-10-07T16:29:59.900-07:00"))
    assert last.next is not None and last.next.id == "tue-chm-reception"
    assert last.minutes_to_next == 1


def test_next_change_without_a_countdown_on_show_is_the_next_start() -> None:
    items = personal_items(MISSION, DELEGATE, [])
    now = at("2025-10-07T16:00:20-07:00")
    assert next_change(items, now, [LA], countdown=False) == at("2025-10-07T16:30:00-07:00")


def test_next_change_a_countdown_in_days_turns_at_most_every_half_day() -> None:
    items = personal_items(MISSION, DELEGATE, [])
    first = min(item.start for item in items)
    text = Translator("en").in_minutes

    def shown(t: datetime) -> str:
        return text(now_and_next(items, t).minutes_to_next or 0)

    drawn = [first - timedelta(days=2, minutes=5)]  # 'in 2 days'
    while shown(drawn[-1]) == "in 2 days":
        drawn.append(next_change(items, drawn[-1], []))
    gaps = [b - a for a, b in pairwise(drawn)]
    assert shown(drawn[-1]) == "in 1 day" and shown(drawn[-1] - timedelta(milliseconds=2)) == (
        "in 2 days"
    )
    assert len(gaps) <= 2 and all(timedelta(minutes=5) <= g <= timedelta(hours=12) for g in gaps)


def test_next_change_after_the_mission_is_the_first_midnight_of_the_zones() -> None:
    items = personal_items(MISSION, DELEGATE, [])
    now = at("2025-11-01T09:00:00+01:00")
    assert next_change(items, now, [LA]) == at("2025-11-02T00:00:00-07:00")
    brussels = ZoneInfo("Europe/Brussels")
    assert next_change(items, now, [LA, brussels]) == at("2025-11-02T00:00:00+01:00")


def test_now_and_next_after_the_mission_is_empty() -> None:
    nn = now_and_next(personal_items(MISSION, DELEGATE, []), at("2025-11-01T09:00:00+01:00"))
    assert (nn.now, nn.next) == (None, None)


def test_default_day_before_during_and_after_the_mission() -> None:
    assert default_day(MISSION, at("2025-09-20T10:00:00+02:00")) == date(2025, 10, 5)
    assert default_day(MISSION, at("2025-10-08T06:00:00+00:00")) == date(2025, 10, 7)
    assert default_day(MISSION, at("2026-01-01T10:00:00+01:00")) == date(2025, 10, 10)


def test_default_day_in_brussels_time_is_the_brussels_date() -> None:
    late = at("2025-10-07T15:41:00-07:00")  # 00:41 on Wednesday in Brussels
    assert default_day(MISSION, late) == date(2025, 10, 7)
    assert default_day(MISSION, late, ZoneInfo("Europe/Brussels")) == date(2025, 10, 8)


def test_shown_days_reach_the_days_things_start_on_and_no_further() -> None:
    days = mission_days(MISSION)
    brussels = ZoneInfo("Europe/Brussels")
    starts = [a.start for a in MISSION.activities]
    shown = shown_days(days, brussels, starts)
    assert shown == [*days, date(2025, 10, 11)]  # Friday's 15:30 coach: Saturday 00:30
    assert shown_days(days, LA, starts) is days  # in mission time, the mission's days
    early = at("2025-10-04T23:00:00-07:00")  # a meeting the evening before (not validated)
    assert shown_days(shown, LA, [early])[0] == date(2025, 10, 4)


def test_venue_and_activity_types_are_the_feed_models() -> None:
    assert isinstance(MISSION.venues[0], Venue) and isinstance(MISSION.activities[0], Activity)


def test_with_warnings_keeps_every_other_field_of_a_flagged_item() -> None:
    """The copy of an item that gets warnings is made field by field: one added to AgendaItem
    and not passed on would silently fall back to its default."""
    sentinels: dict[str, Any] = {f.name: object() for f in fields(AgendaItem)}
    item = AgendaItem(**sentinels)
    flagged = _warned(item, (Warning("overlap", "x"),))
    for f in fields(AgendaItem):
        expected = (Warning("overlap", "x"),) if f.name == "warnings" else getattr(item, f.name)
        assert getattr(flagged, f.name) is expected or getattr(flagged, f.name) == expected, f.name


def test_personal_items_sort_by_instant_then_end_then_id_whatever_the_offsets() -> None:
    """Feed times carry their own offsets: 19:00+02:00 is 10:00 in San Francisco, and
    16:30+00:00 comes before both although its clock reads later."""
    mission = json.loads(MISSION_BYTES)
    ids = [a["id"] for a in mission["activities"][:4]]
    times = [
        ("2025-10-06T10:00:00-07:00", "2025-10-06T11:00:00-07:00"),
        ("2025-10-06T19:00:00+02:00", "2025-10-06T19:30:00+02:00"),  # same start, ends sooner
        ("2025-10-06T16:30:00+00:00", "2025-10-06T17:00:00+00:00"),
        ("2025-10-06T17:00:00+00:00", "2025-10-06T18:00:00+00:00"),  # the first, other offset
    ]
    for activity in mission["activities"]:
        if activity["id"] in ids:
            activity["start"], activity["end"] = times[ids.index(activity["id"])]
            activity["state"] = "confirmed"
    delegate = json.loads(DELEGATE_BYTES)
    delegate["registered"], delegate["meetings"] = ids, []
    m, d = parse_mission(dump(mission)), parse_delegate(dump(delegate))
    first, fourth = sorted([ids[0], ids[3]])
    assert [i.id for i in personal_items(m, d, [])] == [ids[2], ids[1], first, fourth]


def test_a_tight_transfer_is_measured_to_when_the_organisers_want_you_there() -> None:
    """Walk-through: the reception in Mountain View ends at 18:00 and the gala starts at 20:00
    (2 h: time enough by the start), but its doors close for the security check and the
    organisers want everyone there by 19:10; about 1 h 30 is needed: no warning was given."""
    demo = parse_delegate(DELEGATE_BYTES)
    items = {i.id: i for i in personal_items(MISSION, demo, [])}
    gala = items["tue-gala-dinner"]
    due = datetime.fromisoformat("2025-10-07T19:10:00-07:00")
    assert gala.due == due
    tight = [w for w in gala.warnings if w.kind == "tight"]
    assert len(tight) == 1 and tight[0].other_id == "tue-chm-reception"
    assert tight[0].by == due and tight[0].gap_minutes == 70
    assert tight[0].needed_minutes > 70


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            "Tight transfer: 70 min after Silicon Valley reception at the Computer History "
            "Museum to be there by 19:10, about",
        ),
        (
            "nl",
            "Krappe verplaatsing: 70 min na Silicon Valley-receptie in het Computer History "
            "Museum om er om 19:10 te zijn, ongeveer",
        ),
    ],
)
def test_the_row_names_the_time_to_be_there_by(lang: Lang, words: str) -> None:
    demo = parse_delegate(DELEGATE_BYTES)
    items = personal_items(MISSION, demo, [])
    tr = Translator(lang)
    titles = {i.id: item_title(tr, i) for i in items}
    gala = next(i for i in items if i.id == "tue-gala-dinner")
    row = agenda_row(tr, MISSION, gala, titles, ZoneInfo(MISSION.mission.time_zone))
    assert any(w.startswith(words) for w in row.warnings), row.warnings


def test_a_be_there_by_before_the_item_ahead_ends_is_no_time_never_a_negative_gap() -> None:
    """Review: with the gala's 'be there by' at 17:30 and the reception ending at 18:00, the
    row read 'Tight transfer: -30 min after …'."""
    early = datetime.fromisoformat("2025-10-07T17:30:00-07:00")
    logistics = [
        x.model_copy(update={"arrive_by": early}) if x.activity_id == "tue-gala-dinner" else x
        for x in MISSION.logistics
    ]
    mission = MISSION.model_copy(update={"logistics": logistics})
    demo = parse_delegate(DELEGATE_BYTES)
    gala = next(i for i in personal_items(mission, demo, []) if i.id == "tue-gala-dinner")
    tight = [w for w in gala.warnings if w.kind == "tight"]
    assert len(tight) == 1 and tight[0].gap_minutes == 0 and tight[0].by == early
