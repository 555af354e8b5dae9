"""Rollback: the release before the live one, live again under a revision above every one
published, so phones that hold a newer one take it (backend.releases keeps the releases).

Its documents are re-encoded with that revision, its schedule exports carry it as their version
(schedule apps take a schedule only when that changes) and its pages name it (backend.stamps); its
calendars are made again to follow what the live release published, so that calendar apps,
which keep an event until its SEQUENCE rises, change back too.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from backend.live_mission import stamp
from backend.memo import load_memo, seal
from backend.releases import (
    Entry,
    highest_published,
    history,
    holding,
    live,
    releases_of,
    write_release,
)
from backend.restored_files import Unreadable, calendars_after, gone_from, with_revision
from backend.same_secret import SECRET
from backend.write_failure import watching
from services.redaction import redacted


class Damaged(LookupError):
    """The release a rollback would make live again cannot be read whole: nothing changed."""

    def __init__(self, back: Entry, name: str, missing: bool) -> None:
        name = redacted(name)  # a delegate's token is theirs: never in a log
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
    gone = gone_from(release)
    if gone is not None:
        raise Damaged(back, gone, missing=True)
    try:  # every document is read before anything is written
        files = with_revision(release, revision)
        files.update(calendars_after(release, current, files))
    except Unreadable as exc:
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
