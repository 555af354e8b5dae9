"""The pocket agenda's parts: days of agenda items, and venues placed on the bundled maps."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem
from services.change_text import change_lines
from services.changes import Change
from services.i18n import Translator
from services.maps import REGIONS
from services.models import MissionDoc, Venue
from services.present import activity_place, day_heading, item_title, kind_label


def agenda_days(
    tr: Translator,
    mission: MissionDoc,
    items: list[AgendaItem],
    changes: Mapping[str, Change],
    zone: ZoneInfo,
) -> list[dict[str, object]]:
    """[{heading, items}] in mission time, one entry per day that has something on it."""
    days: list[dict[str, object]] = []
    for day, group in groupby(items, key=lambda item: item.start.astimezone(zone).date()):
        rows = [_row(tr, mission, item, changes.get(item.id), zone) for item in group]
        days.append({"heading": day_heading(tr, day, mission), "items": rows})
    return days


def _row(
    tr: Translator, mission: MissionDoc, item: AgendaItem, change: Change | None, zone: ZoneInfo
) -> dict[str, object]:
    _ = tr.gettext
    if item.meeting is not None:
        kind = kind_label(tr, "meeting")
        where = [p for p in (item.meeting.company, item.meeting.location or "") if p]
        place = " · ".join([*where, item.venue.name] if item.venue else where)
    else:
        activity = item.activity
        kind = kind_label(tr, activity.kind) if activity else ""
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
    }


def venue_maps(venues: list[Venue]) -> list[dict[str, object]]:
    """One map per bundled region that holds some of these venues, with numbered pins."""
    maps: list[dict[str, object]] = []
    for region in REGIONS:
        pins = []
        for number, venue in enumerate(venues, 1):
            if not region.contains(venue):
                continue
            x, y = region.to_pixels(venue.lat, venue.lon)
            left, top = 100 * x / region.width, 100 * y / region.height
            pins.append({"number": number, "left": f"{left:.1f}", "top": f"{top:.1f}"})
        if pins:
            ratio = f"{100 * region.height / region.width:.2f}"
            maps.append({"region": region.id, "pins": pins, "ratio": ratio})
    return maps
