"""A mission's time: its zone, its first and last instant, and an item's span checked against
them (on a UTC scale of whole seconds, cheaper than comparing pydantic's aware datetimes)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import get_timezone_name

from services.errors import Problem
from services.models import Mission
from services.said import said


def is_iso_date(text: str) -> bool:
    """'2025-10-07' is; '2025-10-32', '7/10' and '' are not."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def zone_named(name: str) -> ZoneInfo | None:
    """The zone database entry, or None for nonsense, paths and folders such as "Europe"."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is IsADirectoryError
        return None


@cache
def zone_words(zone: str, locale: str) -> tuple[str, str]:
    """A zone's long name in `locale` and its city, as the key names it: ('Pacific Time',
    'Los Angeles'), ('heure du Pacifique nord-américain', 'Los Angeles')."""
    name = str(get_timezone_name(ZoneInfo(zone), "long", locale=locale))
    return name, zone.split("/")[-1].replace("_", " ")


def mission_zone(mission: Mission) -> ZoneInfo:
    return ZoneInfo(mission.time_zone)


def mission_window(mission: Mission) -> tuple[datetime, datetime]:
    """First and last instant of the mission, midnight to midnight in mission time."""
    tz = mission_zone(mission)
    first = datetime.combine(mission.start_date, time(0), tz)
    last = datetime.combine(mission.end_date + timedelta(days=1), time(0), tz)
    return first, last


def utc_seconds(instant: datetime) -> int:
    """Seconds on a UTC scale; much cheaper than comparing datetimes with pydantic's TzInfo."""
    tz = instant.tzinfo
    offset = (tz.utcoffset(None) if tz is not None else None) or instant.utcoffset()
    seconds = instant.toordinal() * 86400 + instant.hour * 3600 + instant.minute * 60
    if offset is None:
        return seconds + instant.second
    return seconds + instant.second - offset.days * 86400 - offset.seconds


def window_seconds(mission: Mission) -> tuple[int, int]:
    first, last = mission_window(mission)
    return utc_seconds(first), utc_seconds(last)


def check_span(
    out: list[Problem],
    at: str,
    start: datetime,
    end: datetime,
    window: tuple[int, int] | None,
    mission: Mission | None = None,
) -> None:
    start_s, end_s = utc_seconds(start), utc_seconds(end)
    if end_s <= start_s:
        out.append(
            Problem(
                f"{at}.end",
                said("end {end} is not after start {start}", end=_hm(end), start=_hm(start)),
            )
        )
    if window is None or mission is None or window[0] >= window[1]:
        return  # no window: the mission's dates are wrong, and said so once
    first, last = window
    for name, instant, seconds in (("start", start, start_s), ("end", end, end_s)):
        if not first <= seconds <= last:
            words = said(
                "{instant} is outside the mission ({first} to {last}, {zone})",
                instant=instant.isoformat(), first=str(mission.start_date),
                last=str(mission.end_date), zone=mission.time_zone,
            )  # fmt: skip
            out.append(Problem(f"{at}.{name}", words))


def _hm(instant: datetime) -> str:
    return instant.strftime("%H:%M")
