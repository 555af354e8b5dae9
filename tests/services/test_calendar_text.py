"""The direct VEVENT writer against icalendar: the same bytes, the same fingerprints, the same
calendar when icalendar parses it back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from icalendar.parser.string import _escape_char, _foldline

from services.agenda import personal_items
from services.calendar import EventCache, _calendar, _sequenced, agenda_ics
from services.calendar_events import event_fields, fields_event
from services.calendar_sequence import fingerprint, stamps, withdrawn
from services.calendar_text import EventFields, escape, event_text, fold
from services.i18n import Translator
from services.models import LANGS, Lang
from services.reminders import reminders
from tests.services.parsed import docs

ZONE = ZoneInfo("America/Los_Angeles")
# Text that trips folding and escaping: multi-byte characters, escapes and carets everywhere.
TEXT = st.text(alphabet=st.sampled_from('ab é€😀\\;,:^\n\r"N'), max_size=300)


def reference(m: Any, items: list[Any], lang: Lang, previous: dict[str, Any]) -> bytes:
    """A personal calendar built only with icalendar, as the publisher did before."""
    cal, tr = _calendar(m, lang, EventCache()), Translator(lang)
    alarms = reminders(items, ZONE)
    for item in items:
        event = fields_event(event_fields(m, item, tr, alarms.get(item.id)))
        before = previous.get(str(event["uid"]))
        sequence = 0 if before is None else before[0] + (before[1] != fingerprint(event))
        cal.add_component(_sequenced(event, sequence))
    return bytes(cal.to_ical())


def test_agenda_ics_every_language_gives_icalendars_bytes(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    items = personal_items(m, d, [])
    for lang in LANGS:
        fast = agenda_ics(m, items, lang)
        assert fast == reference(m, items, lang, {})
        parsed = Calendar.from_ical(fast)
        assert parsed == Calendar.from_ical(reference(m, items, lang, {}))
        assert len(parsed.walk("VEVENT")) == len(items) and len(parsed.walk("VALARM")) > 0


def test_agenda_ics_after_a_change_raises_the_same_sequence_as_icalendar(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    first = agenda_ics(m, personal_items(m, d, []), "fr")
    for activity in mission["activities"]:
        if activity["id"] == "mon-lunch":
            activity["room"] = {"en": "Garden Room; east, 2nd floor\\B"}
    m2, _ = docs(mission, delegate)
    items = personal_items(m2, d, [])
    second = agenda_ics(m2, items, "fr", stamps(first))
    assert second == reference(m2, items, "fr", stamps(first))
    assert b"SEQUENCE:1" in second and stamps(second) != stamps(first)


def test_agenda_ics_keeps_withdrawn_items_cancelled(
    mission: dict[str, Any], delegate: dict[str, Any]
) -> None:
    m, d = docs(mission, delegate)
    first = agenda_ics(m, personal_items(m, d, []), "nl")
    items = personal_items(m, d, [])[1:]
    gone = withdrawn(first, {f"{i.id}@{m.mission.id}" for i in items})
    second = agenda_ics(m, items, "nl", stamps(first), gone=gone)
    cancelled = [e for e in Calendar.from_ical(second).walk("VEVENT") if e["STATUS"] == "CANCELLED"]
    assert len(cancelled) == 1 and second.startswith(reference(m, [], "nl", {})[:-15])


@settings(max_examples=200, deadline=None)
@given(line=TEXT)
def test_fold_and_escape_match_icalendar(line: str) -> None:
    escaped = escape(line)
    assert escaped == _escape_char(line)
    assert fold(f"DESCRIPTION:{escaped}") == _foldline(f"DESCRIPTION:{escaped}").encode()


@settings(max_examples=100, deadline=None)
@given(
    summary=TEXT,
    place=TEXT,
    about=TEXT,
    minutes=st.integers(min_value=-1500, max_value=1500),
    geo=st.none() | st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    zone=st.sampled_from([ZONE, ZoneInfo("UTC"), ZoneInfo("Europe/Brussels"), UTC]),
)
def test_event_text_matches_icalendar_for_any_fields(
    summary: str, place: str, about: str, minutes: int, geo: Any, zone: Any
) -> None:
    start = datetime(2025, 10, 6, 9, 30, tzinfo=ZONE).astimezone(zone)
    fields = EventFields(
        "x;1@m",
        datetime(2025, 10, 1, 7, tzinfo=UTC),
        start,
        start + timedelta(minutes=90),
        summary,
        place,
        geo,
        about,
        "CONFIRMED",
        (about or "x", timedelta(minutes=minutes)),
    )
    fast, slow = event_text(fields), fields_event(fields)
    assert fast.ical(3) == _sequenced(slow, 3).to_ical()
    assert fast.fingerprint == fingerprint(slow)


def test_fold_never_splits_an_escape_or_a_character_at_the_boundary() -> None:
    for filler in ("a" * 72, "a" * 73, "é" * 36, "€" * 24 + "a"):
        for tail in ("\\;bbb", "^bbb", "ééé", "😀b"):
            line = filler + tail + "c" * 100
            assert fold(line) == _foldline(line).encode(), (filler, tail)
