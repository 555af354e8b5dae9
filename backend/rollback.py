"""Rollback: the release before the live one, live again under a revision above every one
published, so phones that hold a newer one take it (backend.releases keeps the releases).

Its documents are re-encoded with that revision, its schedule exports carry it as their version
(schedule apps take a schedule only when that changes) and its pages name it (backend.stamps); its
calendars are made again to follow what the live release published, so that calendar apps,
which keep an event until its SEQUENCE rises, change back too.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from backend import layout
from backend.calendars import personal_calendar
from backend.live_mission import stamp
from backend.memo import load_memo, seal
from backend.releases import (
    Entry,
    highest_published,
    history,
    holding,
    live,
    manifest_of,
    releases_of,
    write_release,
)
from backend.same_secret import SECRET
from backend.schedule_export import schedule_files
from backend.stamps import restamped
from backend.write_failure import watching
from services.calendar import EventCache
from services.feed_client import TOKEN_LIKE
from services.models import DelegateDoc, MissionDoc, encode

M = TypeVar("M", MissionDoc, DelegateDoc)


class Damaged(LookupError):
    """The release a rollback would make live again cannot be read whole: nothing changed."""

    def __init__(self, back: Entry, name: str, missing: bool) -> None:
        name = TOKEN_LIKE.sub("<token>", name)  # a delegate's token is theirs: never in a log
        self.revision, self.file = back.revision, name
        what = "is missing" if missing else "is damaged (not as it was published)"
        super().__init__(
            f"the release of revision {back.revision} cannot be made live again: its {name} "
            f"{what}. The live release stays as it is; publish again instead"
        )


class Overtaken(LookupError):
    """The release a rollback would bring back is not the one the organiser confirmed: another
    publish or rollback went out since. Nothing changed."""


def rollback(
    out: Path, now: datetime | None = None, wait: bool = True, expected: str | None = None
) -> Entry:
    """Make the release before the live one live again, with a revision above every one
    published so far. Raises LookupError with a sentence when there is nothing to go back to
    (Damaged: when what there is cannot be read; Overtaken: when it is not the release `expected`,
    the one the organiser was shown).
    Waits for a publish or rollback going out into `out`, then goes back from its release
    (`wait=False`: raises backend.staging.Busy instead)."""
    if live(out) is None:
        raise LookupError(f"nothing is published at {out} yet")
    with holding(out, wait), watching(out):
        return _rollback(out, now, expected)


def _rollback(out: Path, now: datetime | None, expected: str | None = None) -> Entry:
    current = live(out)
    if current is None:
        raise LookupError(f"nothing is published at {out} yet")
    entries = history(out)
    back = previous(out, current, entries)
    if back is None:
        raise LookupError("there is no earlier release to go back to")
    if expected is not None and back.release != expected:
        raise Overtaken(f"the release a rollback brings back is now revision {back.revision}")
    shown = stamp(current)  # None: damaged by hand or by the disk, the history still tells
    revision = highest_published(shown, entries) + 1
    release = releases_of(out) / back.release
    gone = _gone(release)
    if gone is not None:
        raise Damaged(back, gone, missing=True)
    try:  # every document is read before anything is written
        files = _with_revision(release, revision)
        files.update(_calendars_after(release, current, files))
    except _Unreadable as exc:
        raise Damaged(back, exc.name, exc.missing) from exc
    moment = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    entry = Entry("", revision, back.published_at, moment, back.activities, back.delegates)
    # its tokens are those of the release it brings back: so is the secret a publish must use,
    # in the new release before it goes out (backend.memo.seal)
    kept = load_memo(release).get(SECRET)
    sealed = partial(seal, part={SECRET: kept}) if kept is not None else None
    done = Entry(**{**asdict(entry), "action": f"rollback:{back.release}"})
    write_release(out, files, done, before_live=sealed)
    return history(out)[-1]


def previous(out: Path, current: Path | None, entries: list[Entry]) -> Entry | None:
    """The release a rollback would make live again (its history line), if any: the last one
    before the live `current` (before the release it brought back, when the live one is a
    rollback) that is still kept and is not the live one."""
    if current is None:
        return None
    # a live release always has its line (it is written before the swap), unless the history
    # was cut or edited by hand: then every line is earlier than it
    live_at = max(
        (i for i, e in enumerate(entries) if e.release == current.name), default=len(entries)
    )
    while 0 <= live_at < len(entries) and entries[live_at].action.startswith("rollback:"):
        # a rollback is live: "the previous release" is the one before the release it brought
        # back (itself perhaps a rollback), never the one it undid (a second press would put
        # that back)
        brought = entries[live_at].action.removeprefix("rollback:")
        live_at = max(
            (i for i, e in enumerate(entries[:live_at]) if e.release == brought), default=-1
        )
    if live_at < 0:  # the release it brought back has no line left: nothing known before it
        return None
    earlier = [
        e
        for e in entries[:live_at]
        if e.release != current.name and (releases_of(out) / e.release).is_dir()
    ]
    return earlier[-1] if earlier else None


def _with_revision(release: Path, revision: int) -> dict[str, bytes]:
    """Every served file of `release`, its documents re-encoded with `revision`, its schedule
    exports made again from that mission, and its delegates' pages naming it as theirs
    (backend.stamps: their time stays). _Unreadable when a file is not the one the release was
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
            raise _Unreadable(name)
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


def _calendars_after(release: Path, current: Path, served: dict[str, bytes]) -> dict[str, bytes]:
    """The calendars of `release` made again to follow what `current` published: subscribed
    calendar apps keep an event they have seen unless its SEQUENCE rises, so the items the
    rollback changes back get a higher one than `current` gave them (backend.calendars).
    `served`: the files of `release` (as _with_revision gives them). A calendar `current`
    published as it is in `release` changes nothing back and stays as it is: made again, it
    would come out the same (5,000 delegates: 11 s of a rollback's 19, for the ~40 whose
    calendar differs)."""
    mission = _read(MissionDoc, _bytes(release, "mission.json"), "mission.json")
    cache, files = EventCache(), {}
    for name in sorted(served):
        if name.startswith("delegates/") and name.endswith(".ics"):
            document = f"{name[:-4]}.json"
            if document not in served:  # _with_revision read every document there is
                raise _Unreadable(document, missing=True)
            before = layout.published(current, name)
            if before == served[name]:
                continue
            doc = _read(DelegateDoc, _bytes(release, document), document)
            files[name] = personal_calendar(mission, doc, before, cache)
    return files


def _gone(release: Path) -> str | None:
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


class _Unreadable(ValueError):
    def __init__(self, name: str, missing: bool = False) -> None:
        super().__init__(name)
        self.name, self.missing = name, missing


def _bytes(release: Path, name: str) -> bytes:
    try:
        return layout.read(release, name)
    except FileNotFoundError as exc:
        raise _Unreadable(name, missing=True) from exc


def _read(model: type[M], data: bytes, name: str) -> M:
    """The document `name` of a release as `model`; _Unreadable when it is not one."""
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        raise _Unreadable(name) from exc


def _rev(revision: int) -> dict[str, object]:
    return {"revision": revision}
