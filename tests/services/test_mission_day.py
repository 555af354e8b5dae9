"""Logistics line, safety facts, directory and private notes over the embedded mission."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from services import directory, mission_day
from services.agenda import now_and_next, personal_items
from services.i18n import BRUSSELS, Translator
from services.keyvalue import FileKeyValue
from services.library import Library
from services.logistics import leave_line
from services.notes import MeetingNote, notes_csv, notes_summary
from services.now_card import now_next_card
from services.repository import Repository
from services.safety import current_venue, nearest_hospital, tonight
from services.settings import SettingsStore
from services.store import FeedStore
from services.validation import parse_delegate, parse_mission
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, FixedClock

MISSION = parse_mission(MISSION_BYTES)
DEMO = parse_delegate(DELEGATE_BYTES)
ZONE = ZoneInfo("America/Los_Angeles")
ITEMS = personal_items(MISSION, DEMO, [])


def at(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def test_leave_line_uses_the_coach_and_what_to_bring() -> None:
    nn = now_and_next(ITEMS, at("2025-10-06T07:00:00-07:00"))
    assert nn.next is not None and nn.next.id == "mon-opening-seminar"
    line = leave_line(Translator("en"), MISSION, DEMO, nn.next, ITEMS, ZONE)
    assert line == (
        "Leave by 08:05 from the O'Farrell St entrance of the Hilton — passport, badge, "
        "business attire"
    )
    fr = leave_line(Translator("fr"), MISSION, DEMO, nn.next, ITEMS, ZONE)
    assert fr.startswith(
        "Partez au plus tard à 08:05 (départ\u00a0: l’entrée O’Farrell St du Hilton)"
    )


def test_leave_line_without_coach_uses_travel_estimate_from_the_item_before() -> None:
    # Wednesday: the space B2B (Moscone, 11:00) after the New Space seminar (same venue) has
    # no coach; the AI seminar on Monday comes after the opening at the Fairmont.
    ai = next(i for i in ITEMS if i.id == "mon-ai-seminar")
    line = leave_line(Translator("en"), MISSION, DEMO, ai, ITEMS, ZONE)
    assert line.startswith("Leave by 10:4") and "from Fairmont San Francisco" in line
    fr = leave_line(Translator("fr"), MISSION, DEMO, ai, ITEMS, ZONE)
    assert "(départ\u00a0: Fairmont San Francisco)" in fr  # a bare name needs no article


def test_leave_line_names_the_day_when_it_is_not_today() -> None:
    opening = next(i for i in ITEMS if i.id == "mon-opening-seminar")  # coach Mon 08:05
    evening = at("2025-10-05T20:00:00-07:00")
    line = leave_line(Translator("en"), MISSION, DEMO, opening, ITEMS, ZONE, evening)
    assert line.startswith("Leave tomorrow by 08:05 from the O'Farrell St entrance")
    fr = leave_line(Translator("fr"), MISSION, DEMO, opening, ITEMS, ZONE, evening)
    assert fr.startswith("Partez demain au plus tard à 08:05 (départ\u00a0:")
    before = at("2025-10-04T12:00:00-07:00")
    line = leave_line(Translator("en"), MISSION, DEMO, opening, ITEMS, ZONE, before)
    assert line.startswith("Leave on Monday 6 October by 08:05 from")
    same_day = at("2025-10-06T07:00:00-07:00")
    line = leave_line(Translator("en"), MISSION, DEMO, opening, ITEMS, ZONE, same_day)
    assert line.startswith("Leave by 08:05 from")


def test_leave_line_says_leave_now_once_the_time_has_passed() -> None:
    ai = next(i for i in ITEMS if i.id == "mon-ai-seminar")  # no coach: from the Fairmont
    late = at("2025-10-06T10:56:00-07:00")
    line = leave_line(Translator("en"), MISSION, DEMO, ai, ITEMS, ZONE, late)
    assert line.startswith("Leave now: it was time at 10:4") and "from Fairmont" in line
    nl = leave_line(Translator("nl"), MISSION, DEMO, ai, ITEMS, ZONE, late)
    assert nl.startswith("Vertrek nu: u moest om 10:4")


def test_leave_line_once_the_coach_has_left_sends_the_person_to_the_venue() -> None:
    opening = next(i for i in ITEMS if i.id == "mon-opening-seminar")
    assert opening.venue is not None
    late = at("2025-10-06T08:07:00-07:00")
    line = leave_line(Translator("en"), MISSION, DEMO, opening, ITEMS, ZONE, late)
    assert line.startswith(f"The coach left at 08:05: go straight to {opening.venue.name}")
    assert "O'Farrell" not in line  # not to the coach's stop
    fr = leave_line(Translator("fr"), MISSION, DEMO, opening, ITEMS, ZONE, late)
    assert fr.startswith("L’autocar est parti à 08:05\u00a0: rendez-vous directement à")


def test_now_card_names_the_day_of_what_comes_next_when_it_is_tomorrow() -> None:
    tuesday = [i for i in ITEMS if i.start.astimezone(ZONE).date() == date(2025, 10, 7)]
    last = max(tuesday, key=lambda i: i.start)
    now = last.start + timedelta(minutes=1)
    nn = now_and_next(ITEMS, now)
    assert nn.now is last and nn.next is not None
    assert nn.next.start.astimezone(ZONE).date() == date(2025, 10, 8)
    card = now_next_card(Translator("en"), MISSION, nn, now, ZONE)
    assert card is not None and card.then.startswith("Then tomorrow at ")
    card = now_next_card(Translator("fr"), MISSION, nn, now, ZONE)
    assert card is not None and card.then.startswith("Ensuite demain à ")
    earlier = [i for i in tuesday if i.end <= last.start]
    first = min(tuesday, key=lambda i: i.start)
    nn = now_and_next(ITEMS, first.start + timedelta(minutes=1))
    card = now_next_card(Translator("en"), MISSION, nn, first.start + timedelta(minutes=1), ZONE)
    assert earlier and card is not None and card.then.startswith("Then at ")


def test_card_after_the_last_activity_says_the_mission_has_ended() -> None:
    """At 21:30 on the last day My agenda showed a greyed day and nothing on top; a person with
    nothing left while the programme still runs (17:00, the coaches to LAX) is told nothing."""
    after = at("2025-10-10T21:30:00-07:00")
    card = now_next_card(Translator("nl"), MISSION, now_and_next(ITEMS, after), after, ZONE)
    assert card is not None and card.route is None
    assert (card.heading, card.detail) == ("De missie is afgelopen", "5–10 oktober 2025")
    running = at("2025-10-10T16:30:00-07:00")
    done = now_and_next([i for i in ITEMS if i.end <= running], running)
    assert now_next_card(Translator("en"), MISSION, done, running, ZONE) is None


def test_tonight_follows_the_city_legs() -> None:
    sf, la = tonight(DEMO, date(2025, 10, 7)), tonight(DEMO, date(2025, 10, 8))
    assert sf is not None and sf.name.startswith("Hilton San Francisco")
    assert la is not None and la.city == "la"
    last = tonight(DEMO, date(2025, 10, 10))
    assert last is not None and last.hotel_id == "intercontinental-la"  # the morning of check-out


def test_nearest_hospital_follows_the_current_venue() -> None:
    nasa = current_venue(ITEMS, at("2025-10-07T14:00:00-07:00"), ZONE)
    assert nasa is not None and nasa.id == "nasa-ames"
    near = nearest_hospital(MISSION, nasa)
    assert near is not None and near.place.id == "el-camino-mv" and near.km < 8
    jpl = current_venue(ITEMS, at("2025-10-09T10:00:00-07:00"), ZONE)
    found = nearest_hospital(MISSION, jpl)
    assert found is not None and found.place.id == "huntington-pasadena"


def test_directory_covers_every_sector_and_only_consenting_entries() -> None:
    per_sector = Counter(s for c in MISSION.companies for s in c.sectors)
    assert len(MISSION.companies) >= 40
    assert set(per_sector) == {s.id for s in MISSION.mission.sectors}
    ids = {c.id for c in MISSION.companies}
    assert "heatloop" not in ids and "genomix-brussels" not in ids  # consent: no
    # made up for the demo: labelled Illustrative in the reader's language, not in the name
    assert all(c.sample and "illustrative" not in c.name for c in MISSION.companies)


def test_directory_search_ignores_accents_and_filters_by_sector() -> None:
    assert [c.id for c in directory.search(MISSION, "LIÈGE", "aero")] == ["orbyt-aerospace"]
    life = directory.search(MISSION, "", "lifesci")
    assert life and all("lifesci" in c.sectors for c in life)


def test_directory_links_hosted_activities_and_own_meetings() -> None:
    federation = directory.company(MISSION, "belgian-space-federation")
    assert federation is not None
    assert [a.id for a in directory.hosted(MISSION, federation)] == [
        "tue-b2b-aero",
        "wed-b2b-space",
        "fri-b2b-space",
    ]
    sierra = federation.model_copy(update={"name": "Sierra Photonics"})
    assert [m.id for m in directory.meetings_with(DEMO, sierra)] == ["m-patel"]
    assert directory.company_of(MISSION, DEMO) == directory.company(MISSION, "orbyt-aerospace")


def test_notes_export_as_csv_and_localized_summary() -> None:
    notes = {
        "m-patel": MeetingNote(
            text='Wants a "pilot", 3 units', outcome="deal", follow_up=date(2025, 10, 20)
        ),
        "m-liu": MeetingNote(outcome="no_fit"),
    }
    rows = list(csv.reader(io.StringIO(notes_csv(DEMO.meetings, notes, ZONE))))
    assert rows[0][:3] == ["date", "start", "counterpart"]
    assert rows[1] == [
        "2025-10-07",
        "15:15",
        "Raj Patel",
        "Sierra Photonics",
        "deal",
        "2025-10-20",
        'Wants a "pilot", 3 units',
    ]
    assert rows[2][4] == "no_fit" and len(rows) == 3
    home = MISSION.mission.time_zone
    summary = notes_summary(Translator("nl"), DEMO.meetings, notes, ZONE, home)
    assert "Resultaat: Akkoord" in summary and "Opvolgen tegen maandag 20 oktober" in summary
    assert "dinsdag 7 oktober, 15:15–15:45\n" in summary


def test_notes_summary_in_brussels_time_says_so() -> None:
    """Shared with the office, 'woensdag 8 oktober, 00:15–00:45' read as the hour of the B2B
    in Santa Clara (15:15 on Tuesday there)."""
    notes = {"m-patel": MeetingNote(outcome="deal")}
    home = MISSION.mission.time_zone
    summary = notes_summary(Translator("nl"), DEMO.meetings, notes, BRUSSELS, home)
    assert "woensdag 8 oktober, 00:15–00:45 Brusselse tijd" in summary


async def open_repo(root: Path) -> Repository:
    settings = SettingsStore(FileKeyValue(root / "settings.json"))
    clock = FixedClock("2025-10-07T17:00:00-07:00")
    return await Repository.open(Library(FeedStore(root)), settings, clock=clock)


async def test_notes_survive_restart_and_stay_with_their_person(tmp_path: Path) -> None:
    repo = await open_repo(tmp_path)
    await mission_day.save_note(
        repo, "m-patel", MeetingNote(text="Send samples", outcome="follow_up")
    )
    again = await open_repo(tmp_path)
    assert mission_day.note_for(again, "m-patel").text == "Send samples"
    assert list(mission_day.my_notes(again)) == ["m-patel"]
    await again.switch(None, "k3jx7q2mzp4rtw6yb5nc8dvhea")  # another person, same device
    assert mission_day.note_for(again, "m-patel").empty
    await mission_day.save_note(again, "m-patel", MeetingNote())
    await again.switch(None, None)
    assert mission_day.note_for(again, "m-patel").outcome == "follow_up"


def test_leave_line_after_a_transfer_sends_nobody_back_to_its_departure_point() -> None:
    """Walk-through: at SFO after the 16:00 coach, 'Leave by 18:26 from Hilton San Francisco
    Union Square' for the flight; on the coach to Stanford, 'Leave now ... from the Hilton'. A
    transfer brings the person to what follows it: no leave-by from where it departed."""
    stanford = next(i for i in ITEMS if i.id == "tue-stanford-ai")  # after the 07:30 coach
    on_board = at("2025-10-07T08:50:00-07:00")
    line = leave_line(Translator("en"), MISSION, DEMO, stanford, ITEMS, ZONE, on_board)
    assert "Hilton" not in line and not line.startswith("Leave")
    flight = next(i for i in ITEMS if i.id == "wed-flight-la")  # after the coach to SFO
    at_sfo = at("2025-10-08T17:30:00-07:00")
    line = leave_line(Translator("nl"), MISSION, DEMO, flight, ITEMS, ZONE, at_sfo)
    assert line == "paspoort, instapkaart, bagagelabel"
