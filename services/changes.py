"""Change detection by stable id, field by field: new, changed (old -> new), cancelled.

The first load flags nothing. An activity that disappears is `cancelled`, with its last known
copy kept as a tombstone so agendas can still show what it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

from services.i18n import localize
from services.models import Activity, DelegateDoc, Lang, Meeting, MissionDoc

Kind = Literal["new", "changed", "cancelled"]
WATCHED = ("start", "end", "venue_id", "room", "title", "state")
MEETING_FIELDS = ("start", "end", "venue_id", "location", "counterpart", "company")


class Before(BaseModel):
    """What a field was just before one revision changed it."""

    model_config = ConfigDict(frozen=True)
    revision: int
    old: str
    old_text: dict[Lang, str] = {}


class FieldChange(BaseModel):
    """One field, before and after. A localized field (a room, a title) also keeps every
    language, so each reader sees both sides in their own; `old` and `new` then hold the English
    (all that logs written before 2026-11-30 have, and what they still show)."""

    model_config = ConfigDict(frozen=True)
    field: str
    old: str
    new: str
    old_text: dict[Lang, str] = {}
    new_text: dict[Lang, str] = {}
    # each revision that changed the field, oldest first, with the value just before it
    # (none in a log written before 2026-12-01: such a field is always shown whole)
    steps: tuple[Before, ...] = ()

    def same(self) -> bool:
        """True when nothing a reader could see differs (a field changed and then changed back)."""
        if self.old_text and self.new_text:
            return self.old_text == self.new_text
        return self.old == self.new

    def since(self, seen: int) -> FieldChange | None:
        """The field as a reader who read it at revision `seen` sees it: from what it was then
        (the value before the first change after `seen`), or None when nothing changed since."""
        later = [step for step in self.steps if step.revision > seen]
        if not self.steps or (later and later[0] is self.steps[0]):
            return self
        if not later:
            return None
        shown = self.model_copy(update={"old": later[0].old, "old_text": later[0].old_text})
        return None if shown.same() else shown


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    kind: Kind
    revision: int
    fields: tuple[FieldChange, ...] = ()
    tombstone: Activity | None = None
    meeting: Meeting | None = None  # the last known copy of a B2B meeting that was removed

    def since(self, seen: int) -> Change:
        """What a reader who read the item at revision `seen` has not seen. The log is shared by
        everyone who reads the document and merges every change since it began: a field that
        changed only before `seen` (a room they opened, or moved before they signed in) is left
        out, and one that changed again reads from the value they last saw."""
        fields = tuple(f for f in (field.since(seen) for field in self.fields) if f is not None)
        if not fields or fields == self.fields:
            return self
        return self.model_copy(update={"fields": fields})


class ChangeLog(BaseModel):
    """Every unacknowledged change per id; saved beside the document it describes."""

    changes: dict[str, Change] = {}

    def merged(self, found: Iterable[Change]) -> ChangeLog:
        """A new activity that then changes stays `new`; a re-added one is `changed`."""
        out = dict(self.changes)
        for change in found:
            before = out.get(change.id)
            if before is not None and before.kind == "new" and change.kind == "changed":
                change = change.model_copy(update={"kind": "new"})
            if before is not None and before.kind != "new" and change.kind == "changed":
                change = change.model_copy(update={"fields": _merge_fields(before, change)})
            out[change.id] = change
        return ChangeLog(changes=out)

    def tombstones(self) -> dict[str, Activity]:
        return {i: c.tombstone for i, c in self.changes.items() if c.tombstone is not None}

    def removed_meetings(self) -> dict[str, Meeting]:
        """B2B meetings the organisers took away: shown as cancelled, never silently gone."""
        return {i: c.meeting for i, c in self.changes.items() if c.meeting is not None}


def all_changes(*logs: ChangeLog) -> list[Change]:
    """Every change in the logs, one per id; an earlier log wins (pass the personal one first)."""
    out: dict[str, Change] = {}
    for log in logs:
        for item_id, change in log.changes.items():
            out.setdefault(item_id, change)
    return list(out.values())


def _merge_fields(before: Change, after: Change) -> tuple[FieldChange, ...]:
    """Keep the oldest 'old' value per field so the delegate sees what they last knew; a field
    the later change left alone keeps its earlier entry (its 'new' is still current)."""
    first = {f.field: f for f in before.fields}
    latest = {f.field: f for f in after.fields}
    merged = []
    for name in dict.fromkeys([*first, *latest]):
        f = latest.get(name) or first[name]
        if name in first and name in latest:
            a, b = first[name], latest[name]
            steps = a.steps + b.steps if a.steps and b.steps else ()  # none: an older log's
            f = b.model_copy(update={"old": a.old, "old_text": a.old_text, "steps": steps})
        merged.append(f)
    return tuple(f for f in merged if not f.same())


def _value(obj: Activity | Meeting, field: str) -> tuple[str, dict[Lang, str]]:
    """The value as text, and for a localized field every language of it."""
    value = getattr(obj, field)
    if hasattr(value, "isoformat"):
        return str(value.isoformat()), {}
    if isinstance(value, Mapping):
        return localize(value, "en").text, dict(value)
    return ("" if value is None else str(value)), {}


def _field_changes(
    old: Activity | Meeting, new: Activity | Meeting, fields: tuple[str, ...], revision: int
) -> tuple[FieldChange, ...]:
    out = []
    for field in fields:
        (before, before_text), (after, after_text) = _value(old, field), _value(new, field)
        change = FieldChange(
            field=field,
            old=before,
            new=after,
            old_text=before_text,
            new_text=after_text,
            steps=(Before(revision=revision, old=before, old_text=before_text),),
        )
        if not change.same():
            out.append(change)
    return tuple(out)


def diff_missions(old: MissionDoc | None, new: MissionDoc) -> list[Change]:
    """Changes from `old` to `new`; nothing when there is no previous version."""
    if old is None:
        return []
    rev = new.revision
    before = {a.id: a for a in old.activities}
    after = {a.id: a for a in new.activities}
    found: list[Change] = []
    for aid, activity in after.items():
        prev = before.get(aid)
        if prev is None:
            found.append(Change(id=aid, kind="new", revision=rev))
        elif activity.state == "cancelled" and prev.state != "cancelled":
            found.append(
                Change(
                    id=aid,
                    kind="cancelled",
                    revision=rev,
                    fields=_field_changes(prev, activity, ("state",), rev),
                )
            )
        else:
            fields = _field_changes(prev, activity, WATCHED, rev)
            if fields:
                found.append(Change(id=aid, kind="changed", revision=rev, fields=fields))
    for aid, prev in before.items():
        if aid not in after:
            found.append(Change(id=aid, kind="cancelled", revision=rev, tombstone=prev))
    return found


def diff_delegates(old: DelegateDoc | None, new: DelegateDoc, mission: MissionDoc) -> list[Change]:
    """Meetings added, moved or dropped, and activities taken off this person's agenda."""
    if old is None or old.delegate.id != new.delegate.id:
        return []
    rev = new.revision
    found: list[Change] = []
    before = {m.id: m for m in old.meetings}
    after = {m.id: m for m in new.meetings}
    for mid, meeting in after.items():
        prev = before.get(mid)
        if prev is None:
            found.append(Change(id=mid, kind="new", revision=rev))
        else:
            fields = _field_changes(prev, meeting, MEETING_FIELDS, rev)
            if fields:
                found.append(Change(id=mid, kind="changed", revision=rev, fields=fields))
    found += [
        Change(id=mid, kind="cancelled", revision=rev, meeting=prev)
        for mid, prev in before.items()
        if mid not in after
    ]
    activities = {a.id: a for a in mission.activities}
    for aid in set(old.registered) - set(new.registered):
        found.append(Change(id=aid, kind="cancelled", revision=rev, tombstone=activities.get(aid)))
    for aid in set(new.registered) - set(old.registered):
        found.append(Change(id=aid, kind="new", revision=rev))
    return found
