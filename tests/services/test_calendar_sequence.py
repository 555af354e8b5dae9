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
