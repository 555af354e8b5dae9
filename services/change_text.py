"""What changed, in words: one line per field ('Time' 14:00–15:00 to 15:00–16:00) and when.

Old and new values stay apart so a screen can put an arrow icon between them: the bundled
font has no '→' glyph, and a missing glyph is a box in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from services.agenda import AgendaItem
from services.changes import Change, FieldChange
from services.i18n import Translator
from services.models import MissionDoc
from services.present import zoned, zoned_range
from services.repository import Repository


@dataclass(frozen=True)
class ChangeLine:
    """`lead` old → new ('Heure :' 16:30–18:00 → 17:00–18:30); with no old and new, `lead` is a
    sentence on its own. The lead carries the language's punctuation (French: a no-break space
    before the colon), so nobody appends a colon."""

    lead: str
    old: str = ""
    new: str = ""

    def plain(self) -> str:
        """For screen readers and tests: 'Time: 14:00–15:00 → 15:00–16:00'."""
        return f"{self.lead} {self.old} → {self.new}" if self.old or self.new else self.lead


def change_lines(
    tr: Translator, change: Change, mission: MissionDoc, zone: ZoneInfo
) -> list[ChangeLine]:
    """Time, venue, room, place, counterpart and company: before and after; title as a note.

    Both sides are in the reader's language where the log kept every language (a room), else
    as logged (entries saved before it did hold the English only)."""
    _ = tr.gettext
    venues = {v.id: v.name for v in mission.venues}
    fields = {f.field: f for f in change.fields}
    values = {name: (f.old, f.new) for name, f in fields.items()}
    lines: list[ChangeLine] = []
    if "start" in values or "end" in values:
        days = _moved_day(values, zone)
        old, new = _span(tr, values, 0, zone, days), _span(tr, values, 1, zone, days)
        # the end alone: 'Time: 18:00 → 18:30' read as a later start
        lead = _("Time") if "start" in values else _("Ends")
        lines.append(ChangeLine(tr.label(lead), old, zoned(tr, new, zone, mission)))
    labels = {
        "venue_id": _("Venue"),
        "room": _("Room"),
        "location": _("Place"),
        "counterpart": _("With"),
        "company": _("Company"),
    }
    for name, label in labels.items():
        if name in fields:
            old, new = _readable(tr, fields[name])
            if name == "venue_id":
                old, new = venues.get(old, old), venues.get(new, new)
            if old != new:  # a change in another language only: nothing to show this reader
                lines.append(ChangeLine(tr.label(label), old or "—", new or "—"))
    if "title" in values:
        lines.append(ChangeLine(_("The title changed")))
    return lines


def _readable(tr: Translator, field: FieldChange) -> tuple[str, str]:
    """Old and new in the reader's language, with the fallback rule of all feed text."""
    old = tr.text(field.old_text).text if field.old_text else field.old
    new = tr.text(field.new_text).text if field.new_text else field.new
    return old, new


def _span(
    tr: Translator, values: dict[str, tuple[str, str]], which: int, zone: ZoneInfo, days: bool
) -> str:
    at = {n: datetime.fromisoformat(values[n][which]) for n in ("start", "end") if n in values}
    if len(at) == 2:  # past midnight it names the day it ends, as everywhere else
        span = tr.time_range(at["start"], at["end"], zone)
    else:
        span = tr.time(next(iter(at.values())), zone)
    if not days:
        return span
    first = at.get("start") or at["end"]
    return f"{tr.short_date(first.astimezone(zone).date())} {span}"


def _moved_day(values: dict[str, tuple[str, str]], zone: ZoneInfo) -> bool:
    """The start is on another day, or (the end alone changed) the end is: both sides name
    their day ('16:30–18:00 → 16:30–18:00' hid a move to the next day, 'Ends: 23:00 → 00:30'
    one past midnight)."""
    name = "start" if "start" in values else "end"
    old, new = (datetime.fromisoformat(v).astimezone(zone).date() for v in values[name])
    return old != new


def change_when(
    tr: Translator, start: datetime, end: datetime, zone: ZoneInfo, mission: MissionDoc
) -> str:
    """'Thursday 9 October, 17:15–17:45': the day and time an entry of What changed is about."""
    day = tr.day(start.astimezone(zone).date())
    return f"{day}, {zoned_range(tr, start, end, zone, mission)}"


def item_when(tr: Translator, item: AgendaItem, zone: ZoneInfo, mission: MissionDoc) -> str:
    return change_when(tr, item.start, item.end, zone, mission)


@dataclass(frozen=True)
class ChangeEntry:
    """One entry of What changed: what it is about, when that is, and where it leads."""

    change: Change
    title: str
    route: str
    when: str
    start: datetime
    dropped: bool = False  # taken off this person's agenda; the activity itself goes on
    sample: bool = False  # illustrative data: marked as such


def change_entries(
    tr: Translator, repo: Repository, changes: list[Change], zone: ZoneInfo
) -> list[ChangeEntry]:
    """The changes a person can open, in the order of the day they are about.

    The count on My agenda uses the same list, so the number always matches what is shown.
    """
    items = {i.id: i for i in repo.agenda()}
    out: list[ChangeEntry] = []
    for change in changes:
        activity = repo.activity(change.id) or repo.tombstone(change.id)
        item = items.get(change.id)
        if activity is not None:
            title = tr.text(activity.title).text
            start, end, route = activity.start, activity.end, f"/activity/{change.id}"
            sample = activity.sample
        elif item is not None and item.meeting is not None:
            title = tr.gettext("B2B with {person}").format(person=item.meeting.counterpart)
            start, end, route = item.start, item.end, f"/meeting/{change.id}"
            sample = item.meeting.sample
        else:
            continue
        when = change_when(tr, start, end, zone, repo.mission)
        live = repo.activity(change.id)
        dropped = change.kind == "cancelled" and live is not None and live.state != "cancelled"
        out.append(ChangeEntry(change, title, route, when, start, dropped, sample))
    out.sort(key=lambda e: (e.start, e.title))
    return out
