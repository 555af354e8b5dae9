"""A row's date and a time column as one ISO instant in mission time, or the problem with
whichever of the two does not read (with the forms a workbook's help row shows)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from backend.cells import cell_text, days_typed
from backend.tables import Row, SourceError
from services.said import Dated, Said, said

_DAY = "EEE d MMM y"
_PAST_MIDNIGHT = re.compile(r"^(2[4-9]):([0-5]\d)$")  # 24:30 is 00:30 the next day
_HH_MM = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")


def clock_of(text: str) -> time:
    """HH:MM or HH:MM:SS as a time; ValueError for anything else (Python alone would read
    '11.3' as 11:00:00.3, and '11' as 11:00)."""
    if not _HH_MM.match(text):
        raise ValueError(text)
    return time.fromisoformat(text)


Days = tuple[date, date]  # the mission's first and last day


def mission_days(fields: dict[str, Row]) -> Days | None:
    """The Mission sheet's start_date and end_date; None when they do not read or are the
    wrong way round (that is reported at the Mission sheet, once)."""
    try:
        first, last = (
            date.fromisoformat(fields[k].get("value")) for k in ("start_date", "end_date")
        )
    except (KeyError, ValueError):
        return None
    return (first, last) if first <= last else None


def span(
    row: Row, zone: ZoneInfo, errors: list[SourceError], days: Days | None = None
) -> tuple[str | None, str | None]:
    """The row's start and end instants. An end typed 24:30 is half past midnight the next day
    (an end of 00:30 might be a slip for 10:30, so it is not guessed at): such an end not
    after its start is said at the end, with how to type it (None)."""
    start = instant(row, "start", zone, errors, days)
    late = _PAST_MIDNIGHT.match(row.get("end"))
    if late is None:
        end = instant(row, "end", zone, errors, days)
    elif start is None:
        return None, None
    else:
        day = date.fromisoformat(start[:10]) + timedelta(days=1)
        end = datetime.combine(day, time(int(late[1]) - 24, int(late[2])), zone).isoformat()
    if start is None or end is None or datetime.fromisoformat(end) > datetime.fromisoformat(start):
        return start, end
    clock = datetime.fromisoformat(end).time()
    if clock.hour >= 6 or late is not None:
        return start, end  # the contract says "end ... is not after start ..."
    words = said(
        "end {end} is not after start {start}: for an end after midnight, type {late}",
        end=clock.strftime("%H:%M"), start=datetime.fromisoformat(start).strftime("%H:%M"),
        late=f"{clock.hour + 24}:{clock.minute:02d}",
    )  # fmt: skip
    errors.append(row.error("end", words))
    return start, None


def instant(
    row: Row, column: str, zone: ZoneInfo, errors: list[SourceError], days: Days | None = None
) -> str | None:
    """The row's date and the time in `column` as an ISO instant in mission time; a date or
    time that does not read, or a date outside the mission's `days`, is reported (None)."""
    day, clock = row.get("date"), row.get(column)
    iso, bad = _combined(day, clock, zone)
    workbook = row.letters is not None
    if not bad and days is not None and not days[0] <= date.fromisoformat(day) <= days[1]:
        errors.append(row.error("date", outside(date.fromisoformat(day), days, workbook)))
        return None  # said once at the date, not again at the start and the end
    day_hint, time_hint = hints(workbook)
    if bad == "date":
        words = said("{value} is not a date ({hint})", value=repr(day), hint=day_hint)
        errors.append(row.error("date", _empty(day, day_hint) or words))
    elif bad:
        errors.append(row.error(column, time_problem(clock, time_hint)))
    return iso


def hints(workbook: bool) -> tuple[Said, Said]:
    """What to type in a date cell and a time cell: in a workbook, also the Belgian ways its
    help row shows (backend.cells reads them); a CSV cell is read as it is, so ISO only."""
    if workbook:
        return said("e.g. 2025-10-06 or 6/10/2025"), said("e.g. 09:30 or 9u30")
    return said("e.g. {example}", example="2025-10-06"), said("e.g. {example}", example="09:30")


def time_problem(clock: str, hint: Said) -> Said:
    """`'9.30' is not a time (e.g. 09:30)`, or `empty: fill it in (e.g. 09:30)`."""
    words = said("{value} is not a time ({hint})", value=repr(clock), hint=hint)
    return _empty(clock, hint) or words


def _empty(value: str, hint: Said) -> Said | None:
    """`empty: fill it in (e.g. 09:30 or 9u30)` for a cell left empty, not `'' is not a time`."""
    return None if value.strip() else said("empty: fill it in ({hint})", hint=hint)


def outside(day: date, days: Days, workbook: bool) -> Said:
    """`Thu 10 Jul 2025 is outside the mission (Sun 5 to Fri 10 Oct 2025): did you mean
    7 October?` when day and month swapped fall inside (10/7 typed for 7 October). The date
    to type instead is written as the `workbook` or the CSV file reads it."""
    first, last = days
    typed = days_typed(day)
    if typed is not None:  # 6 typed in a date cell is 6 January 1900, a date nobody meant
        return said(
            "{value} is a number, not a date (Excel counts it in days): type the date, e.g."
            " {example}",
            value=typed, example=_example_day(typed, first, last, workbook),
        )  # fmt: skip
    same = (first.year, first.month) == (last.year, last.month)
    span = {"first": _words(first, "EEE d" if same else _DAY), "last": _words(last, _DAY)}
    swapped = _swapped(day)
    if swapped is not None and first <= swapped <= last:
        return said(
            "{day} is outside the mission ({first} to {last}): did you mean {swapped}?",
            day=_words(day, _DAY), swapped=_words(swapped, "d MMMM"), **span,
        )  # fmt: skip
    return said("{day} is outside the mission ({first} to {last})", day=_words(day, _DAY), **span)


def _example_day(typed: int, first: date, last: date, workbook: bool) -> str:
    """6 typed in a mission of 5 to 10 October as 6/10/2025 (the day it may mean), else the
    mission's first day: in a workbook the Belgian way the help row shows, in a CSV file as
    it reads dates (2025-10-06)."""
    try:
        meant = date(first.year, first.month, typed)
    except ValueError:
        meant = first
    shown = meant if first <= meant <= last else first
    return f"{shown.day}/{shown.month}/{shown.year}" if workbook else shown.isoformat()


def _swapped(day: date) -> date | None:
    try:
        return date(day.year, day.day, day.month) if day.day != day.month else None
    except ValueError:
        return None


def _words(day: date, pattern: str) -> Dated:
    return Dated(day, pattern)


@lru_cache(maxsize=4096)  # thousands of meetings share a few dozen slots
def _combined(day: str, clock: str, zone: ZoneInfo) -> tuple[str | None, str]:
    """(the ISO instant, "") or (None, "date" or "time": which one is wrong)."""
    try:
        parsed_day = date.fromisoformat(day)
    except ValueError:
        return None, "date"
    try:
        parsed_time = clock_of(clock)
    except ValueError:
        return None, "time"
    return datetime.combine(parsed_day, parsed_time, zone).isoformat(), ""


def published_at(fields: dict[str, Row], zone: ZoneInfo) -> str:
    """The Mission sheet's `published_at` as an instant: an Excel date and time, or one typed
    without an offset ('2025-10-01 09:00', '1/10/2025 9u00'), is mission time, like every
    other time in the sheets. Anything else as it is, for the contract to refuse."""
    typed = fields["published_at"].get("value").strip() if "published_at" in fields else ""
    day, _, clock = typed.replace("T", " ", 1).partition(" ")
    text = f"{cell_text(day, 'date')}T{cell_text(clock.strip() or '00:00', 'time')}"
    for candidate in (typed, text):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return moment.isoformat()
    return typed
