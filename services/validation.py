"""The only way to turn bytes into feed documents: structure first, then whole-document rules.

`parse_mission` and `parse_delegate` either return a fully checked document or raise one
`FeedInvalid` that lists every problem with its field path, e.g.
`activities[12].venue_id: unknown venue 'sfmoma'`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from services.day_rules import day_problems, stay_problems, unique_ids
from services.errors import FeedInvalid, Problem
from services.models import LANGS, Contact, DelegateDoc, Lang, Mission, MissionDoc
from services.said import said


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Building thousands of small objects triggers cyclic GC passes that find nothing to free
    (the new tree has no cycles); pausing the collector for the parse saves ~20-40%."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_mission(data: bytes | str, document: str = "mission.json") -> MissionDoc:
    """Validate the whole mission document or raise FeedInvalid naming every problem."""
    return _parse(MissionDoc, mission_problems, data, document)


def parse_delegate(data: bytes | str, document: str = "personal agenda") -> DelegateDoc:
    """Validate one delegate's document or raise FeedInvalid naming every problem."""
    return _parse(DelegateDoc, delegate_problems, data, document)


Doc = TypeVar("Doc", MissionDoc, DelegateDoc)


def _parse(
    model: type[Doc], rules: Callable[[Doc], list[Problem]], data: bytes | str, document: str
) -> Doc:
    try:
        with _no_gc_pauses():
            doc = model.model_validate_json(data)
    except ValidationError as exc:
        raise FeedInvalid(document, pydantic_problems(exc)) from None
    problems = rules(doc)
    if problems:
        raise FeedInvalid(document, problems)
    return doc


def zone_named(name: str) -> ZoneInfo | None:
    """The zone database entry, or None for nonsense, paths and folders such as "Europe"."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is IsADirectoryError
        return None


def mission_zone(mission: Mission) -> ZoneInfo:
    return ZoneInfo(mission.time_zone)


def mission_window(mission: Mission) -> tuple[datetime, datetime]:
    """First and last instant of the mission, midnight to midnight in mission time."""
    tz = mission_zone(mission)
    first = datetime.combine(mission.start_date, time(0), tz)
    last = datetime.combine(mission.end_date + timedelta(days=1), time(0), tz)
    return first, last


def mission_problems(doc: MissionDoc) -> list[Problem]:
    """Every whole-document rule of mission.json; an empty list means the document is good."""
    out: list[Problem] = []
    m = doc.mission
    if zone_named(m.time_zone) is None:
        out.append(
            Problem("mission.time_zone", said("unknown time zone {zone}", zone=repr(m.time_zone)))
        )
        return out
    if m.end_date < m.start_date:
        out.append(
            Problem(
                "mission.end_date",
                said("{end} is before {start}", end=str(m.end_date), start=str(m.start_date)),
            )
        )
    _all_languages(out, "mission.title", m.title)
    if m.short_title:
        _all_languages(out, "mission.short_title", m.short_title)
    unique_ids(out, "mission.sectors", m.sectors)
    unique_ids(out, "mission.cities", m.cities)
    for i, sector in enumerate(m.sectors):
        _all_languages(out, f"mission.sectors[{i}].name", sector.name)
    for i, city in enumerate(m.cities):
        _all_languages(out, f"mission.cities[{i}].name", city.name)
    cities = {c.id for c in m.cities}
    unique_ids(out, "venues", doc.venues)
    for i, venue in enumerate(doc.venues):
        if venue.city not in cities:
            out.append(Problem(f"venues[{i}].city", said("unknown city {id}", id=repr(venue.city))))
    _check_activities(out, doc)
    _check_contacts(out, "contacts", doc.contacts)
    out += day_problems(doc)
    return out


def _check_activities(out: list[Problem], doc: MissionDoc) -> None:
    venues = {v.id for v in doc.venues}
    sectors = {s.id for s in doc.mission.sectors}
    first, last = _window_seconds(doc.mission)
    languages = len(LANGS)
    unique_ids(out, "activities", doc.activities)
    for i, a in enumerate(doc.activities):
        # The common case costs a few lookups; paths are only formatted for actual problems.
        start, end = _utc_seconds(a.start), _utc_seconds(a.end)
        if (
            len(a.title) == languages
            and a.venue_id in venues
            and first <= start < end <= last
            and all(s in sectors for s in a.sectors)
        ):
            continue
        at = f"activities[{i}]"
        _all_languages(out, f"{at}.title", a.title)
        if a.venue_id not in venues:
            out.append(Problem(f"{at}.venue_id", said("unknown venue {id}", id=repr(a.venue_id))))
        for j, sector in enumerate(a.sectors):
            if sector not in sectors:
                out.append(
                    Problem(f"{at}.sectors[{j}]", said("unknown sector {id}", id=repr(sector)))
                )
        _check_span(out, at, a.start, a.end, (first, last), doc.mission)


def _utc_seconds(instant: datetime) -> int:
    """Seconds on a UTC scale; much cheaper than comparing datetimes with pydantic's TzInfo."""
    tz = instant.tzinfo
    offset = (tz.utcoffset(None) if tz is not None else None) or instant.utcoffset()
    seconds = instant.toordinal() * 86400 + instant.hour * 3600 + instant.minute * 60
    if offset is None:
        return seconds + instant.second
    return seconds + instant.second - offset.days * 86400 - offset.seconds


def _window_seconds(mission: Mission) -> tuple[int, int]:
    first, last = mission_window(mission)
    return _utc_seconds(first), _utc_seconds(last)


def _check_span(
    out: list[Problem],
    at: str,
    start: datetime,
    end: datetime,
    window: tuple[int, int] | None,
    mission: Mission | None = None,
) -> None:
    start_s, end_s = _utc_seconds(start), _utc_seconds(end)
    if end_s <= start_s:
        out.append(
            Problem(
                f"{at}.end",
                said("end {end} is not after start {start}", end=_hm(end), start=_hm(start)),
            )
        )
    if window is None or mission is None:
        return
    first, last = window
    for name, instant, seconds in (("start", start, start_s), ("end", end, end_s)):
        if not first <= seconds <= last:
            words = said(
                "{instant} is outside the mission ({first} to {last}, {zone})",
                instant=instant.isoformat(), first=str(mission.start_date),
                last=str(mission.end_date), zone=mission.time_zone,
            )  # fmt: skip
            out.append(Problem(f"{at}.{name}", words))


def _check_contacts(out: list[Problem], path: str, contacts: Sequence[Contact]) -> None:
    unique_ids(out, path, contacts)
    for i, c in enumerate(contacts):
        for field in ("phone", "mobile"):
            number = getattr(c, field)
            if number and not number.startswith("+") and c.category != "emergency":
                words = said("{number} is not in E.164 form (+32...)", number=repr(number))
                out.append(Problem(f"{path}[{i}].{field}", words))


def delegate_problems(doc: DelegateDoc) -> list[Problem]:
    """Rules of one personal document that need no mission (the publisher checks the rest)."""
    out: list[Problem] = []
    unique_ids(out, "meetings", doc.meetings)
    seen: set[str] = set()
    for i, activity_id in enumerate(doc.registered):
        if activity_id in seen:
            out.append(
                Problem(
                    f"registered[{i}]", said("duplicate activity id {id}", id=repr(activity_id))
                )
            )
        seen.add(activity_id)
    for i, meeting in enumerate(doc.meetings):
        _check_span(out, f"meetings[{i}]", meeting.start, meeting.end, None)
    _check_contacts(out, "contacts", doc.contacts)
    return out


def cross_problems(delegate: DelegateDoc, mission: MissionDoc) -> list[Problem]:
    """Rules that tie a personal document to the mission (used when publishing)."""
    return cross_checker(mission)(delegate)


def cross_checker(mission: MissionDoc) -> Callable[[DelegateDoc], list[Problem]]:
    """`cross_problems` for many delegates of one mission: the mission's ids are gathered once."""
    activities = {a.id for a in mission.activities}
    venues = {v.id for v in mission.venues}
    window = _window_seconds(mission.mission)

    def check(delegate: DelegateDoc) -> list[Problem]:
        out: list[Problem] = []
        if delegate.mission_id != mission.mission.id:
            out.append(
                Problem(
                    "mission_id", said("{id} is not this mission", id=repr(delegate.mission_id))
                )
            )
        for i, activity_id in enumerate(delegate.registered):
            if activity_id not in activities:
                out.append(
                    Problem(f"registered[{i}]", said("unknown activity {id}", id=repr(activity_id)))
                )
        for i, m in enumerate(delegate.meetings):
            if m.venue_id is not None and m.venue_id not in venues:
                out.append(
                    Problem(
                        f"meetings[{i}].venue_id", said("unknown venue {id}", id=repr(m.venue_id))
                    )
                )
            _check_span(out, f"meetings[{i}]", m.start, m.end, window, mission.mission)
        out += stay_problems(delegate, mission)
        return out

    return check


def _all_languages(out: list[Problem], path: str, text: Mapping[Lang, str]) -> None:
    if len(text) == len(LANGS):  # keys are languages and values non-blank (see models.Title)
        return
    missing = [lang for lang in LANGS if not text.get(lang, "").strip()]
    if missing:
        out.append(
            Problem(path, said("missing language {languages}", languages=", ".join(missing)))
        )


def _hm(instant: datetime) -> str:
    return instant.strftime("%H:%M")


def pydantic_problems(exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        message = err["msg"]
        value = err.get("input")
        if isinstance(value, (str, int, float)) and err["type"] != "missing":
            shown = repr(value)
            message += f", got {shown if len(shown) <= 60 else shown[:57] + '...'}"
        problems.append(Problem(path.lstrip("."), message))
    return problems
