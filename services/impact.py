"""What a published change means for this person: a moved item that now overlaps, or leaves too
little time to get to or from, something on their own agenda (private meetings included).

Computed from the current documents every time, so an impact disappears as soon as a later
change makes it untrue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem, with_warnings
from services.changes import Change
from services.i18n import Translator
from services.models import MissionDoc, Venue
from services.present import zoned

MOVES = {"start", "end", "venue_id"}


@dataclass(frozen=True)
class Impact:
    changed: AgendaItem
    other: AgendaItem
    kind: Literal["overlap", "tight"]
    moved: bool  # the time changed (else only the place, or the item is new)
    added: bool = False  # the item is new on the agenda: nothing of it 'changed'
    was: datetime | None = None  # its start before the change, when the start moved


Pair = tuple[str, str, str]  # (item, other item, warning kind)


def impacts(
    changes: Iterable[Change], items: Sequence[AgendaItem], venues: Mapping[str, Venue]
) -> list[Impact]:
    """Overlaps and tight transfers that a new or moved item has now and did not have before."""
    by_id = {item.id: item for item in items if not item.cancelled}
    found: list[Impact] = []
    for change in changes:
        fields = {f.field for f in change.fields}
        item = by_id.get(change.id)
        if item is None or not (change.kind == "new" or fields & MOVES):
            continue
        moved = bool(fields & {"start", "end"})
        was = next((f.old for f in change.fields if f.field == "start" and f.old), None)
        before = _pairs(_as_before(list(by_id.values()), item, change, venues))
        news = {
            (pair[1] if pair[0] == item.id else pair[0], pair[2])
            for pair in _pairs(list(by_id.values())) - before
            if item.id in pair[:2]
        }
        for other_id, kind in news:
            warning: Literal["overlap", "tight"] = "overlap" if kind == "overlap" else "tight"
            earlier = datetime.fromisoformat(was) if was else None
            new = change.kind == "new"
            found.append(Impact(item, by_id[other_id], warning, moved, new, earlier))
    return sorted(found, key=lambda i: (i.changed.start, i.other.start, i.other.id))


def _pairs(items: list[AgendaItem]) -> set[Pair]:
    return {(item.id, w.other_id, w.kind) for item in items for w in item.warnings}


def _as_before(
    items: list[AgendaItem], item: AgendaItem, change: Change, venues: Mapping[str, Venue]
) -> list[AgendaItem]:
    """The agenda with this one item as the person knew it before the change (none if new)."""
    if change.kind == "new":
        rest = [replace(i, warnings=()) for i in items if i.id != item.id]
        return with_warnings(rest)
    old = {f.field: f.old for f in change.fields}
    start = datetime.fromisoformat(old["start"]) if old.get("start") else item.start
    end = datetime.fromisoformat(old["end"]) if old.get("end") else item.end
    venue = venues.get(old["venue_id"]) if "venue_id" in old else item.venue
    # the organisers' 'be there by' moves with the start (the change log does not keep it)
    due = item.due + (start - item.start) if item.due is not None else None
    earlier = replace(item, start=start, end=end, venue=venue, warnings=(), due=due)
    others = [replace(i, warnings=()) for i in items if i.id != item.id]
    return with_warnings(sorted([*others, earlier], key=lambda i: (i.start, i.end, i.id)))


def for_item(found: Iterable[Impact], item_id: str) -> list[Impact]:
    return [i for i in found if item_id in (i.changed.id, i.other.id)]


def _name(tr: Translator, item: AgendaItem) -> str:
    if item.meeting is not None:
        return tr.gettext("your B2B with {company}").format(company=item.meeting.company)
    return tr.text(item.activity.title).text if item.activity else item.id


def _title(tr: Translator, item: AgendaItem) -> str:
    if item.meeting is not None:
        return tr.gettext("Your B2B with {company}").format(company=item.meeting.company)
    return tr.text(item.activity.title).text if item.activity else item.id


def _moved_to(tr: Translator, impact: Impact, zone: ZoneInfo, mission: MissionDoc) -> str:
    """'20:00'; 'Tue 7 Oct 20:00' when the move changed the day ('moved to 20:00' read as a
    new hour on the same day); 'Brussels time' after it when that is the zone shown."""
    start = impact.changed.start.astimezone(zone)
    time = tr.time(start, zone)
    if impact.was is not None and impact.was.astimezone(zone).date() != start.date():
        time = f"{tr.short_date(start.date())} {time}"
    return zoned(tr, time, zone, mission)


def sentence(tr: Translator, impact: Impact, zone: ZoneInfo, mission: MissionDoc) -> str:
    """'The reception moved to 18:30 and now overlaps your B2B with Sierra Photonics'."""
    _ = tr.gettext
    what, other = _title(tr, impact.changed), _name(tr, impact.other)
    time = _moved_to(tr, impact, zone, mission)
    if impact.added:
        if impact.kind == "overlap":
            text = _("{what} is new on your agenda and overlaps {other}")
        else:
            text = _("{what} is new on your agenda: too little time to travel to or from {other}")
    elif impact.kind == "overlap":
        if impact.moved:
            text = _("{what} moved to {time} and now overlaps {other}")
        else:
            text = _("{what} changed and now overlaps {other}")
    elif impact.moved:
        text = _("{what} moved to {time}: too little time to travel to or from {other}")
    else:
        text = _("{what} changed place: too little time to travel to or from {other}")
    return text.format(what=what, time=time, other=other)
