"""The files of a release a rollback brings back, as they go out again: under a new revision,
their calendars following what the live release published (backend.rollback)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from backend import layout
from backend.calendars import personal_calendar
from backend.releases import manifest_of
from backend.schedule_export import schedule_files
from backend.stamps import restamped
from services.calendar import EventCache
from services.models import DelegateDoc, MissionDoc, encode

M = TypeVar("M", MissionDoc, DelegateDoc)


def with_revision(release: Path, revision: int) -> dict[str, bytes]:
    """Every served file of `release`, its documents re-encoded with `revision`, its schedule
    exports made again from that mission, and its delegates' pages naming it as theirs
    (backend.stamps: their time stays). Unreadable when a file is not the one the release was
    published with (its manifest's sha-256): a delegate's changed object gone, say, would
    otherwise be served from the older base."""
    files: dict[str, bytes] = {}
    mission: MissionDoc | None = None
    named = manifest_of(release)
    for name, path in sorted(layout.listing(release).items()):
        if name.endswith(".gz"):
            continue
        data = path.read_bytes()
        if name in named and hashlib.sha256(data).hexdigest() != named[name]:
            raise Unreadable(name)
        if name == "mission.json":
            mission = _read(MissionDoc, data, name).model_copy(update=_rev(revision))
            data = encode(mission)
        elif name.startswith("delegates/") and name.endswith(".json"):
            data = encode(_read(DelegateDoc, data, name).model_copy(update=_rev(revision)))
        elif name.startswith("delegates/") and name.endswith(".html"):
            data = restamped(data, revision)
        files[name] = data
    return files | (_schedules(files, mission) if mission is not None else {})


def _schedules(files: dict[str, bytes], mission: MissionDoc) -> dict[str, bytes]:
    """The schedule exports among `files` made again from `mission`, as a publish makes them:
    schedule apps take a schedule only when its version (the revision) changes. They link to
    where the release's own schedule.json says it is served; a release without a readable one
    keeps its files as they are."""
    try:
        url = json.loads(files["schedule.json"])["schedule"]["conference"]["url"]
    except (KeyError, ValueError, TypeError):
        return {}
    if not isinstance(url, str):
        return {}
    made = schedule_files(mission, url.removesuffix("schedule.json"))
    return {name: data for name, data in made.items() if name in files}


def calendars_after(release: Path, current: Path, served: dict[str, bytes]) -> dict[str, bytes]:
    """The calendars of `release` made again to follow what `current` published: subscribed
    calendar apps keep an event they have seen unless its SEQUENCE rises, so the items the
    rollback changes back get a higher one than `current` gave them (backend.calendars).
    `served`: the files of `release` (as with_revision gives them). A calendar `current`
    published as it is in `release` changes nothing back and stays as it is: made again, it
    would come out the same (5,000 delegates: 11 s of a rollback's 19, for the ~40 whose
    calendar differs)."""
    mission = _read(MissionDoc, _bytes(release, "mission.json"), "mission.json")
    cache, files = EventCache(), {}
    for name in sorted(served):
        if name.startswith("delegates/") and name.endswith(".ics"):
            document = f"{name[:-4]}.json"
            if document not in served:  # with_revision read every document there is
                raise Unreadable(document, missing=True)
            before = layout.published(current, name)
            if before == served[name]:
                continue
            doc = _read(DelegateDoc, _bytes(release, document), document)
            files[name] = personal_calendar(mission, doc, before, cache)
    return files


def gone_from(release: Path) -> str | None:
    """The first file `release` was published with that it no longer has (its manifest says
    which), or a link of its delegates' that leads nowhere; None when it is whole."""
    listed = layout.listing(release)
    named = manifest_of(release)
    gone = next((path for path in named if path not in listed), None)
    if gone is not None:
        return gone
    delegates = release / layout.DELEGATES
    if delegates.is_symlink() and not delegates.exists():
        return layout.DELEGATES
    try:
        with os.scandir(release / layout.CHANGED) as links:
            return next((f"{layout.CHANGED}/{e.name}" for e in links if not e.is_dir()), None)
    except FileNotFoundError:  # a release made before objects
        return None


class Unreadable(ValueError):
    def __init__(self, name: str, missing: bool = False) -> None:
        super().__init__(name)
        self.name, self.missing = name, missing


def _bytes(release: Path, name: str) -> bytes:
    try:
        return layout.read(release, name)
    except FileNotFoundError as exc:
        raise Unreadable(name, missing=True) from exc


def _read(model: type[M], data: bytes, name: str) -> M:
    """The document `name` of a release as `model`; Unreadable when it is not one."""
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        raise Unreadable(name) from exc


def _rev(revision: int) -> dict[str, object]:
    return {"revision": revision}
