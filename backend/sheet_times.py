"""A row's date and a time column as one ISO instant in mission time, or the problem with
whichever of the two does not read (with the forms a workbook's help row shows)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from backend.tables import Row, SourceError
from services.said import said

_HH_MM = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")


def clock_of(text: str) -> time:
    """HH:MM or HH:MM:SS as a time; ValueError for anything else (Python alone would read
    '11.3' as 11:00:00.3, and '11' as 11:00)."""
    if not _HH_MM.match(text):
        raise ValueError(text)
    return time.fromisoformat(text)


def instant(row: Row, column: str, zone: ZoneInfo, errors: list[SourceError]) -> str | None:
    """The row's date and the time in `column` as an ISO instant in mission time; a date or
    time that does not read is reported (None)."""
    day, clock = row.get("date"), row.get(column)
    iso, bad = _combined(day, clock, zone)
    typed = row.letters is not None  # a workbook: the Belgian ways its help row shows, too
    if bad == "date":
        hint = said("e.g. 2025-10-06 or 6/10/2025") if typed else "YYYY-MM-DD"
        errors.append(
            row.error("date", said("{value} is not a date ({hint})", value=repr(day), hint=hint))
        )
    elif bad:
        hint = said("e.g. 09:30 or 9u30") if typed else "HH:MM"
        errors.append(
            row.error(column, said("{value} is not a time ({hint})", value=repr(clock), hint=hint))
        )
    return iso


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
