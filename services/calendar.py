"""iCalendar (.ics) export of activities, meetings and whole personal agendas (RFC 5545)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Event

from services.agenda import AgendaItem
from services.i18n import localize
from services.models import Activity, Lang, Meeting, MissionDoc, Venue

PRODID = "-//Delegate Companion//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _event(
    uid: str,
    title: str,
    start: datetime,
    end: datetime,
    stamp: datetime,
    location: str,
    description: str,
    cancelled: bool,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", title)
    # UTC: a feed offset like -07:00 is not a TZID any calendar app can resolve.
    event.add("dtstart", start.astimezone(UTC))
    event.add("dtend", end.astimezone(UTC))
    event.add("dtstamp", stamp.astimezone(UTC))
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _where(venue: Venue | None, room: str | None) -> str:
    if venue is None:
        return room or ""
    return ", ".join(p for p in (room, venue.name, venue.address) if p)


def activity_event(mission: MissionDoc, activity: Activity, lang: Lang) -> Event:
    venue = next((v for v in mission.venues if v.id == activity.venue_id), None)
    return _event(
        f"{activity.id}@{mission.mission.id}",
        localize(activity.title, lang).text,
        activity.start,
        activity.end,
        mission.published_at,
        _where(venue, activity.room),
        localize(activity.description, lang).text,
        activity.state == "cancelled",
    )


def meeting_event(mission: MissionDoc, meeting: Meeting, title: str) -> Event:
    venue = next((v for v in mission.venues if v.id == meeting.venue_id), None)
    return _event(
        f"{meeting.id}@{mission.mission.id}",
        title,
        meeting.start,
        meeting.end,
        mission.published_at,
        _where(venue, meeting.location),
        meeting.notes or "",
        False,
    )


EventCache = dict[tuple[str, str, bool], bytes]


def agenda_ics(
    mission: MissionDoc,
    items: Iterable[AgendaItem],
    lang: Lang,
    meeting_title: str = "B2B: {person} ({company})",
    cache: EventCache | None = None,
) -> bytes:
    """One calendar with every item of a personal agenda; cancelled ones stay, marked so.

    `cache` keeps each activity's rendered VEVENT per language: publishing thousands of
    agendas then renders each shared activity once instead of once per delegate.
    """
    events = cache if cache is not None else {}
    parts: list[bytes] = []
    for item in items:
        if item.meeting is not None:
            title = meeting_title.format(
                person=item.meeting.counterpart, company=item.meeting.company
            )
            parts.append(bytes(meeting_event(mission, item.meeting, title).to_ical()))
        elif item.activity is not None:
            key = (item.activity.id, lang, item.cancelled)
            if key not in events:
                event = activity_event(mission, item.activity, lang)
                if item.cancelled:
                    event["status"] = "CANCELLED"
                events[key] = bytes(event.to_ical())
            parts.append(events[key])
    head_key = ("", lang, False)
    if head_key not in events:
        events[head_key] = bytes(_calendar(localize(mission.mission.title, lang).text).to_ical())
    head, tail = events[head_key].rsplit(b"END:VCALENDAR", 1)
    return head + b"".join(parts) + b"END:VCALENDAR" + tail


def single_ics(mission: MissionDoc, event: Event) -> bytes:
    cal = _calendar(localize(mission.mission.title, "en").text)
    cal.add_component(event)
    return bytes(cal.to_ical())
