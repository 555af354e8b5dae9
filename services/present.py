"""Pure presenters: repository data -> the localized strings a screen shows (no Flet here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem, NowNext
from services.changes import Change
from services.i18n import BRUSSELS, Translator
from services.models import Activity, Lang, MissionDoc, Venue


def kind_label(tr: Translator, kind: str) -> str:
    _ = tr.gettext
    labels = {
        "seminar": _("Seminar"),
        "b2b": _("B2B meetings"),
        "visit": _("Company visit"),
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
    warnings = tuple(
        warning_text(tr, w.kind, titles.get(w.other_id, ""), w.gap_minutes, w.needed_minutes)
        for w in item.warnings
    )
    time = tr.time_range(item.start, item.end, zone)
    if item.meeting is not None:
        m = item.meeting
        where = ", ".join(p for p in (item.venue.name if item.venue else "", m.location or "") if p)
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
            False,
            _("Private meeting"),
            sample=m.sample,
        )
    activity = item.activity
    assert activity is not None
    text = tr.text(activity.title)
    personal = _("Registered") if item.source == "registered" else _("Bookmarked")
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


def warning_text(tr: Translator, kind: str, other: str, gap: int, needed: int) -> str:
    _ = tr.gettext
    if kind == "overlap":
        return _("Overlaps with {other}").format(other=other)
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


@dataclass(frozen=True)
class NowNextCard:
    heading: str
    title: str
    detail: str
    route: str | None
    warning: str = ""
    sample: bool = False


def now_next_card(
    tr: Translator, mission: MissionDoc, nn: NowNext, now: datetime, zone: ZoneInfo
) -> NowNextCard | None:
    """'Now' while something is on, else 'Next' with a countdown; before the mission, the days."""
    _ = tr.gettext
    first = mission.mission.start_date
    today = now.astimezone(zone).date()
    if today < first:
        days = (first - today).days
        heading = tr.ngettext(
            "The mission starts in {n} day", "The mission starts in {n} days", days
        ).format(n=days)
        return NowNextCard(heading, tr.text(mission.mission.title).text, tr.day(first), None)
    item = nn.now or nn.next
    if item is None:
        return None
    if nn.now is not None:
        heading = _("Now, until {time}").format(time=tr.time(item.end, zone))
    else:
        heading = _("Next: {countdown}").format(countdown=tr.in_minutes(nn.minutes_to_next or 0))
    where = item.venue.name if item.venue else ""
    detail = " · ".join(p for p in (tr.time_range(item.start, item.end, zone), where) if p)
    warning = next(
        (
            warning_text(tr, w.kind, "", w.gap_minutes, w.needed_minutes)
            for w in item.warnings
            if w.kind == "tight"
        ),
        "",
    )
    route = f"/meeting/{item.id}" if item.meeting else f"/activity/{item.id}"
    return NowNextCard(heading, item_title(tr, item), detail, route, warning, item_sample(item))


def item_sample(item: AgendaItem) -> bool:
    """Whether the organisers made this agenda item up for a demo."""
    source = item.meeting or item.activity
    return source is not None and source.sample


def mission_short_title(tr: Translator, mission: MissionDoc) -> str:
    """The app bar's title of the mission: the short one when the feed has it."""
    m = mission.mission
    return tr.text(m.short_title).text or tr.text(m.title).text


def day_heading(tr: Translator, day: date, mission: MissionDoc) -> str:
    city = next((c for c in mission.mission.cities if c.start_date <= day <= c.end_date), None)
    name = tr.text(city.name).text if city else ""
    return f"{tr.day(day)} · {name}" if name else tr.day(day)


def activity_time(tr: Translator, activity: Activity, zone: ZoneInfo) -> str:
    day = tr.day(activity.start.astimezone(zone).date())
    return f"{day}, {tr.time_range(activity.start, activity.end, zone)}"


def change_lines(tr: Translator, change: Change, mission: MissionDoc, zone: ZoneInfo) -> list[str]:
    """'Time: 14:00–15:00 → 15:00–16:00', 'Venue: Moscone Center → SFMOMA', ..."""
    _ = tr.gettext
    venues = {v.id: v.name for v in mission.venues}
    values = {f.field: (f.old, f.new) for f in change.fields}
    lines: list[str] = []
    if "start" in values or "end" in values:
        lines.append(
            _("Time: {old} → {new}").format(
                old=_span(tr, values, 0, zone), new=_span(tr, values, 1, zone)
            )
        )
    labels = {
        "venue_id": _("Venue"),
        "room": _("Room"),
        "location": _("Place"),
        "counterpart": _("With"),
        "company": _("Company"),
    }
    for name, label in labels.items():
        if name in values:
            old, new = values[name]
            if name == "venue_id":
                old, new = venues.get(old, old), venues.get(new, new)
            lines.append(f"{label}: {old or '—'} → {new or '—'}")
    if "title" in values:
        lines.append(_("The title changed"))
    return lines


def _span(tr: Translator, values: dict[str, tuple[str, str]], which: int, zone: ZoneInfo) -> str:
    parts = []
    for name in ("start", "end"):
        if name in values:
            instant = datetime.fromisoformat(values[name][which])
            parts.append(tr.time(instant, zone))
    return "–".join(parts)
