"""A publish, rollback or upload that could not write (a full disk, a folder it may not write
in), in words an organiser can act on: what is live now, and what to do.

A release goes live with one rename after every file of it and its history line are written
(backend.releases), so a failure before that leaves the live release as it was. What comes after
the rename (the build cache, the invites) can still fail: then the new revision is live and only
the invites may be missing. `watching`, inside the feed's lock, tells the two apart.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from backend.live_mission import stamp
from backend.releases import live
from services.redaction import redacted

Gettext = Callable[[str], str]
T = TypeVar("T")
FULL = {errno.ENOSPC, errno.EDQUOT}


@dataclass(frozen=True)
class WriteFailure:
    full: bool  # the disk (or the quota) is full
    reason: str  # the system's words and the folder, for whoever runs the server
    went_live: bool  # the job's release went live before it failed
    live: int | None = None  # its revision (None: unreadable)


class PartlyWritten(OSError):
    """What `watching` raises: the job's release went live, then an OSError stopped what follows
    it (the build cache, the invites). `revision`: the one now live."""

    def __init__(self, cause: OSError, revision: int | None) -> None:
        super().__init__(cause.errno, cause.strerror, cause.filename)
        self.revision = revision


@contextmanager
def watching(out: Path) -> Iterator[None]:
    """Around a publish or rollback that holds the feed's lock, so that no one else can swap the
    live release meanwhile: an OSError after its own release went live is a PartlyWritten."""
    before = _live_release(out)
    try:
        yield
    except PartlyWritten:
        raise
    except OSError as exc:
        after = _live_release(out)
        if after == before:
            raise
        shown = stamp(after)
        raise PartlyWritten(exc, shown[0] if shown else None) from exc


def attempt(job: Callable[[], T]) -> T | WriteFailure:
    """`job()`, or what its OSError means: a PartlyWritten went live, any other did not."""
    try:
        return job()
    except OSError as exc:
        # the system's words and the folder, never a delegate's token (they name files)
        where = redacted(str(exc.filename)) if exc.filename else ""
        reason = f"{exc.strerror or exc}" + (f": {where}" if where else "")
        if isinstance(exc, PartlyWritten):
            return WriteFailure(exc.errno in FULL, reason, True, exc.revision)
        return WriteFailure(exc.errno in FULL, reason, False)


def _live_release(out: Path) -> Path | None:
    try:
        return live(out)  # resolved: the release folder, not the symlink
    except OSError:
        return None


def _cause(failure: WriteFailure, _: Gettext) -> str:
    if failure.full:
        return _("The server's disk is full.")
    return _("The server could not write its files.")


def sentence(failure: WriteFailure, action: str, _: Gettext, operator: bool = False) -> str:
    """`action`: "publish" or "rollback". `_`: gettext of the reader (identity: English).
    `operator`: the reader runs the server (the command line), not a console user."""
    if failure.full:
        todo = _("Ask whoever runs the server to free some space, then try again.")
    else:
        todo = _("Ask whoever runs the server to check its folders, then try again.")
    if operator:  # English only: the command line is not translated
        full, other = "Free some space", "Check that the feed's folders can be written"
        todo = f"{full if failure.full else other}, then try again."
    if failure.went_live and action == "rollback":
        # trying again would go back one more release, not finish this one
        state = _("The rollback went out: revision {revision} is live.")
        todo = _("Do not roll back again: that would go back one more release.")
    elif failure.went_live:
        state = _(
            "Revision {revision} is live, but what follows it (the invites) could not all be "
            "written."
        )
        again = _("Publish the same workbook again to complete it: delegates see no change.")
        todo = f"{todo} {again}"
    elif action == "rollback":
        state = _("Nothing was rolled back: what is live stays live.")
    else:
        state = _("Nothing was published: what is live stays live.")
    return " ".join((_cause(failure, _), state.format(revision=failure.live or "?"), todo))


def upload_sentence(failure: WriteFailure, _: Gettext) -> str:
    if failure.full:
        kept = _("Your workbook could not be kept: upload it again once there is space.")
    else:
        kept = _("Your workbook could not be kept: upload it again once the server is fixed.")
    return f"{_cause(failure, _)} {kept}"
