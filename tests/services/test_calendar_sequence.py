"""Reading a published calendar back: the fast unfolding gives what icalendar's parser gives."""

from __future__ import annotations

import pytest
from icalendar import Calendar, Event
from icalendar.parser import Contentlines

from services.calendar_sequence import _lines, stamps


def parser_lines(ics: bytes) -> list[str]:
    # icalendar leaves Contentlines.from_ical unannotated (as services/calendar_sequence.py notes)
    return list(Contentlines.from_ical(ics.decode("utf-8")))  # type: ignore[no-untyped-call]


def test_lines_of_a_calendar_icalendar_folded_are_the_parsers() -> None:
    event = Event()
    event.add("uid", "a@m")
    event.add("summary", "Lunch at the Garden Room, " * 8)  # long: folded over lines
    event.add("sequence", 2)
    calendar = Calendar()
    calendar.add_component(event)
    ics = calendar.to_ical()
    assert b"\r\n " in ics
    assert _lines(ics) == parser_lines(ics)
    assert stamps(ics)["a@m"][0] == 2


@pytest.mark.parametrize(
    "ics",
    [
        b"BEGIN:VEVENT\nUID:a@m\n SUFFIX\nEND:VEVENT\n",  # bare LF, as a hand edit may leave
        b"BEGIN:VEVENT\r\nSUMMARY:a\r\n\tb\r\nEND:VEVENT\r\n",  # folded with a tab
        b"BEGIN:VEVENT\r\nSUMMARY:a\r\n\r\n b\r\nEND:VEVENT\r\n",  # a blank line, then a fold
        b"SUMMARY:a\r\r\n b\r\n",  # a stray CR
        "SUMMARY:caf\u00e9\r\n \u00e9\r\n".encode(),
        b"",
    ],
)
def test_lines_of_a_calendar_edited_by_hand_are_the_parsers(ics: bytes) -> None:
    assert _lines(ics) == parser_lines(ics)


def _edited(*lines: str) -> bytes:
    return "\r\n".join(["BEGIN:VCALENDAR", "BEGIN:VEVENT", *lines, "END:VEVENT", ""]).encode()


@pytest.mark.parametrize("sequence", ["sequence", "Sequence;X-A=1", "\u017fequence"])
@pytest.mark.parametrize("dtstamp", ["dtstamp", "DtStamp;TZID=UTC"])
def test_stamps_names_in_any_case_are_read_and_left_out_of_the_fingerprint(
    sequence: str, dtstamp: str
) -> None:
    """Hand-edited names count as the upper-case ones ('\u017f' upper-cases to 'S'): UID and
    SEQUENCE are read, SEQUENCE and DTSTAMP are not content."""
    ics = _edited("uid:a@m", f"{sequence}:3", f"{dtstamp}:20250101T000000Z", "SUMMARY:x")
    again = _edited("uid:a@m", f"{sequence}:4", f"{dtstamp}:20260101T000000Z", "SUMMARY:x")
    other = _edited("uid:a@m", f"{sequence}:3", f"{dtstamp}:20250101T000000Z", "SUMMARY:y")
    number, content = stamps(ics)["a@m"]
    assert number == 3 and stamps(again)["a@m"] == (4, content)
    assert stamps(other)["a@m"][1] != content
