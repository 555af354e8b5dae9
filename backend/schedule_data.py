"""The public programme as c3voc/frab schedule data: one row per activity with numbers, guids,
slugs and rooms that stay the same across publishes, and the schedule's days and events
(backend.schedule_export writes them as schedule.json and schedule.xml)."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.agenda import day_of, mission_days
from services.i18n import localize
from services.models import Activity, Lang, MissionDoc, Venue

GENERATOR = {"name": "Delegate Companion", "version": "1"}
LANG: Lang = "en"
# uuid5 namespace for this app's schedule guids (a fixed, random uuid4)
NAMESPACE = uuid.UUID("4a0f2d0e-6b1c-4f55-9a57-2f8b1f2a9c3d")


@dataclass(frozen=True)
class Row:
    """One event, with everything both encodings need."""

    activity: Activity
    number: int
    guid: str
    slug: str
    room: str
    day: int


def acronym(mission: MissionDoc) -> str:
    """'bem-west-coast-2025' -> 'bem_west_coast_2025' (the c3voc acronym has no inner hyphens)."""
    return mission.mission.id.replace("-", "_")


def room_name(venue: Venue | None, room: str | None) -> str:
    name = venue.name if venue else ""
    return f"{name} – {room}" if room and name else room or name


def _numbers(ids: list[str]) -> dict[str, int]:
    """A stable positive integer per id (frab's legacy `id`): from a hash, so adding an activity
    never renumbers the others; a collision moves the later id (in sorted order) along."""
    taken: dict[str, int] = {}
    used: set[int] = set()
    for activity_id in sorted(ids):
        digest = hashlib.sha256(activity_id.encode()).digest()
        number = int.from_bytes(digest[:4], "big") % 900_000 + 100_000
        while number in used:
            number += 1
        used.add(number)
        taken[activity_id] = number
    return taken


def rows(mission: MissionDoc) -> list[Row]:
    zone = ZoneInfo(mission.mission.time_zone)
    days = {day: index for index, day in enumerate(mission_days(mission), start=1)}
    venues = {v.id: v for v in mission.venues}
    live = [a for a in mission.activities if a.state != "cancelled"]
    numbers = _numbers([a.id for a in live])
    prefix = acronym(mission)
    found = []
    for activity in sorted(live, key=lambda a: (a.start, a.id)):
        number = numbers[activity.id]
        guid = str(uuid.uuid5(NAMESPACE, f"{mission.mission.id}/{activity.id}"))
        slug = f"{prefix}-{number}-{activity.id}".rstrip("-_")
        room = room_name(venues.get(activity.venue_id), localize(activity.room, LANG).text)
        day = days.get(day_of(activity.start, zone), 0)
        if day:
            found.append(Row(activity, number, guid, slug, room, day))
    return found


def _duration(activity: Activity) -> str:
    minutes = int((activity.end - activity.start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _track(mission: MissionDoc, activity: Activity) -> str | None:
    sectors = {s.id: s for s in mission.mission.sectors}
    first = next((sectors[s] for s in activity.sectors if s in sectors), None)
    return localize(first.name, LANG).text if first else None


def _event(mission: MissionDoc, row: Row, base: str) -> dict[str, Any]:
    a, zone = row.activity, ZoneInfo(mission.mission.time_zone)
    start = a.start.astimezone(zone)
    return {
        "guid": row.guid,
        "id": row.number,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": _duration(a),
        "room": row.room,
        "slug": row.slug,
        "url": f"{base}#{row.slug}",
        "title": localize(a.title, LANG).text,
        "subtitle": "",
        "track": _track(mission, a),
        "type": a.kind,
        "language": LANG,
        "abstract": localize(a.description, LANG).text,
        "description": "",
        "persons": [_person(localize(p.name, LANG).text) for p in a.participants],
        "links": [],
    }


def _person(name: str) -> dict[str, str]:
    return {"name": name, "guid": str(uuid.uuid5(NAMESPACE, f"person/{name}"))}


def _day_bounds(mission: MissionDoc, index: int) -> tuple[datetime, datetime]:
    zone = ZoneInfo(mission.mission.time_zone)
    day = mission_days(mission)[index - 1]
    start = datetime.combine(day, time(0, 0), zone)
    return start, datetime.combine(day + timedelta(days=1), time(0, 0), zone)


def schedule_dict(mission: MissionDoc, base: str) -> dict[str, Any]:
    """The c3voc schedule.json structure; `base`: the public URL events link to."""
    found = rows(mission)
    rooms = sorted({r.room for r in found})
    days = []
    for index, day in enumerate(mission_days(mission), start=1):
        start, end = _day_bounds(mission, index)
        by_room: dict[str, list[dict[str, Any]]] = {}
        for row in (r for r in found if r.day == index):
            by_room.setdefault(row.room, []).append(_event(mission, row, base))
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": by_room,
            }
        )
    conference = {
        "acronym": acronym(mission),
        "title": localize(mission.mission.title, LANG).text,
        "start": mission.mission.start_date.isoformat(),
        "end": mission.mission.end_date.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": "00:15",
        "time_zone_name": mission.mission.time_zone,
        "url": base,
        "rooms": [
            {"name": name, "guid": str(uuid.uuid5(NAMESPACE, f"room/{name}"))} for name in rooms
        ],
        "days": days,
    }
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": GENERATOR,
        "schedule": {"version": str(mission.revision), "conference": conference},
    }
