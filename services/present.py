"""Pure presenters: repository data -> the localized strings a screen shows (no Flet here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem, Warning
from services.i18n import BRUSSELS, Translator, in_zone
from services.models import Activity, Lang, MissionDoc, Venue

LAST_INSTANT = timedelta(days=1) - timedelta(microseconds=1)  # of a day, from its first


def kind_label(tr: Translator, kind: str) -> str:
    _ = tr.gettext
    labels = {
        "seminar": _("Seminar"),
        "b2b": _("B2B meetings"),
        "visit": _("Visit"),
        "reception": _("Reception"),
        "signing": _("Signing"),
        "briefing": _("Briefing"),
        "networking": _("Networking"),
        "transfer": _("Transfer"),
        "meeting": _("My B2B meeting"),
    }
    return labels.get(kind, kind)


def city_name(tr: Translator, mission: MissionDoc, city_id: str) -> str:
    city = next((c for c in mission.mission.cities if c.id == city_id), None)
    return tr.text(city.name).text if city else city_id


def sector_names(tr: Translator, mission: MissionDoc, ids: list[str]) -> list[str]:
    names = {s.id: tr.text(s.name).text for s in mission.mission.sectors}
    return [names[i] for i in ids if i in names]


def display_zone(mission: MissionDoc, mode: str) -> ZoneInfo:
    return BRUSSELS if mode == "brussels" else ZoneInfo(mission.mission.time_zone)


def zoned(tr: Translator, text: str, zone: ZoneInfo, mission: MissionDoc) -> str:
    """A time shown outside mission time says so: '16:30–17:45 Brussels time'."""
    return in_zone(tr, text, zone, mission.mission.time_zone)


def zoned_time(tr: Translator, at: datetime, zone: ZoneInfo, mission: MissionDoc) -> str:
    """One time, labelled when it is not mission time: 'until 00:45 Brussels time'."""
    return zoned(tr, tr.time(at, zone), zone, mission)


def zoned_range(
    tr: Translator, start: datetime, end: datetime, zone: ZoneInfo, mission: MissionDoc
) -> str:
    return zoned(tr, tr.time_range(start, end, zone), zone, mission)


@dataclass(frozen=True)
class Row:
    """One line of an agenda or programme list."""

    id: str
    route: str
    time: str
    title: str
    title_fallback: Lang | None
    place: str
    kind: str
    badges: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    cancelled: bool = False
    personal: str = ""
    chips: tuple[str, ...] = field(default=())
    sample: bool = False


def activity_place(
    tr: Translator,
    mission: MissionDoc,
    venue: Venue | None,
    room: str | None,
    with_city: bool = True,
) -> str:
    """'Venue · Room · City'; lists under a day heading that names the city leave it out."""
    if venue is None:
        return ""
    parts = [venue.name, room or "", city_name(tr, mission, venue.city) if with_city else ""]
    return " · ".join(p for p in parts if p)


def agenda_row(
    tr: Translator,
    mission: MissionDoc,
    item: AgendaItem,
    titles: dict[str, str],
    zone: ZoneInfo,
    flags: tuple[str, ...] = (),
) -> Row:
    """`titles` maps agenda ids to a short localized title, for warnings that name another item."""
    _ = tr.gettext
    badges = flag_labels(tr, flags, item.cancelled)
    if item.dropped:
        badges = (_("No longer on your agenda"),)
    warnings = tuple(
        warning_of(tr, w, titles.get(w.other_id, ""), zone, mission) for w in item.warnings
    )
    time = zoned_range(tr, item.start, item.end, zone, mission)
    if item.meeting is not None:
        m = item.meeting
        location = tr.text(m.location).text
        where = ", ".join(p for p in (item.venue.name if item.venue else "", location) if p)
        place = " · ".join(p for p in (m.company, where) if p)
        title = _("B2B with {person}").format(person=m.counterpart)
        return Row(
            item.id,
            f"/meeting/{item.id}",
            time,
            title,
            None,
            place,
            kind_label(tr, "meeting"),
            badges,
            warnings,
            item.cancelled,
            _("Private meeting"),
            sample=m.sample,
        )
    activity = item.activity
    assert activity is not None
    text = tr.text(activity.title)
    personal = _("Registered") if item.source == "registered" else _("Bookmarked")
    if item.dropped:
        personal = ""  # not registered any more: the badge says so
    return Row(
        item.id,
        f"/activity/{item.id}",
        time,
        text.text,
        text.fallback,
        activity_place(tr, mission, item.venue, tr.text(activity.room).text, with_city=False),
        kind_label(tr, activity.kind),
        badges,
        warnings,
        item.cancelled,
        personal,
        sample=activity.sample,
    )


def flag_labels(tr: Translator, flags: tuple[str, ...], cancelled: bool) -> tuple[str, ...]:
    """Localized badges; cancelled wins over changed, and new is shown only for live items."""
    _ = tr.gettext
    if cancelled:
        return (_("Cancelled"),)
    labels = {"new": _("New"), "changed": _("Changed")}
    return tuple(labels[f] for f in flags if f in labels)


def warning_text(tr: Translator, kind: str, other: str, gap: int, needed: int, by: str = "") -> str:
    """`by`: the time the organisers want the person there, when that is before the start
    (a tight transfer is measured to it)."""
    _ = tr.gettext
    if kind == "overlap":
        return _("Overlaps with {other}").format(other=other)
    if by and not other:
        return _(
            "Tight transfer: {gap} min to be there by {time}, about {needed} min needed"
        ).format(gap=gap, time=by, needed=needed)
    if by:
        return _(
            "Tight transfer: {gap} min after {other} to be there by {time}, about {needed} min "
            "needed"
        ).format(gap=gap, other=other, time=by, needed=needed)
    if not other:
        return _("Tight transfer: {gap} min to get there, about {needed} min needed").format(
            gap=gap, needed=needed
        )
    return _("Tight transfer: {gap} min after {other}, about {needed} min needed").format(
        gap=gap, other=other, needed=needed
    )


def item_title(tr: Translator, item: AgendaItem) -> str:
    if item.meeting is not None:
        return tr.gettext("B2B with {person}").format(person=item.meeting.counterpart)
    return tr.text(item.activity.title).text if item.activity else item.id


def item_sample(item: AgendaItem) -> bool:
    """Whether the organisers made this agenda item up for a demo."""
    source = item.meeting or item.activity
    return source is not None and source.sample


def mission_short_title(tr: Translator, mission: MissionDoc) -> str:
    """The app bar's title of the mission: the short one when the feed has it."""
    m = mission.mission
    return tr.text(m.short_title).text or tr.text(m.title).text


def day_heading(
    tr: Translator, day: date, mission: MissionDoc, zone: ZoneInfo | None = None
) -> str:
    """'Thursday 9 October · Los Angeles'. A day in another `zone` than mission time covers
    two mission days, and names both cities when they differ: Thursday in Brussels starts on
    Wednesday afternoon in San Francisco ('San Francisco – Los Angeles'; the app's font has
    no arrow)."""
    dates = [day]
    if zone is not None and zone.key != mission.mission.time_zone:
        here = ZoneInfo(mission.mission.time_zone)
        start = datetime.combine(day, time(0), zone)
        dates = [start.astimezone(here).date(), (start + LAST_INSTANT).astimezone(here).date()]
    names: list[str] = []
    for d in dates:
        city = next((c for c in mission.mission.cities if c.start_date <= d <= c.end_date), None)
        name = tr.text(city.name).text if city else ""
        if name and name not in names:
            names.append(name)
    return " · ".join([tr.day(day), " – ".join(names)] if names else [tr.day(day)])


def activity_time(
    tr: Translator, activity: Activity, zone: ZoneInfo, mission: MissionDoc | None = None
) -> str:
    """'Tuesday 7 October, 16:30–17:45', labelled with the zone when it is not mission time."""
    return span_time(tr, activity.start, activity.end, zone, mission)


def span_time(
    tr: Translator, start: datetime, end: datetime, zone: ZoneInfo, mission: MissionDoc | None
) -> str:
    """The day and the times both in `zone` (an evening in California is the next day in
    Brussels), labelled with the zone when it is not mission time."""
    day = tr.day(start.astimezone(zone).date())
    time = tr.time_range(start, end, zone)
    return f"{day}, {zoned(tr, time, zone, mission) if mission else time}"


def warning_of(tr: Translator, w: Warning, other: str, zone: ZoneInfo, mission: MissionDoc) -> str:
    """`w` in words; `other`: the other item's title ('' to leave it out)."""
    by = zoned_time(tr, w.by, zone, mission) if w.by is not None else ""
    return warning_text(tr, w.kind, other, w.gap_minutes, w.needed_minutes, by)
