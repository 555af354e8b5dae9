"""iCalendar (RFC 5545) for whole personal agendas and single items, built with icalendar.

Times carry the mission's TZID with its VTIMEZONE. Each item keeps one UID; its SEQUENCE rises
only when the item changed since the calendar the subscriber last saw
(`services.calendar_sequence`). Cancelled items stay in the file, marked so. Each live item has
an alarm at the time to leave (or 15 minutes before), worded in the delegate's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone

from services.agenda import AgendaItem
from services.calendar_sequence import Stamps, fingerprint, next_sequence
from services.i18n import Translator, localize
from services.models import Activity, Lang, MissionDoc, Venue
from services.reminders import Reminder, reminders

PRODID = "-//Delegate Companion//Personal agenda//EN"


def webcal_link(feed_url: str, code: str) -> str:
    """The subscription link to a person's live calendar: 'webcal://host/delegates/<code>.ics'
    (calendar apps fetch it over https, and again every few hours)."""
    base = feed_url.rstrip("/").split("://", 1)[-1]
    return f"webcal://{base}/delegates/{code}.ics"


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
    return where(item.venue, item.meeting.location if item.meeting else "")


def _description(tr: Translator, item: AgendaItem) -> str:
    if item.meeting is not None:
        return "\n".join(x for x in (item.meeting.company, item.meeting.notes or "") if x)
    return tr.text(item.activity.description).text if item.activity else ""


def _alarm(tr: Translator, item: AgendaItem, reminder: Reminder) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    place = item.venue.name if item.venue else _place(tr, item)
    if reminder.origin is not None:
        text = tr.gettext("Time to leave for {place}: about {minutes} min from {origin}.")
        text = text.format(place=place, minutes=reminder.minutes, origin=reminder.origin.name)
    else:
        text = tr.gettext("{title} starts in {minutes} min.").format(
            title=item_title(tr, item), minutes=reminder.minutes
        )
        text = f"{text} {place}" if place else text
    alarm.add("description", text)
    alarm.add("trigger", timedelta(minutes=-reminder.minutes))
    return alarm


def item_event(
    mission: MissionDoc, item: AgendaItem, tr: Translator, reminder: Reminder | None
) -> Event:
    """One VEVENT without SEQUENCE, which depends on what was published before."""
    zone = ZoneInfo(mission.mission.time_zone)
    event = Event()
    event.add("uid", f"{item.id}@{mission.mission.id}")
    event.add("dtstamp", mission.published_at.astimezone(UTC))
    event.add("dtstart", item.start.astimezone(zone))
    event.add("dtend", item.end.astimezone(zone))
    event.add("summary", item_title(tr, item))
    place = _place(tr, item)
    if place:
        event.add("location", place)
    if item.venue is not None:
        event.add("geo", (item.venue.lat, item.venue.lon))
    description = _description(tr, item)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if reminder is not None and not item.cancelled:
        event.add_component(_alarm(tr, item, reminder))
    return event


@dataclass
class EventCache:
    """Events and zones already built for one mission document: thousands of agendas share
    activities, so each (activity, language, reminder) is built and fingerprinted once."""

    events: dict[tuple[object, ...], tuple[Event, str]] = field(default_factory=dict)
    zones: dict[tuple[str, date, date], Timezone] = field(default_factory=dict)

    def event(
        self, mission: MissionDoc, item: AgendaItem, tr: Translator, reminder: Reminder | None
    ) -> tuple[Event, str]:
        if item.activity is None:  # a meeting is in one agenda only: nothing to share
            event = item_event(mission, item, tr, reminder)
            return event, fingerprint(event)
        origin = reminder.origin.id if reminder and reminder.origin else None
        minutes = reminder.minutes if reminder else None
        key = (item.id, tr.lang, item.cancelled, minutes, origin)
        if key not in self.events:
            event = item_event(mission, item, tr, reminder)
            self.events[key] = (event, fingerprint(event))
        return self.events[key]

    def zone(self, mission: MissionDoc) -> Timezone:
        """The mission zone's VTIMEZONE for the mission's whole year(s): both observances."""
        first = date(mission.mission.start_date.year, 1, 1)
        last = date(mission.mission.end_date.year + 1, 1, 1)
        key = (mission.mission.time_zone, first, last)
        if key not in self.zones:
            self.zones[key] = Timezone.from_tzid(key[0], first_date=first, last_date=last)
        return self.zones[key]


def _calendar(mission: MissionDoc, lang: Lang, cache: EventCache) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", localize(mission.mission.title, lang).text)
    cal.add("x-wr-timezone", mission.mission.time_zone)
    cal.add_component(cache.zone(mission))
    return cal


def _sequenced(event: Event, sequence: int) -> Event:
    """A copy of a shared event with this calendar's SEQUENCE (the shared one stays as it is)."""
    copy = Event()
    copy.update(event)
    copy.subcomponents = list(event.subcomponents)
    copy.add("sequence", sequence)
    return copy


def agenda_ics(
    mission: MissionDoc,
    items: Iterable[AgendaItem],
    lang: Lang,
    previous: Stamps | None = None,
    cache: EventCache | None = None,
    gone: Iterable[Event] = (),
) -> bytes:
    """One calendar with every item of a personal agenda; `previous`: the stamps of the
    calendar last published for this person, so SEQUENCE rises only on change; `gone`: items
    it had that are no longer on the agenda, kept as cancelled."""
    cache = cache or EventCache()
    tr, listed = Translator(lang), list(items)
    alarms = reminders(listed, ZoneInfo(mission.mission.time_zone))
    cal = _calendar(mission, lang, cache)
    for item in listed:
        event, current = cache.event(mission, item, tr, alarms.get(item.id))
        uid = str(event["uid"])
        cal.add_component(_sequenced(event, next_sequence(uid, current, previous or {})))
    for event in gone:
        event.pop("DTSTAMP", None)
        event.add("dtstamp", mission.published_at.astimezone(UTC))
        sequence = next_sequence(str(event["uid"]), fingerprint(event), previous or {})
        cal.add_component(_sequenced(event, sequence))
    return bytes(cal.to_ical())


def activity_item(mission: MissionDoc, activity: Activity) -> AgendaItem:
    """An activity as an agenda item, for *Add to calendar* on one that is not on the agenda."""
    venue = next((v for v in mission.venues if v.id == activity.venue_id), None)
    cancelled = activity.state == "cancelled"
    return AgendaItem(
        activity.id, "bookmarked", activity.start, activity.end, venue, cancelled, activity
    )


def single_ics(
    mission: MissionDoc, item: AgendaItem, lang: Lang, agenda: Iterable[AgendaItem] = ()
) -> bytes:
    """One item for *Add to calendar*, with the reminder it has in the person's agenda (the
    time to leave from the item before it), or 15 minutes before when it is not on it."""
    cache = EventCache()
    alarms = reminders(list(agenda), ZoneInfo(mission.mission.time_zone))
    cal = _calendar(mission, lang, cache)
    event = item_event(mission, item, Translator(lang), alarms.get(item.id, Reminder()))
    cal.add_component(_sequenced(event, 0))
    return bytes(cal.to_ical())
