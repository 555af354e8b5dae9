"""Personal calendars, read back with vobject (not the icalendar library that wrote them)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import vobject

from services.agenda import personal_items
from services.calendar import agenda_ics, single_ics, webcal_link
from services.calendar_sequence import stamps, withdrawn
from services.geo import travel_minutes
from tests.services.parsed import docs

MISSION_ID = "bem-west-coast-2025"


def read(ics: bytes) -> Any:
    return vobject.readOne(ics.decode("utf-8"))


def events(ics: bytes) -> dict[str, Any]:
    return {e.uid.value.split("@")[0]: e for e in read(ics).vevent_list}


def test_agenda_ics_every_item_has_uid_zoned_times_and_the_mission_vtimezone(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    items = personal_items(m, d, [])
    ics = agenda_ics(m, items, "en")
    cal = read(ics)
    assert [tz.tzid.value for tz in cal.vtimezone_list] == ["America/Los_Angeles"]
    assert ics.count(b"DTSTART;TZID=America/Los_Angeles:") == len(items)
    found = events(ics)
    assert set(found) == {i.id for i in items} and "m-whitfield" in found  # meetings too
    for item in items:
        event = found[item.id]
        assert event.uid.value == f"{item.id}@{MISSION_ID}"
        start = event.dtstart.value
        assert start.utcoffset() == timedelta(hours=-7) and start == item.start
        # the zone comes from the file's VTIMEZONE: it knows winter time too
        assert start.tzinfo.utcoffset(datetime(2025, 1, 15, 12)) == timedelta(hours=-8)
        assert event.dtend.value == item.end and event.status.value == "CONFIRMED"
        assert event.sequence.value == "0"


def test_alarm_fires_at_the_time_to_leave_when_the_item_before_is_elsewhere(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    items = {i.id: i for i in personal_items(m, d, [])}
    found = events(agenda_ics(m, items.values(), "nl"))
    before, after = items["sun-delegation-briefing"], items["sun-welcome-reception"]
    assert before.venue and after.venue and before.venue.id != after.venue.id
    travel = travel_minutes(before.venue, after.venue)
    alarm = found["sun-welcome-reception"].valarm
    assert alarm.trigger.value == -timedelta(minutes=travel) and travel != 15
    assert alarm.description.value == (
        f"Tijd om te vertrekken naar Exploratorium: ongeveer {travel} min vanaf "
        "Hilton San Francisco Union Square."
    )
    # same venue as the item before (Moscone), and the first item after a coach: 15 minutes
    assert found["m-whitfield"].valarm.trigger.value == -timedelta(minutes=15)
    assert found["tue-stanford-ai"].valarm.trigger.value == -timedelta(minutes=15)
    assert found["sun-delegation-briefing"].valarm.description.value.startswith(
        "Briefing van de delegatie"
    )


def test_alarm_and_title_are_in_the_delegates_language(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    found = events(agenda_ics(m, personal_items(m, d, []), "fr"))
    assert found["sun-welcome-reception"].valarm.description.value.startswith(
        "Il est temps de partir pour Exploratorium\u00a0: environ"
    )
    assert found["m-whitfield"].summary.value.startswith("B2B\u00a0: Dana Whitfield")


def test_location_has_room_venue_and_address_and_geo(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    event = events(agenda_ics(m, personal_items(m, d, []), "en"))["mon-opening-seminar"]
    assert event.location.value == (
        "Venetian Room, Fairmont San Francisco, 950 Mason St, San Francisco, CA 94108"
    )
    fairmont = next(v for v in m.venues if v.id == "fairmont-sf")
    assert event.geo.value == f"{fairmont.lat};{fairmont.lon}"


def test_cancelled_item_stays_marked_cancelled_without_alarm(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    for activity in mission["activities"]:
        if activity["id"] == "mon-lunch":
            activity["state"] = "cancelled"
    m, d = docs(mission, delegate)
    event = events(agenda_ics(m, personal_items(m, d, []), "en"))["mon-lunch"]
    assert event.status.value == "CANCELLED" and not hasattr(event, "valarm")


def test_sequence_rises_only_for_the_item_that_changed(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    first = agenda_ics(m, personal_items(m, d, []), "en")
    assert agenda_ics(m, personal_items(m, d, []), "en", stamps(first)) == first
    for activity in mission["activities"]:
        if activity["id"] == "mon-lunch":
            activity["title"]["en"] = "Networking lunch (new room)"
    m2, _ = docs(mission, delegate)
    second = agenda_ics(m2, personal_items(m2, d, []), "en", stamps(first))
    sequences = {uid: int(e.sequence.value) for uid, e in events(second).items()}
    assert sequences.pop("mon-lunch") == 1 and set(sequences.values()) == {0}
    third = agenda_ics(m2, personal_items(m2, d, []), "en", stamps(second))
    assert third == second  # republishing the same input changes nothing


def test_single_item_keeps_its_leave_by_reminder(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    agenda = personal_items(m, d, [])
    item = next(i for i in agenda if i.id == "sun-welcome-reception")
    cal = read(single_ics(m, item, "en", agenda))
    assert len(cal.vevent_list) == 1 and cal.vtimezone.tzid.value == "America/Los_Angeles"
    assert cal.vevent.valarm.description.value.startswith("Time to leave for Exploratorium")


def test_webcal_link_points_at_the_personal_calendar() -> None:
    code = "a" * 26
    assert webcal_link("https://feed.example.org/", code) == (
        f"webcal://feed.example.org/delegates/{code}.ics"
    )
    assert webcal_link("http://127.0.0.1:8787", code).startswith("webcal://127.0.0.1:8787/")


def test_withdrawn_skips_events_damaged_by_hand() -> None:
    old = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x@m\r\nDTSTART:notadate\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:y@m\r\nDTSTART:20251006T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert [str(e["uid"]) for e in withdrawn(old, set())] == ["y@m"]
    assert withdrawn(old, {"y@m"}) == []
