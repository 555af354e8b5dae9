"""Which calendar items changed since the last publish: SEQUENCE per UID, by content.

A calendar app replaces an event it already has only when the event's SEQUENCE rises. The
fingerprint of an event is its content lines without SEQUENCE and DTSTAMP, read with
icalendar's own content-line parser, so the calendar published last time (the bytes
subscribers saw) is the memory: no extra state file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from icalendar import Calendar, Event
from icalendar.parser import Contentlines

# UID -> (SEQUENCE, fingerprint of everything else) as last published
Stamps = Mapping[str, tuple[int, str]]
VOLATILE = {"SEQUENCE", "DTSTAMP"}
PLAIN = frozenset(map(chr, range(128))) - set("SsDdUu")


def _lines(ics: bytes) -> list[str]:
    """Unfolded content lines, as icalendar's parser reads them. A calendar whose line breaks
    are all single CRLFs, folded with CRLF + space (as icalendar writes them, and we), unfolds
    the same by one replace, several times faster than the parser's patterns."""
    text = ics.decode("utf-8")
    if text.count("\n") == text.count("\r\n") and "\r\n\r\n" not in text and "\n\t" not in text:
        return [*filter(None, text.replace("\r\n ", "").split("\r\n")), ""]
    return list(Contentlines.from_ical(text))  # type: ignore[no-untyped-call]


def _name_value(line: str) -> tuple[str, str]:
    head, _, value = line.partition(":")
    return head.split(";", 1)[0].upper(), value


def lines_fingerprint(lines: Iterable[str]) -> str:
    """Of one event's unfolded content lines (BEGIN/END left out), SEQUENCE and DTSTAMP aside."""
    return _digest([line for line in lines if _name_value(line)[0] not in VOLATILE])


def _digest(kept: list[str]) -> str:
    return hashlib.sha256("\n".join(kept).encode()).hexdigest()[:20]


def fingerprint(event: Event) -> str:
    """The fingerprint of a VEVENT built here (its own lines, alarms included): its content
    lines before folding are exactly what `stamps` reads back after unfolding."""
    lines = [str(x) for x in event.content_lines() if x]
    return lines_fingerprint(lines[1:-1])  # without BEGIN/END:VEVENT


def stamps(ics: bytes) -> dict[str, tuple[int, str]]:
    """UID -> (SEQUENCE, fingerprint) of every VEVENT in a calendar written earlier."""
    found: dict[str, tuple[int, str]] = {}
    body: list[str] | None = None
    for line in _lines(ics):
        if line == "BEGIN:VEVENT":
            body = []
        elif line == "END:VEVENT" and body is not None:
            uid, stamp = _event(body)
            found[uid] = stamp
            body = None
        elif body is not None and line:
            body.append(line)
    return found


def _event(body: list[str]) -> tuple[str, tuple[int, str]]:
    """UID, SEQUENCE and fingerprint of one event's lines, each line named at most once. A line
    that starts with an ASCII character other than S, D or U names none of UID, SEQUENCE and
    DTSTAMP (its name starts with that character, upper-cased): it is kept as it is."""
    kept, fields = [], {}
    for line in body:
        if line[0] in PLAIN:
            kept.append(line)
            continue
        name, value = _name_value(line)
        fields[name] = value
        if name not in VOLATILE:
            kept.append(line)
    sequence = fields.get("SEQUENCE", "0")
    number = int(sequence) if sequence.isdigit() else 0
    return fields.get("UID", ""), (number, _digest(kept))


def next_sequence(uid: str, current: str, previous: Stamps) -> int:
    """0 for a new item; the last SEQUENCE if unchanged; one more if its content changed."""
    before = previous.get(uid)
    if before is None:
        return 0
    return before[0] if before[1] == current else before[0] + 1


def withdrawn(ics: bytes, kept: set[str]) -> list[Event]:
    """The events of an earlier calendar whose UID is no longer on the agenda (unregistered, or
    gone from the programme), marked CANCELLED and without alarm: a subscribed calendar then
    shows them as cancelled instead of silently keeping a stale copy."""
    gone: list[Event] = []
    for event in Calendar.from_ical(ics).walk("VEVENT"):
        if not isinstance(event, Event) or str(event.get("UID", "")) in kept:
            continue
        if event.errors or "DTSTART" not in event:
            continue  # damaged by hand: better gone than passed on to every calendar app
        event.subcomponents = [c for c in event.subcomponents if c.name != "VALARM"]
        for name in ("SEQUENCE", "STATUS"):
            event.pop(name, None)
        event.add("status", "CANCELLED")
        gone.append(event)
    return gone
