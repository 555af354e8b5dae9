"""A publish, rollback or upload that could not write (a full disk, a folder it may not write
in), in words an organiser can act on: what is live now, and what to do.

A release goes live with one rename after every file of it is written (backend.releases), so a
failure before that leaves the live release as it was. What comes after the rename (the history
line, the build cache, the invites) can still fail: then the new revision is live and only the
invites may be missing. `attempt` tells the two apart by the live release before and after.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from backend.live_mission import stamp
from backend.releases import live

Gettext = Callable[[str], str]
T = TypeVar("T")
FULL = {errno.ENOSPC, errno.EDQUOT}


@dataclass(frozen=True)
class WriteFailure:
    full: bool  # the disk (or the quota) is full
    reason: str  # the system's words and the file, for whoever runs the server
    live: int | None  # the revision that went live before it failed; None: nothing changed


def attempt(out: Path, job: Callable[[], T]) -> T | WriteFailure:
    """`job()`, or what its OSError means for what is live in `out`."""
    before = _live_release(out)
    try:
        return job()
    except OSError as exc:
        after = _live_release(out)
        shown = stamp(after) if after != before else None
        reason = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
        return WriteFailure(exc.errno in FULL, reason, shown[0] if shown else None)


def _live_release(out: Path) -> Path | None:
    try:
        current = live(out)
    except OSError:
        return None
    return current.resolve() if current else None


def sentence(failure: WriteFailure, action: str, _: Gettext, operator: bool = False) -> str:
    """`action`: "publish" or "rollback". `_`: gettext of the reader (identity: English).
    `operator`: the reader runs the server (the command line), not a console user."""
    if failure.full:
        cause = _("The server's disk is full.")
        todo = _("Ask whoever runs the server to free some space, then try again.")
    else:
        cause = _("The server could not write its files.")
        todo = _("Ask whoever runs the server to check its folders, then try again.")
    if operator:  # English only: the command line is not translated
        full, other = "Free some space", "Check that the feed's folders can be written"
        todo = f"{full if failure.full else other}, then try again."
    if failure.live is not None:
        state = _(
            "Revision {revision} is live, but what follows it (the history, the invites) could "
            "not all be written."
        ).format(revision=failure.live)
    elif action == "rollback":
        state = _("Nothing was rolled back: what is live stays live.")
    else:
        state = _("Nothing was published: what is live stays live.")
    parts = [cause, state, todo]
    if failure.live is not None and action == "publish":
        parts.append(_("Publishing the same workbook again completes it: delegates see no change."))
    return " ".join(parts)


def upload_sentence(failure: WriteFailure, _: Gettext) -> str:
    if failure.full:
        cause = _("The server's disk is full.")
    else:
        cause = _("The server could not write its files.")
    kept = _("Your workbook could not be kept: upload it again once there is space.")
    return f"{cause} {kept}"
