"""The pocket agenda's parts: days of agenda items, and venues placed on the bundled maps."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from zoneinfo import ZoneInfo

from markupsafe import Markup

from services.agenda import AgendaItem
from services.change_text import change_lines
from services.changes import Change
from services.i18n import Translator
from services.maps import REGIONS, Region, google_maps_link
from services.models import MissionDoc, Venue
from services.pocket_parts import Key, PocketParts, joined, render_part
from services.practical import practical
from services.present import activity_place, day_heading, item_title, kind_label


def agenda_days(
    tr: Translator,
    mission: MissionDoc,
    days: list[tuple[date, list[AgendaItem]]],
    changes: Mapping[str, Change],
    zone: ZoneInfo,
    parts: PocketParts,
) -> list[dict[str, object]]:
    """[{heading, rows, anchor, short}] in mission time, one entry per day that has something on
    it: `anchor` is the day heading's id, `short` its link's text ('di 7') in the row of days at
    the top, one tap to today without any script."""
    found: list[dict[str, object]] = []
    for day, items in days:
        rows = []
        for item in items:
            change = changes.get(item.id)
            key = _row_key(parts, item, change, tr.lang)
            rows.append(parts.part(key, "item", _row, tr, mission, item, change, zone, parts))
        heading = parts.memo(("day", tr.lang, day), day_heading, tr, day, mission)
        short = " ".join(tr.short_day(day))
        found.append(
            {"heading": heading, "rows": joined(rows), "anchor": f"day-{day}", "short": short}
        )
    return found


def _row_key(parts: PocketParts, item: AgendaItem, change: Change | None, lang: str) -> Key | None:
    """What an agenda row shows besides the mission and the language, when other pages show it
    too: an activity of this very mission document, not changed since the person last looked.
    A private meeting is on one agenda only."""
    activity = item.activity
    if change is not None or activity is None or parts.activities.get(item.id) is not activity:
        return None
    if item.venue is not parts.venues.get(activity.venue_id):
        return None
    if item.start != activity.start or item.end != activity.end:
        return None
    return ("item", lang, item.id, item.cancelled)


def _row(
    tr: Translator,
    mission: MissionDoc,
    item: AgendaItem,
    change: Change | None,
    zone: ZoneInfo,
    parts: PocketParts,
) -> dict[str, object]:
    _ = tr.gettext
    what = "meeting" if item.meeting else item.activity.kind if item.activity else ""
    kind = parts.memo(("kind", tr.lang, what), kind_label, tr, what) if what else ""
    if item.meeting is not None:
        location = tr.text(item.meeting.location).text
        where = [p for p in (item.meeting.company, location) if p]
        place = " · ".join([*where, item.venue.name] if item.venue else where)
    else:
        activity = item.activity
        room = tr.text(activity.room).text if activity and activity.room else None
        place = activity_place(tr, mission, item.venue, room, with_city=False)
    note, lines = "", []
    if item.cancelled:
        note = _("Cancelled: this no longer takes place.")
    elif change is not None and change.kind == "new":
        note = _("New")
    elif change is not None and change.kind == "changed":
        note = _("Changed")
        lines = [line.plain() for line in change_lines(tr, change, mission, zone)]
    elif item.activity is not None and item.activity.state == "changed":
        note = _("Changed")
    going = None if item.cancelled else item.activity  # its coach, papers, clothes
    tips = (
        [(tip.text, tip.pressing) for tip in practical(tr, mission, going, zone)] if going else []
    )
    return {
        "id": item.id,
        "time": tr.time_range(item.start, item.end, zone),
        "title": item_title(tr, item),
        "kind": kind,
        "place": place,
        "address": item.venue.address if item.venue else "",
        "cancelled": item.cancelled,
        "note": note,
        "changes": lines,
        "tips": tips,
    }


def venue_parts(
    tr: Translator, mission: MissionDoc, venues: list[Venue], parts: PocketParts, label: str
) -> tuple[Markup, Markup]:
    """(maps, list) of a page's venues, numbered in the order of `venues` (the mission's)."""
    listed = [
        parts.part(("venue", tr.lang, v.id, n), "venue", _venue, tr, mission, v, n)
        for n, v in enumerate(venues, 1)
    ]
    maps = [
        render_part("map", {"region": r.id, "ratio": _ratio(r), "label": label, "pins": pins})
        for r, pins in _pins(venues, parts)
    ]
    return joined(maps), joined(listed)


def _venue(tr: Translator, mission: MissionDoc, venue: Venue, number: int) -> dict[str, object]:
    city = next((c for c in mission.mission.cities if c.id == venue.city), None)
    return {
        "number": number,
        "name": venue.name,
        "address": venue.address,
        "city": tr.text(city.name).text if city else "",
        "access": tr.text(venue.access).text if venue.access else "",
        "link": google_maps_link(venue),
        "label": tr.gettext("Open in Maps"),
    }


def _pins(venues: list[Venue], parts: PocketParts) -> list[tuple[Region, Markup]]:
    """The bundled regions that hold some of these venues, each with its numbered pins."""
    maps: list[tuple[Region, Markup]] = []
    for region in REGIONS:
        pins = [
            parts.part(("pin", region.id, venue.id, n), "pin", _pin, region, venue, n)
            for n, venue in enumerate(venues, 1)
            if region.contains(venue)
        ]
        if pins:
            maps.append((region, joined(pins)))
    return maps


def _pin(region: Region, venue: Venue, number: int) -> dict[str, object]:
    x, y = region.to_pixels(venue.lat, venue.lon)
    left, top = 100 * x / region.width, 100 * y / region.height
    return {"number": number, "left": f"{left:.1f}", "top": f"{top:.1f}"}


def _ratio(region: Region) -> str:
    return f"{100 * region.height / region.width:.2f}"
