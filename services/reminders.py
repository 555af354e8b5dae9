"""When to remind a person of each agenda item: at the time to leave, or 15 minutes before.

Pure: the same travel estimate as the agenda's tight-transfer warnings (`services.geo`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem, day_of
from services.geo import travel_minutes
from services.models import Venue

DEFAULT_MINUTES = 15


@dataclass(frozen=True)
class Reminder:
    """`minutes` before the start; `origin` is set when it is the time to leave from there."""

    minutes: int = DEFAULT_MINUTES
    origin: Venue | None = None


def reminders(items: Iterable[AgendaItem], zone: ZoneInfo) -> dict[str, Reminder]:
    """One reminder per live item. Where the item before it on the same day is at another
    venue, it fires at the leave-by time: the start minus the travel estimate between them.
    A coach or flight (`transfer`) is the journey itself, so the item after it keeps 15 min."""
    live = sorted((i for i in items if not i.cancelled), key=lambda i: (i.start, i.end, i.id))
    found: dict[str, Reminder] = {}
    previous: AgendaItem | None = None
    for item in live:
        found[item.id] = _reminder(previous, item, zone)
        previous = item
    return found


def _reminder(previous: AgendaItem | None, item: AgendaItem, zone: ZoneInfo) -> Reminder:
    if previous is None or previous.venue is None or item.venue is None:
        return Reminder()
    if previous.venue.id == item.venue.id or day_of(previous.start, zone) != day_of(
        item.start, zone
    ):
        return Reminder()
    if previous.activity is not None and previous.activity.kind == "transfer":
        return Reminder()
    return Reminder(travel_minutes(previous.venue, item.venue), previous.venue)
