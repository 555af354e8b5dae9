"""iCalendar (RFC 5545) for whole personal agendas and single items.

Single items and the calendar's head (its VTIMEZONE) are built with icalendar; the events of
whole agendas are written by `services.calendar_text`, which gives the same bytes faster.

Times carry the mission's TZID with its VTIMEZONE. Each item keeps one UID; its SEQUENCE rises
only when the item changed since the calendar the subscriber last saw
(`services.calendar_sequence`). Cancelled items stay in the file, marked so. Each live item has
an alarm at the time to leave (or 15 minutes before), worded in the delegate's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from services.agenda import AgendaItem
from services.calendar_events import event_fields, item_alarm, item_event
from services.calendar_sequence import Stamps, fingerprint, next_sequence
from services.calendar_text import EventText, event_text, with_alarm
from services.i18n import Translator, localize
from services.models import Activity, Lang, MissionDoc
from services.reminders import Reminder, reminders

PRODID = "-//Delegate Companion//Personal agenda//EN"
END = b"END:VCALENDAR\r\n"


def webcal_link(feed_url: str, code: str) -> str:
    """The subscription link to a person's live calendar: 'webcal://host/delegates/<code>.ics'
    (calendar apps fetch it over https, and again every few hours)."""
    base = feed_url.rstrip("/").split("://", 1)[-1]
    return f"webcal://{base}/delegates/{code}.ics"


@dataclass
class EventCache:
    """Events, calendar heads and zones already written for one mission document: thousands
    of agendas share activities, so each (activity, language, reminder) is written once."""

    events: dict[tuple[object, ...], EventText] = field(default_factory=dict)
    heads: dict[Lang, bytes] = field(default_factory=dict)
    zones: dict[tuple[str, date, date], Timezone] = field(default_factory=dict)

    def event(
        self,
        mission: MissionDoc,
        item: AgendaItem,
        tr: Translator,
        reminder: Reminder | None,
        stamp: datetime,
    ) -> EventText:
        if item.activity is None:  # a meeting is in one agenda only: nothing to share
            return event_text(event_fields(mission, item, tr, reminder, stamp))
        origin = reminder.origin.id if reminder and reminder.origin else None
        minutes = reminder.minutes if reminder else None
        key = (item.id, tr.lang, item.cancelled, stamp, minutes, origin)
        if key not in self.events:
            # agendas remind of one activity from many places: its text without alarm is shared
            bare = self.events.get(key[:4])
            if bare is None:
                fields = event_fields(mission, item, tr, None, stamp)
                bare = self.events[key[:4]] = event_text(fields)
            self.events[key] = with_alarm(bare, item_alarm(tr, item, reminder))
        return self.events[key]

    def head(self, mission: MissionDoc, lang: Lang) -> bytes:
        """The calendar's own lines and its VTIMEZONE, written by icalendar, up to the events."""
        if lang not in self.heads:
            whole = bytes(_calendar(mission, lang, self).to_ical())
            self.heads[lang] = whole.removesuffix(END)
        return self.heads[lang]

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
    stamp: datetime | None = None,
) -> bytes:
    """One calendar with every item of a personal agenda; `previous`: the stamps of the
    calendar last published for this person, so SEQUENCE rises only on change; `gone`: items
    it had that are no longer on the agenda, kept as cancelled. `stamp` (each DTSTAMP): when
    this calendar was published, by default the mission's time."""
    cache, stamp = cache or EventCache(), stamp or mission.published_at
    tr, listed = Translator(lang), list(items)
    alarms = reminders(listed, ZoneInfo(mission.mission.time_zone))
    parts = [cache.head(mission, lang)]
    for item in listed:
        text = cache.event(mission, item, tr, alarms.get(item.id), stamp)
        parts.append(text.ical(next_sequence(text.uid, text.fingerprint, previous or {})))
    for event in gone:
        event.pop("DTSTAMP", None)
        event.add("dtstamp", stamp.astimezone(UTC))
        sequence = next_sequence(str(event["uid"]), fingerprint(event), previous or {})
        parts.append(bytes(_sequenced(event, sequence).to_ical()))
    return b"".join([*parts, END])


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
