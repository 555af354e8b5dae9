"""A VEVENT's iCalendar text written directly: the bytes icalendar writes for the same event.

icalendar's generic serializer (property objects, parameter parsing, folding one character at
a time) costs about a millisecond per event, and a large mission publishes some 100,000 events.
The few value types an agenda uses (TEXT, DATE-TIME, GEO, INTEGER, DURATION) are written here
by icalendar's own rules; what has any subtlety (the TZID parameter, the VTIMEZONE) is still
asked of icalendar once. Tests compare both writers byte for byte (tests/services).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import cache, cached_property

from icalendar.parser import Contentline
from icalendar.prop import vDDDTypes

from services.calendar_sequence import lines_fingerprint

LIMIT = 75  # icalendar folds before a line would reach 75 octets (CRLF not counted)


def escape(text: str) -> str:
    """RFC 5545 TEXT escaping, in icalendar's order (normalised line breaks become \\n)."""
    return (
        text.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line: str) -> bytes:
    """One content line, folded as icalendar folds it: at most 74 octets a line, never inside a
    UTF-8 character, and never right after a backslash or caret (the escape stays whole)."""
    data = line.encode("utf-8")
    if len(data) < LIMIT:
        return data
    parts, start = [], 0
    while len(data) - start >= LIMIT:
        end = start + LIMIT - 1
        while data[end] & 0xC0 == 0x80:  # inside a multi-byte character: it moves down whole
            end -= 1
        if end - 1 > start and data[end - 1] in b"\\^":
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def duration(value: timedelta) -> str:
    """DURATION as icalendar writes it: -PT15M, -PT1H5M, P1DT2H."""
    sign = "-" if value.days < 0 else ""
    value = -value if value.days < 0 else value
    clock = ""
    if value.seconds:
        hours, rest = divmod(value.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        clock = "T" + (f"{hours}H" if hours else "")
        clock += f"{minutes}M" if minutes or (hours and seconds) else ""
        clock += f"{seconds}S" if seconds else ""
    if value.days == 0 and clock:
        return f"{sign}P{clock}"
    return f"{sign}P{abs(value.days)}D{clock}"


@cache
def _form(zone: tzinfo | None) -> tuple[str, str]:
    """(parameters with their ';', 'Z' or '') icalendar gives a DATE-TIME in `zone`."""
    value = vDDDTypes(datetime(2025, 1, 1, tzinfo=zone))
    line = Contentline.from_parts("X", value.params, value)
    head, _, body = str(line).partition(":")
    return head[1:], "Z" if body.endswith("Z") else ""


def date_time(name: str, value: datetime) -> str:
    params, utc = _form(value.tzinfo)
    return (
        f"{name}{params}:{value.year:04}{value.month:02}{value.day:02}"
        f"T{value.hour:02}{value.minute:02}{value.second:02}{utc}"
    )


@dataclass(frozen=True)
class EventText:
    """One VEVENT's unfolded content lines, around the SEQUENCE each calendar sets."""

    uid: str
    head: tuple[str, ...]  # SUMMARY, DTSTART, DTEND, DTSTAMP, UID (icalendar's canonical order)
    tail: tuple[str, ...]  # the other properties alphabetically, then the alarm

    @cached_property
    def fingerprint(self) -> str:
        """What `calendar_sequence.stamps` reads back for this event once published."""
        return lines_fingerprint([*self.head, *self.tail])

    def ical(self, sequence: int) -> bytes:
        head, tail = self._folded
        return b"".join((head, fold(f"SEQUENCE:{sequence}"), b"\r\n", tail))

    @cached_property
    def _folded(self) -> tuple[bytes, bytes]:
        """The lines before and after SEQUENCE, folded once for every calendar they go in."""
        return _folded(("BEGIN:VEVENT", *self.head)), _folded((*self.tail, "END:VEVENT"))


def _folded(lines: tuple[str, ...]) -> bytes:
    return b"".join(fold(line) + b"\r\n" for line in lines)


@dataclass(frozen=True)
class EventFields:
    """What one agenda item says in a calendar, before it is written either way."""

    uid: str
    stamp: datetime
    start: datetime
    end: datetime
    summary: str
    location: str
    geo: tuple[float, float] | None
    description: str
    status: str
    alarm: tuple[str, timedelta] | None  # its text and trigger


def event_text(fields: EventFields) -> EventText:
    f = fields
    head = (
        f"SUMMARY:{escape(f.summary)}",
        date_time("DTSTART", f.start),
        date_time("DTEND", f.end),
        date_time("DTSTAMP", f.stamp),
        f"UID:{escape(f.uid)}",
    )
    tail = [f"DESCRIPTION:{escape(f.description)}"] if f.description else []
    if f.geo is not None:
        tail.append(f"GEO:{float(f.geo[0])};{float(f.geo[1])}")
    if f.location:
        tail.append(f"LOCATION:{escape(f.location)}")
    tail.append(f"STATUS:{escape(f.status)}")
    return with_alarm(EventText(f.uid, head, tuple(tail)), f.alarm)


def with_alarm(text: EventText, alarm: tuple[str, timedelta] | None) -> EventText:
    """`text` (an event without alarm) with this alarm (its text and trigger), if any."""
    if alarm is None:
        return text
    words, trigger = alarm
    description, when = f"DESCRIPTION:{escape(words)}", f"TRIGGER:{duration(trigger)}"
    lines = ("BEGIN:VALARM", "ACTION:DISPLAY", description, when, "END:VALARM")
    return EventText(text.uid, text.head, text.tail + lines)
