"""The diff step of a sync, with no I/O: a freshly parsed document and the stored one become
the unit to commit, its change log merged by item id; or a refusal (an older revision, another
mission arriving alone)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.changes import Change, ChangeLog, diff_delegates, diff_missions
from services.errors import FeedInvalid, Problem
from services.library import Loaded, Prepared
from services.models import DelegateDoc, MissionDoc
from services.store import Unit

ETAG = re.compile(r'^(W/)?"[\x21\x23-\x7e]{0,200}"$')


class OlderRevision(Exception):
    """The server sent a lower revision than the stored one (a stale CDN edge, a mistake)."""


class MissionMoved(Exception):
    """The feed now serves another mission: it may land only together with the person's
    agenda for it, never alone over an agenda of the old mission."""


@dataclass(frozen=True)
class Fresh:
    """A document just downloaded and parsed, not yet committed."""

    name: str
    data: bytes
    etag: str | None
    doc: MissionDoc | DelegateDoc


def clean_etag(etag: str | None) -> str | None:
    """Keep an ETag only in its valid form: a bad one is never sent back (nor stored)."""
    return etag if etag is not None and ETAG.match(etag) else None


def same_mission(person: DelegateDoc, mission: MissionDoc, label: str) -> None:
    if person.mission_id != mission.mission.id:
        problem = Problem("mission_id", f"{person.mission_id!r} is not {mission.mission.id!r}")
        raise FeedInvalid(label, [problem])


def prepare(
    fresh: Fresh,
    old: Loaded[Any] | None,
    mission: MissionDoc | None,
    now: datetime,
    move: bool = False,
) -> tuple[Prepared, int]:
    """The unit to commit, with the change log merged by item id; and how many items
    changed. Refuses an older revision of the same document, and another mission unless
    `move` says it lands together with the person's agenda."""
    doc, old_doc = fresh.doc, old.doc if old is not None else None
    previous: MissionDoc | DelegateDoc | None
    if isinstance(doc, MissionDoc):
        previous, changes = _mission_diff(old_doc, doc, move)
    else:
        previous, changes = _delegate_diff(old_doc, doc, mission)
    if previous is not None and doc.revision < previous.revision:
        raise OlderRevision(f"revision {doc.revision} < {previous.revision}")
    log_ = (old.changes if old is not None else ChangeLog()).merged(changes)
    unit = Unit(fresh.data, clean_etag(fresh.etag), now, doc.revision, log_.model_dump(mode="json"))
    return Prepared(unit, doc, log_), len({c.id for c in changes})


def _mission_diff(
    old: object, doc: MissionDoc, move: bool
) -> tuple[MissionDoc | None, list[Change]]:
    previous = old if isinstance(old, MissionDoc) else None
    if previous is not None and previous.mission.id != doc.mission.id:
        if not move:
            raise MissionMoved(f"{previous.mission.id} -> {doc.mission.id}")
        previous = None  # another mission: nothing to compare, nothing older
    return previous, diff_missions(previous, doc)


def _delegate_diff(
    old: object, doc: DelegateDoc, mission: MissionDoc | None
) -> tuple[DelegateDoc | None, list[Change]]:
    previous = old if isinstance(old, DelegateDoc) else None
    if mission is not None:
        same_mission(doc, mission, "personal agenda")
    if previous is not None and previous.mission_id != doc.mission_id:
        previous = None
    return previous, diff_delegates(previous, doc, mission) if mission is not None else []
