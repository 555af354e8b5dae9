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
    # the revision that last changed this field (0: a log written before 2026-12-01)
    revision: int = 0

    def same(self) -> bool:
        """True when nothing a reader could see differs (a field changed and then changed back)."""
        if self.old_text and self.new_text:
            return self.old_text == self.new_text
        return self.old == self.new


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    kind: Kind
    revision: int
    fields: tuple[FieldChange, ...] = ()
    tombstone: Activity | None = None
    meeting: Meeting | None = None  # the last known copy of a B2B meeting that was removed

    def since(self, seen: int) -> Change:
        """What a reader who read the item at revision `seen` has not seen: the log is shared by
        everyone who reads the document and merges every change since it began, so a field that
        changed before `seen` (a room they opened, or a change before they signed in) is left
        out; a field without a revision is kept."""
        fields = tuple(f for f in self.fields if not f.revision or f.revision > seen)
        if not fields or len(fields) == len(self.fields):
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
            f = f.model_copy(update={"old": first[name].old, "old_text": first[name].old_text})
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
            revision=revision,
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
