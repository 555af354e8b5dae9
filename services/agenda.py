"""The personal agenda: registered activities, private meetings and bookmarks, with warnings.

Pure functions over feed documents; the clock is always passed in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Literal
from zoneinfo import ZoneInfo

from services.geo import travel_minutes
from services.logistics_index import logistics_by_activity
from services.models import Activity, DelegateDoc, Logistics, Meeting, MissionDoc, Venue

Source = Literal["registered", "bookmarked", "meeting"]


@dataclass(frozen=True, slots=True)
class Warning:
    """`overlap`: two items at once. `tight`: not enough time to get here from the item before."""

    kind: Literal["overlap", "tight"]
    other_id: str
    gap_minutes: int = 0
    needed_minutes: int = 0
    by: datetime | None = None  # tight to be there by this time, before the start (`due`)


@dataclass(frozen=True, slots=True)  # slots: a session keeps its agenda, ~30 items
class AgendaItem:
    id: str
    source: Source
    start: datetime
    end: datetime
    venue: Venue | None
    cancelled: bool
    activity: Activity | None = None
    meeting: Meeting | None = None
    warnings: tuple[Warning, ...] = field(default=())
    dropped: bool = False  # still in the programme, but no longer on this person's agenda
    due: datetime | None = None  # the organisers want the person there by then (logistics)


def personal_items(
    mission: MissionDoc,
    delegate: DelegateDoc | None,
    bookmarks: Iterable[str],
    tombstones: Mapping[str, Activity] | None = None,
    dropped: Mapping[str, Activity] | None = None,
    removed_meetings: Mapping[str, Meeting] | None = None,
    activities: Mapping[str, Activity] | None = None,
) -> list[AgendaItem]:
    """Everything on one person's agenda, sorted, with overlap and transfer warnings.

    A registered or bookmarked id that the mission no longer has is shown as cancelled from
    its last known copy (`tombstones`), and so is an activity the organisers took off this
    person's registrations (`dropped`, until they have seen it), and so is a B2B meeting the
    organisers removed (`removed_meetings`): nothing silently disappears. `activities`: the
    mission's activities by id, when the caller has them already (a publish asks for thousands).
    """
    activities = {a.id: a for a in mission.activities} if activities is None else activities
    venues = {v.id: v for v in mission.venues}
    graves = tombstones or {}
    logistics = logistics_by_activity(mission)  # the organisers' 'be there by'
    items: list[AgendaItem] = []
    seen: set[str] = set()
    wanted: list[tuple[str, Source]] = [
        (i, "registered") for i in (delegate.registered if delegate else [])
    ]
    wanted += [(i, "bookmarked") for i in bookmarks]
    gone = dropped or {}
    wanted += [(i, "registered") for i in gone]
    for activity_id, source in wanted:
        if activity_id in seen:
            continue
        seen.add(activity_id)
        activity = activities.get(activity_id) or graves.get(activity_id) or gone.get(activity_id)
        if activity is None:
            continue  # never known here: nothing true to show
        called_off = activity.state == "cancelled" or activity_id not in activities
        items.append(
            AgendaItem(
                activity_id,
                source,
                activity.start,
                activity.end,
                venues.get(activity.venue_id),
                called_off or activity_id in gone,
                activity=activity,
                dropped=activity_id in gone and not called_off,
                due=_due(logistics.get(activity_id)),
            )
        )
    meetings = list(delegate.meetings) if delegate else []
    live = {m.id for m in meetings}
    removed = [m for i, m in (removed_meetings or {}).items() if i not in live]
    for meeting in [*meetings, *removed]:
        venue = venues.get(meeting.venue_id) if meeting.venue_id else None
        cancelled = meeting.id not in live
        items.append(
            AgendaItem(
                meeting.id, "meeting", meeting.start, meeting.end, venue, cancelled, meeting=meeting
            )
        )
    # by instant; in UTC they compare field by field, instead of through two utcoffset()
    # calls a comparison (feed times each carry an offset of their own): 3x faster
    items.sort(key=lambda item: (item.start.astimezone(UTC), item.end.astimezone(UTC), item.id))
    return with_warnings(items)


def _due(logistics: Logistics | None) -> datetime | None:
    return logistics.arrive_by if logistics is not None else None


def with_warnings(items: list[AgendaItem]) -> list[AgendaItem]:
    """Flag overlapping items, and items that start before one could arrive from the previous."""
    live = [item for item in items if not item.cancelled]
    found: dict[str, list[Warning]] = {item.id: [] for item in items}
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if b.start >= a.end:
                break
            found[a.id].append(Warning("overlap", b.id))
            found[b.id].append(Warning("overlap", a.id))
    for a, b in pairwise(live):
        if b.start < a.end or a.venue is None or b.venue is None:
            continue
        if a.activity is not None and a.activity.kind == "transfer":
            continue  # the coach or flight is the journey
        by = b.due if b.due is not None and b.due < b.start else None  # doors close early
        # a 'be there by' before the item ahead ends: no time at all, never a negative gap
        gap = max(0, int(((by or b.start) - a.end).total_seconds() // 60))
        needed = travel_minutes(a.venue, b.venue)
        if gap < needed:
            found[b.id].append(Warning("tight", a.id, gap, needed, by))
    flagged = ((item, tuple(found[item.id])) for item in items)
    return [item if item.warnings == w else _warned(item, w) for item, w in flagged]


def _warned(item: AgendaItem, warnings: tuple[Warning, ...]) -> AgendaItem:
    """`replace(item, warnings=warnings)` at a third of its cost: a publish flags some 15 items
    of each of thousands of agendas. Every field is passed (tests/services/test_agenda.py)."""
    i = item
    return AgendaItem(
        i.id,
        i.source,
        i.start,
        i.end,
        i.venue,
        i.cancelled,
        i.activity,
        i.meeting,
        warnings,
        i.dropped,
        i.due,
    )


def mission_days(mission: MissionDoc) -> list[date]:
    first, last = mission.mission.start_date, mission.mission.end_date
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def shown_days(days: list[date], zone: ZoneInfo, starts: Iterable[datetime]) -> list[date]:
    """`days` and any other day something `starts` on in `zone`, one after the other (in
    Brussels time, Friday's last coach in California leaves on Saturday)."""
    dates = {day_of(start, zone) for start in starts}
    first, last = min([days[0], *dates]), max([days[-1], *dates])
    if (first, last) == (days[0], days[-1]):
        return days
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def day_of(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def items_on(items: Iterable[AgendaItem], day: date, zone: ZoneInfo) -> list[AgendaItem]:
    """Items that start on `day` in mission time."""
    return [item for item in items if day_of(item.start, zone) == day]


def default_day(
    mission: MissionDoc, now: datetime, zone: ZoneInfo | None = None, days: list[date] | None = None
) -> date:
    """Today during the mission; the first day before it; the last day after it. Today is the
    date in `zone` (mission time unless given): in Brussels time, 00:41 Brussels is tomorrow.
    `days`: those listed (`shown_days`), by default the mission's."""
    days = days or mission_days(mission)
    today = now.astimezone(zone or ZoneInfo(mission.mission.time_zone)).date()
    return min(max(today, days[0]), days[-1])


@dataclass(frozen=True)
class NowNext:
    now: AgendaItem | None
    next: AgendaItem | None
    minutes_to_next: int | None


def now_and_next(items: Iterable[AgendaItem], now: datetime) -> NowNext:
    """What is on right now, and the first live item that starts later."""
    live = [item for item in items if not item.cancelled]
    current = next((i for i in live if i.start <= now < i.end), None)
    upcoming = next((i for i in live if i.start > now), None)
    minutes = None
    if upcoming is not None:  # rounded up, as a clock showing 12:10 reads 14:00: 'in 1 h 50 min'
        minutes = math.ceil((upcoming.start - now).total_seconds() / 60)  # never 'in 0 min'
    return NowNext(current, upcoming, minutes)


def next_change(
    items: Iterable[AgendaItem], now: datetime, zones: Iterable[ZoneInfo], countdown: bool = True
) -> datetime:
    """The first instant after `now` at which an agenda drawn at `now` is out of date: an item
    starts or ends (Now/Next, dimmed past items), the countdown to the next item shows one
    minute less (if `countdown` is on show), or the day turns in one of `zones` (today's day,
    'tomorrow')."""
    listed = list(items)
    instants = [t for item in listed for t in (item.start, item.end) if t > now]
    nn = now_and_next(listed, now)
    if countdown and nn.now is None and nn.next is not None and nn.minutes_to_next is not None:
        # 'in 25 min' counts started minutes: it shows 24 just after `turn` (>= now). A day or
        # more ahead it says 'in 2 days' (rounded): that changes at most every half day.
        step = 720 if nn.minutes_to_next >= 1440 else 1
        turn = nn.next.start - timedelta(minutes=(nn.minutes_to_next - 1) // step * step)
        instants.append(turn + timedelta(milliseconds=1))
    for zone in zones:
        local = now.astimezone(zone)
        instants.append(datetime.combine(local.date() + timedelta(days=1), time(), zone))
    return min(instants)
