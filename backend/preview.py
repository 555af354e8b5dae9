"""What a publish would change, compared with the live release, in plain words; and the guard
that refuses a publish dropping too much (a sheet saved half-empty must not wipe 500 agendas).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backend.live_mission import mission_json, present
from backend.personal_changes import personal_changes
from backend.releases import live
from backend.same_secret import other_secret
from backend.shelf import outline_of

if TYPE_CHECKING:
    from backend.build import Built

MAX_DROP = 0.2
SETTINGS = ("mission", "safety")


@dataclass
class Change:
    id: str
    title: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # name, before, after
    titles: dict[str, str] = field(default_factory=dict)  # per language, when it has them


@dataclass
class Preview:
    first: bool = False
    activities: int = 0
    delegates: int = 0
    live_activities: int = 0
    live_delegates: int = 0
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    cancelled: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    others: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # added, changed, gone
    settings: dict[str, list[str]] = field(default_factory=dict)  # "mission"/"safety": fields
    delegates_added: int = 0
    delegates_removed: int = 0
    affected: int = 0  # delegates whose own agenda changes
    hotels_lost: int = 0  # delegates who had a hotel stay live and have none in this one
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (live name, new name)
    edited: list[tuple[str, str, str, str]] = field(default_factory=list)  # field, who, was, is
    names_added: list[str] = field(default_factory=list)  # the first few added, by name
    names_removed: list[str] = field(default_factory=list)  # the first few removed, by name
    registrations: tuple[int, int, int] = (0, 0, 0)  # live, added, removed (delegates kept)
    meetings: tuple[int, int] = (0, 0)  # B2B meetings added, removed (delegates kept)
    live_meetings: int = 0  # B2B meetings of the delegates kept, live now
    meetings_changed: int = 0  # B2B meetings kept whose time, place or notes changed
    emptied: list[str] = field(default_factory=list)  # lists that had items and have none now
    absent: list[str] = field(default_factory=list)  # first publish: optional sheets left empty
    renumbered: tuple[int, int, int] | None = None  # the sheet's revision, the live one, given
    revisions: tuple[int, int] | None = None  # the live revision and the sheet's, if they differ
    unreadable: bool = False  # the live mission.json could not be read
    other_secret: bool = False  # the live release was made with another secret: all links change

    def touched(self) -> set[str]:
        """The activities whose change reaches every delegate registered for them."""
        return {c.id for c in self.changed + self.cancelled + self.removed}

    @property
    def empty(self) -> bool:
        return not (self.first or self.added or self.changed or self.cancelled or self.removed)


def compare(
    out: Path,
    built: Built,
    secret: bytes,
    digests: dict[str, str] | None = None,
    new_secret: bool = False,
) -> Preview:
    """The built documents against what `out` serves now (`digests`: each delegate's
    `doc_digest`, when known already). When the live release was made with another secret
    (backend.same_secret), delegates are not compared (every token differs) and the preview
    says so, unless the organiser asked for a `new_secret`."""
    assert built.mission is not None
    new = built.mission.model_dump(mode="json", exclude_none=True)
    preview = Preview(activities=len(new["activities"]), delegates=len(built.delegates))
    current = live(out)
    if current is None or not present(current):
        preview.first, preview.absent = True, _absent(built)
        return preview
    old = mission_json(current)
    if old is None:  # damaged by hand or by the disk: compared as unknown, and replaced
        preview.unreadable, old = True, {"activities": []}
    _activities(preview, _by_id(old["activities"]), _by_id(new["activities"]))
    if isinstance(old.get("revision"), int) and old["revision"] != new["revision"]:
        preview.revisions = (old["revision"], new["revision"])
    for key, items in new.items():
        if key != "activities" and isinstance(items, list) and isinstance(old.get(key), list):
            preview.others[key] = _counts(_by_id(old[key]), _by_id(items))
            if old[key] and not items:  # a sheet lost or saved empty
                preview.emptied.append(key)
    for key in SETTINGS:  # one object each (the Mission and Safety sheets), not rows
        if not preview.unreadable and old.get(key) != new.get(key):
            before, after = old.get(key) or {}, new.get(key) or {}
            changed = sorted(n for n in {*before, *after} if before.get(n) != after.get(n))
            preview.settings[key] = changed if after else []  # []: the whole of it is gone
    if not new_secret and other_secret(current, secret):
        preview.other_secret = True
        return preview
    people = personal_changes(current, built, secret, digests or {}, preview.touched())
    preview.live_delegates, preview.affected = people.live, people.affected
    preview.delegates_added, preview.delegates_removed = people.added, people.removed
    preview.hotels_lost, preview.renamed = people.hotels_lost, list(people.renamed)
    preview.edited = list(people.edited)
    preview.names_added, preview.names_removed = (
        list(people.names_added),
        list(people.names_removed),
    )
    preview.registrations, preview.meetings = people.registrations, people.meetings
    preview.live_meetings, preview.meetings_changed = people.live_meetings, people.meetings_changed
    return preview


def _absent(built: Built) -> list[str]:
    """The optional sheets that give delegates' pocket pages nothing: missing or empty."""
    assert built.mission is not None
    docs = built.delegates
    out = [] if any(outline_of(docs, i).stays for i in docs) else ["hotels"]
    out += [] if built.mission.hospitals else ["hospitals"]
    return out + ([] if built.mission.safety else ["safety"])


def _by_id(items: list[Any]) -> dict[str, dict[str, Any]]:
    """Rows by their id; a Logistics row, which has none, by its activity's."""
    return {
        str(i.get("id", i.get("activity_id"))): i
        for i in items
        if isinstance(i, dict) and ("id" in i or "activity_id" in i)
    }


def _title(item: dict[str, Any]) -> str:
    title = item.get("title") or item.get("name") or {}
    return str(title.get("en") or next(iter(title.values()), "")) if isinstance(title, dict) else ""


def _titles(item: dict[str, Any]) -> dict[str, str]:
    title = item.get("title")
    return {str(k): str(v) for k, v in title.items() if v} if isinstance(title, dict) else {}


def _activities(preview: Preview, old: dict[str, Any], new: dict[str, Any]) -> None:
    preview.live_activities = len(old)
    for key, item in new.items():
        before = old.get(key)
        if before is None:
            preview.added.append(Change(key, _title(item), titles=_titles(item)))
        elif item.get("state") == "cancelled" and before.get("state") != "cancelled":
            preview.cancelled.append(Change(key, _title(item), titles=_titles(item)))
        elif item != before:
            preview.changed.append(Change(key, _title(item), _fields(before, item), _titles(item)))
    preview.removed = [
        Change(k, _title(v), titles=_titles(v)) for k, v in old.items() if k not in new
    ]


# a moved activity reads as people say it: when it starts, then when it ends, then the rest
_FIRST = {"start": 0, "end": 1}


def _fields(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for name in sorted(set(before) | set(after), key=lambda n: (_FIRST.get(n, 2), n)):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        if isinstance(a, dict) or isinstance(b, dict):
            a, b = a or {}, b or {}
            for lang in sorted(set(a) | set(b)):
                if a.get(lang) != b.get(lang):
                    out.append((f"{name} ({lang})", _short(a.get(lang)), _short(b.get(lang))))
        else:
            out.append((name, _short(a), _short(b)))
    return out


def _short(value: object) -> str:
    text = "—" if value in (None, "", []) else str(value)
    if isinstance(value, list):
        text = ", ".join(str(v) if not isinstance(v, dict) else _title(v) for v in value) or "—"
    return text if len(text) <= 60 else text[:57] + "..."


def _counts(old: dict[str, Any], new: dict[str, Any]) -> tuple[int, int, int]:
    added = sum(1 for k in new if k not in old)
    changed = sum(1 for k, v in new.items() if k in old and old[k] != v)
    return added, changed, sum(1 for k in old if k not in new)


def drop(preview: Preview, max_drop: float = MAX_DROP) -> tuple[int, int, str] | None:
    """(removed, live, "activities", "delegates", "registrations" or "meetings") when a publish
    drops too much (a Registrations or Meetings sheet saved half-empty empties every agenda of
    them), else None."""
    for gone, total, what in (
        (len(preview.removed), preview.live_activities, "activities"),
        (preview.delegates_removed, preview.live_delegates, "delegates"),
        (preview.registrations[2], preview.registrations[0], "registrations"),
        (preview.meetings[1], preview.live_meetings, "meetings"),
    ):
        if total and gone / total > max_drop:
            return gone, total, what
    return None


def guard(preview: Preview, max_drop: float = MAX_DROP) -> str:
    """Why this publish is refused (in English, for the command line), or "" when it may go."""
    from backend.wording import refusal

    return refusal(preview, max_drop, _english, _english_plural)


def _english(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural
