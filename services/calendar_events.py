"""What one agenda item says in a calendar (title, place, alarm), and its icalendar VEVENT.

`services.calendar_text` writes the same fields as text, faster; tests hold the two equal.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Event

from services.agenda import AgendaItem
from services.calendar_text import EventFields
from services.i18n import Translator
from services.models import MissionDoc, Venue
from services.reminders import Reminder


def item_title(tr: Translator, item: AgendaItem) -> str:
    if item.meeting is not None:
        return tr.gettext("B2B: {person} ({company})").format(
            person=item.meeting.counterpart, company=item.meeting.company
        )
    return tr.text(item.activity.title).text if item.activity else item.id


def where(venue: Venue | None, room: str | None) -> str:
    if venue is None:
        return room or ""
    return ", ".join(p for p in (room, venue.name, venue.address) if p)


def _place(tr: Translator, item: AgendaItem) -> str:
    if item.activity is not None:
        return where(item.venue, tr.text(item.activity.room).text)
    return where(item.venue, tr.text(item.meeting.location).text if item.meeting else "")


def _description(tr: Translator, item: AgendaItem) -> str:
    if item.meeting is not None:
        notes = tr.text(item.meeting.notes).text
        return "\n".join(x for x in (item.meeting.company, notes) if x)
    return tr.text(item.activity.description).text if item.activity else ""


def _alarm(tr: Translator, item: AgendaItem, reminder: Reminder) -> tuple[str, timedelta]:
    place = item.venue.name if item.venue else _place(tr, item)
    if reminder.origin is not None:
        text = tr.gettext("Time to leave for {place}: about {minutes} min from {origin}.")
        text = text.format(place=place, minutes=reminder.minutes, origin=reminder.origin.name)
    else:
        text = tr.gettext("{title} starts in {minutes} min.").format(
            title=item_title(tr, item), minutes=reminder.minutes
        )
        text = f"{text} {place}" if place else text
    return text, timedelta(minutes=-reminder.minutes)


def event_fields(
    mission: MissionDoc,
    item: AgendaItem,
    tr: Translator,
    reminder: Reminder | None,
    stamp: datetime | None = None,
) -> EventFields:
    """What one item says in a calendar, in `tr`'s language, with its alarm unless cancelled.
    `stamp` (DTSTAMP): when the calendar was published, by default the mission's time."""
    zone = ZoneInfo(mission.mission.time_zone)
    return EventFields(
        uid=f"{item.id}@{mission.mission.id}",
        stamp=(stamp or mission.published_at).astimezone(UTC),
        start=item.start.astimezone(zone),
        end=item.end.astimezone(zone),
        summary=item_title(tr, item),
        location=_place(tr, item),
        geo=(item.venue.lat, item.venue.lon) if item.venue is not None else None,
        description=_description(tr, item),
        status="CANCELLED" if item.cancelled else "CONFIRMED",
        alarm=item_alarm(tr, item, reminder),
    )


def item_alarm(
    tr: Translator, item: AgendaItem, reminder: Reminder | None
) -> tuple[str, timedelta] | None:
    """The alarm of an item (its text and trigger): none when cancelled."""
    return _alarm(tr, item, reminder) if reminder is not None and not item.cancelled else None


def item_event(
    mission: MissionDoc, item: AgendaItem, tr: Translator, reminder: Reminder | None
) -> Event:
    """One VEVENT built with icalendar, without SEQUENCE (it depends on what was published
    before)."""
    return fields_event(event_fields(mission, item, tr, reminder))


def fields_event(f: EventFields) -> Event:
    """The icalendar VEVENT of `f`; `calendar_text.event_text` writes the same bytes faster."""
    event = Event()
    event.add("uid", f.uid)
    event.add("dtstamp", f.stamp)
    event.add("dtstart", f.start)
    event.add("dtend", f.end)
    event.add("summary", f.summary)
    if f.location:
        event.add("location", f.location)
    if f.geo is not None:
        event.add("geo", f.geo)
    if f.description:
        event.add("description", f.description)
    event.add("status", f.status)
    if f.alarm is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f.alarm[0])
        alarm.add("trigger", f.alarm[1])
        event.add_component(alarm)
    return event
