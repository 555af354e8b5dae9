"""Who an announcement reaches, and which ones make the banner on My agenda."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.agenda import personal_items
from services.announcements import banner, for_person, reaches
from services.models import Announcement, DelegateDoc, MissionDoc
from services.validation import parse_delegate, parse_mission
from tests.conftest import DELEGATE_BYTES, MISSION_BYTES, dump

MISSION = parse_mission(MISSION_BYTES)
END = datetime.fromisoformat("2025-10-10T23:00:00-07:00")


def person(delegate: dict[str, Any], registered: list[str], company: str = "Other") -> DelegateDoc:
    delegate["registered"], delegate["meetings"] = registered, []
    delegate["delegate"]["company"] = company
    return parse_delegate(dump(delegate))


def note(note_id: str) -> Announcement:
    return next(n for n in MISSION.announcements if n.id == note_id)


def gets(mission: MissionDoc, doc: DelegateDoc, note_id: str) -> bool:
    return reaches(note(note_id), mission, doc, personal_items(mission, doc, []))


def test_reaches_los_angeles_only_delegates_with_items_there(delegate: dict[str, Any]) -> None:
    assert note("la-rooms").audience.kind == "city"
    san_francisco_only = person(delegate, ["mon-opening-seminar", "tue-nasa-ames"])
    both = person(delegate, ["mon-opening-seminar", "thu-jpl"])
    assert not gets(MISSION, san_francisco_only, "la-rooms")
    assert gets(MISSION, both, "la-rooms")
    assert gets(MISSION, san_francisco_only, "welcome-desk-open")  # everyone


def test_reaches_activity_audience_only_registered_delegates(delegate: dict[str, Any]) -> None:
    registered = person(delegate, ["tue-nasa-ames"])
    other = person(delegate, ["tue-stanford-ai"])
    assert gets(MISSION, registered, "nasa-passport")
    assert not gets(MISSION, other, "nasa-passport")


def test_reaches_sector_by_company_or_agenda(delegate: dict[str, Any]) -> None:
    by_company = person(delegate, [], company="Orbyt Aerospace (illustrative)")
    by_agenda = person(delegate, ["wed-b2b-space"])
    neither = person(delegate, ["mon-biotech-seminar"])
    assert gets(MISSION, by_company, "space-b2b-tables")
    assert gets(MISSION, by_agenda, "space-b2b-tables")
    assert not gets(MISSION, neither, "space-b2b-tables")


def test_an_activity_open_to_every_sector_makes_nobody_a_member_of_each(
    delegate: dict[str, Any],
) -> None:
    """Walk-through: a biotech delegate registered for the MOU signing (tagged with every
    sector) read 'Space and defence B2B: table plan' among their unread announcements."""
    every = {sector.id for sector in MISSION.mission.sectors}
    signing = next(a for a in MISSION.activities if a.id == "tue-mou-signing")
    assert set(signing.sectors) == every
    biotech = person(delegate, ["tue-mou-signing", "mon-biotech-seminar"])
    assert not gets(MISSION, biotech, "space-b2b-tables")


def test_for_person_hides_future_ones_and_sorts_newest_first() -> None:
    demo = parse_delegate(DELEGATE_BYTES)
    items = personal_items(MISSION, demo, [])
    monday = for_person(MISSION, demo, items, datetime.fromisoformat("2025-10-06T08:00:00-07:00"))
    assert [n.id for n in monday] == ["monday-coaches", "welcome-desk-open"]
    assert len(for_person(MISSION, demo, items, END)) >= 8


def test_banner_keeps_urgent_until_dismissed_and_drops_read_others() -> None:
    notes = [note("nasa-passport"), note("luggage-la")]  # urgent, important
    assert [n.id for n in banner(notes, [], [])] == ["nasa-passport", "luggage-la"]
    read = ["nasa-passport", "luggage-la"]
    assert [n.id for n in banner(notes, read, [])] == ["nasa-passport"]
    assert banner(notes, read, ["nasa-passport"]) == []


def test_example_week_has_announcements_of_every_kind() -> None:
    days = {n.at.date() for n in MISSION.announcements}
    assert len(MISSION.announcements) >= 8 and len(days) >= 5
    assert {n.urgency for n in MISSION.announcements} == {"info", "important", "urgent"}
    kinds = {n.audience.kind for n in MISSION.announcements}
    assert kinds == {"everyone", "city", "sector", "activity"}


def test_in_a_one_sector_mission_its_activities_are_that_sectors_own(
    delegate: dict[str, Any],
) -> None:
    """Review: with a single sector, every activity carries 'every sector', and a sector
    announcement reached only the companies in it, never an official at its activities."""
    aero = next(s for s in MISSION.mission.sectors if s.id == "aero")
    only = MISSION.model_copy(
        update={"mission": MISSION.mission.model_copy(update={"sectors": [aero]})}
    )
    attendee = person(delegate, ["wed-b2b-space"])
    assert gets(only, attendee, "space-b2b-tables")
