"""What goes where on a pocket page, the same in each language: the agenda by day, the venues
numbered in the mission's order, the map regions they lie in, and each day's nearest hospitals.
Worked out once per page source, whatever the number of languages it is rendered in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem
from services.maps import REGIONS
from services.models import DelegateDoc, MissionDoc, Venue
from services.safety import Nearest, nearest_hospital

# the hospital nearest a venue: nearest_hospital, or the same measured once for many pages
Measure = Callable[[MissionDoc, Venue | None], Nearest | None]


@dataclass(frozen=True)
class Hospital:
    nearest: Nearest
    shared: bool  # measured from one of the mission's own venues: the same on other pages

    @property
    def key(self) -> tuple[str, str] | None:
        """What its row shows besides the mission and the language, if other pages show it."""
        return (self.nearest.place.id, self.nearest.origin.id) if self.shared else None


@dataclass(frozen=True)
class Layout:
    items: list[AgendaItem]
    days: list[tuple[date, list[AgendaItem]]]
    venues: list[Venue]
    regions: list[str]
    hospitals: list[tuple[date, list[Hospital]]]


def arrange(
    mission: MissionDoc,
    delegate: DelegateDoc | None,
    items: Sequence[AgendaItem],
    nearest: Measure = nearest_hospital,
) -> Layout:
    """`delegate` None: the programme-only page, every activity and venue of the mission."""
    zone = ZoneInfo(mission.mission.time_zone)
    listed = list(items) if delegate is not None else programme_items(mission)
    used = {item.venue.id for item in listed if item.venue is not None}
    venues = [v for v in mission.venues if delegate is None or v.id in used]
    days = [
        (day, list(group))
        for day, group in groupby(listed, key=lambda item: item.start.astimezone(zone).date())
    ]
    regions = sorted({r.id for r in REGIONS for v in venues if r.contains(v)})
    live = [item for item in listed if not item.cancelled and item.venue is not None]
    hospitals = _hospitals(mission, live, zone, nearest) if delegate is not None else []
    return Layout(listed, days, venues, regions, hospitals)


def programme_items(mission: MissionDoc) -> list[AgendaItem]:
    """Every activity of the mission, for the page of someone who has not signed in."""
    venues = {v.id: v for v in mission.venues}
    items = [
        AgendaItem(
            a.id, "registered", a.start, a.end, venues.get(a.venue_id), a.state == "cancelled", a
        )
        for a in mission.activities
    ]
    return sorted(items, key=lambda item: (item.start, item.end, item.id))


def _hospitals(
    mission: MissionDoc, live: list[AgendaItem], zone: ZoneInfo, measure: Measure
) -> list[tuple[date, list[Hospital]]]:
    """For each day of the agenda, the hospital nearest to each of its venues (once each)."""
    own = {v.id: v for v in mission.venues}
    found: list[tuple[date, list[Hospital]]] = []
    near: dict[int, Nearest | None] = {}  # by venue: an agenda goes back to the same few
    for day, items in groupby(live, key=lambda item: item.start.astimezone(zone).date()):
        seen: set[str] = set()
        rows: list[Hospital] = []
        for item in items:
            if id(item.venue) not in near:
                near[id(item.venue)] = measure(mission, item.venue)
            nearest = near[id(item.venue)]
            if nearest is None or nearest.place.id in seen:
                continue
            seen.add(nearest.place.id)
            rows.append(Hospital(nearest, own.get(nearest.origin.id) is item.venue))
        if rows:
            found.append((day, rows))
    return found
