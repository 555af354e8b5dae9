"""Each activity's texts as a list shows them, made once per process for a parsed mission, a
language and a time zone.

The Programme (and My agenda before sign-in) lists the mission's activities on every visit:
for each, its day, time range, title, place and kind, the same strings for every session that
reads the same mission in the same language and zone (~4% of a tab switch's CPU, made again
per session and per visit). `listed` keeps them per parsed `MissionDoc` object: a newly
committed mission is another object, so its texts are made anew and nobody reads a text of an
older copy. Nothing of a person is kept here (bookmarks, changes and marks stay per session).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from services.i18n import Translator
from services.models import Activity, Lang, MissionDoc, Venue
from services.per_process import PerProcess
from services.present import activity_place, kind_label, zoned_range

KEPT = 12  # (mission, language, zone) sets kept: 3 languages x 2 zones x 2 copies


@dataclass(frozen=True)
class Listed:
    """One activity's texts in a list: 'di 7', '09:00–11:30', its title (and the language it
    fell back to), 'Venue · Room · City', the same without the city, 'Visit'."""

    day: str
    time: str
    title: str
    fallback: Lang | None
    place: str
    place_in_city: str
    kind: str


_kept: PerProcess[dict[str, Listed]] = PerProcess(KEPT)


def listed(tr: Translator, mission: MissionDoc, zone: ZoneInfo) -> dict[str, Listed]:
    """Activity id -> its texts, shared by every caller with this mission, language and zone."""

    def make() -> dict[str, Listed]:
        venues = {v.id: v for v in mission.venues}
        return {
            a.id: _listed(tr, mission, a, zone, venues.get(a.venue_id)) for a in mission.activities
        }

    return _kept.get((tr.lang, zone.key, id(mission)), mission, make)


def _listed(
    tr: Translator, mission: MissionDoc, activity: Activity, zone: ZoneInfo, venue: Venue | None
) -> Listed:
    name, number = tr.short_day(activity.start.astimezone(zone).date())
    title, room = tr.text(activity.title), tr.text(activity.room).text
    return Listed(
        f"{name} {number}",
        zoned_range(tr, activity.start, activity.end, zone, mission),
        title.text,
        title.fallback,
        activity_place(tr, mission, venue, room),
        activity_place(tr, mission, venue, room, with_city=False),
        kind_label(tr, activity.kind),
    )


def one_city(mission: MissionDoc, activities: Sequence[Activity]) -> str | None:
    """The city all of `activities` are in, when they share one: a list of one day names it
    once, above its cards, and each card's place leaves it out. None when they span two
    cities, or one has no venue."""
    cities = {venue.id: venue.city for venue in mission.venues}
    found = {cities.get(activity.venue_id) for activity in activities}
    return found.pop() if len(found) == 1 and None not in found else None
