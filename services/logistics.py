"""Per-activity logistics and the Now/Next card's one line: when to leave, from where, with what.

The leave-by time is the coach's departure when there is one; otherwise the arrival cut-off (or
the start) minus the app's own travel estimate from the item before, or from tonight's hotel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem
from services.geo import travel_minutes
from services.i18n import Translator
from services.logistics_index import logistics_by_activity
from services.models import DelegateDoc, Logistics, MissionDoc, Venue
from services.present import zoned_time
from services.safety import as_venue, tonight


def logistics_for(mission: MissionDoc, activity_id: str) -> Logistics | None:
    return logistics_by_activity(mission).get(activity_id)


@dataclass(frozen=True)
class LeaveBy:
    at: datetime
    place: str  # where from: a coach's departure point or the previous place's name ('' unknown)
    coach: bool = False  # the organisers' coach, which leaves without whoever is late
    at_stop: datetime | None = None  # the organisers want the person at the coach by then


def _origin(
    item: AgendaItem, items: Sequence[AgendaItem], delegate: DelegateDoc | None, zone: ZoneInfo
) -> Venue | None:
    day = item.start.astimezone(zone).date()
    before = [
        i
        for i in items
        if not i.cancelled
        and i.venue is not None
        and i.end <= item.start
        and i.start.astimezone(zone).date() == day
    ]
    if before:
        last = before[-1]
        if last.activity is not None and last.activity.kind == "transfer":
            return None  # a transfer brings the person to what follows: no leaving from its stop
        return last.venue
    stay = tonight(delegate, day - timedelta(days=1)) or tonight(delegate, day)
    return as_venue(stay) if stay else None


def leave_by(
    tr: Translator,
    mission: MissionDoc,
    delegate: DelegateDoc | None,
    item: AgendaItem,
    items: Sequence[AgendaItem],
    zone: ZoneInfo,
) -> LeaveBy | None:
    info = logistics_for(mission, item.id)
    if info is not None and info.departure_time is not None:
        by = info.arrive_by  # before the coach leaves, 'be there by' is at the coach's stop
        stop = by if by is not None and by < info.departure_time else None
        return LeaveBy(info.departure_time, tr.text(info.departure_point).text, True, stop)
    origin = _origin(item, items, delegate, zone)
    if origin is None or item.venue is None or origin.id == item.venue.id:
        return None
    target = info.arrive_by if info is not None and info.arrive_by else item.start
    return LeaveBy(target - timedelta(minutes=travel_minutes(origin, item.venue)), origin.name)


def what_to_bring(tr: Translator, info: Logistics | None) -> str:
    if info is None:
        return ""
    parts = [tr.text(info.bring).text, tr.text(info.dress_code).text]
    return ", ".join(p for p in parts if p)


def leave_line(
    tr: Translator,
    mission: MissionDoc,
    delegate: DelegateDoc | None,
    item: AgendaItem,
    items: Sequence[AgendaItem],
    zone: ZoneInfo,
    now: datetime | None = None,
) -> str:
    """'Leave by 08:05 from the O'Farrell St entrance — passport, business attire'; with its day
    when that is not today, and 'Leave now' once the time has passed (`now`)."""
    leave = leave_by(tr, mission, delegate, item, items, zone)
    bring = what_to_bring(tr, logistics_for(mission, item.id))
    if leave is None:
        return bring
    time = zoned_time(tr, leave.at, zone, mission)  # in Brussels time, says so
    if leave.at_stop is not None and leave.place and (now is None or now < leave.at):
        stop = zoned_time(tr, leave.at_stop, zone, mission)
        head = _stop_head(tr, leave.at_stop, zone, now).format(
            place=leave.place,
            stop=stop,
            time=time,
            day=tr.day(leave.at_stop.astimezone(zone).date()),
        )
    else:
        head = _leave_head(tr, leave, zone, now, item.venue.name if item.venue else "", time)
    return f"{head} — {bring}" if bring else head


def _days(at: datetime, zone: ZoneInfo, now: datetime | None) -> int:
    return (at.astimezone(zone).date() - now.astimezone(zone).date()).days if now else 0


def _stop_head(tr: Translator, at_stop: datetime, zone: ZoneInfo, now: datetime | None) -> str:
    """The organisers' time at the coach, and the coach's: the card said 'Leave by 07:30 from
    the O'Farrell St entrance' while the activity said 'Be there by 07:20'."""
    _ = tr.gettext
    days = _days(at_stop, zone, now)
    if days == 1:
        return _("Tomorrow, be at {place} by {stop}: the coach leaves at {time}")
    if days > 1:
        return _("On {day}, be at {place} by {stop}: the coach leaves at {time}")
    return _("Be at {place} by {stop}: the coach leaves at {time}")


def _leave_head(
    tr: Translator, leave: LeaveBy, zone: ZoneInfo, now: datetime | None, venue: str, time: str
) -> str:
    _ = tr.gettext
    place = leave.place
    days = _days(leave.at, zone, now)
    if now is not None and leave.at <= now and leave.coach:  # no use going to the stop
        pattern = (
            _("The coach left at {time}: go straight to {venue}")
            if venue
            else _("The coach left at {time}")
        )
    elif now is not None and leave.at <= now:
        pattern = (
            _("Leave now: it was time at {time}, from {place}")
            if place
            else _("Leave now: it was time at {time}")
        )
    elif days == 1:
        pattern = (
            _("Leave tomorrow by {time} from {place}") if place else _("Leave tomorrow by {time}")
        )
    elif days > 1:
        pattern = (
            _("Leave on {day} by {time} from {place}") if place else _("Leave on {day} by {time}")
        )
    else:
        pattern = _("Leave by {time} from {place}") if place else _("Leave by {time}")
    day = tr.day(leave.at.astimezone(zone).date())
    return pattern.format(time=time, place=place, day=day, venue=venue)
