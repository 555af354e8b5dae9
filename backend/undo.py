"""What a rollback would serve, for the organiser to confirm before it goes out (the console's
page, the command line's question): the release it brings back, the revision it goes out as,
and a short count of what changes back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.live_mission import mission_json, stamp
from backend.releases import Entry, highest_published, history, live, releases_of
from backend.rollback import previous


@dataclass(frozen=True)
class Undo:
    """A rollback as the organiser confirms it. Activities are counted by id: `changed` (in both,
    not the same), `back` (only in the release brought back), `gone` (only in the live one:
    delegates see them as cancelled). None of the three when a mission cannot be read."""

    back: Entry
    live: int | None  # the live revision, as the home page shows it
    delegates: int | None  # the live release's delegates, as its history line counts them
    revision: int  # the one it goes out as, above every one published
    changed: int | None
    returning: int | None
    gone: int | None


def live_revision(current: Path | None, entries: list[Entry]) -> int | None:
    """What the live mission says; its history line's when it cannot be read (damaged)."""
    shown = stamp(current)
    if shown is not None:
        return shown[0]
    return next((e.revision for e in entries if current and e.release == current.name), None)


def undo(out: Path) -> Undo | None:
    """The rollback that would be made now; None when there is nothing to go back to."""
    current, entries = live(out), history(out)
    back = previous(out, current, entries)
    if back is None:
        return None
    shown = stamp(current)
    current_name = current.name if current else ""
    revision = highest_published(shown, entries) + 1
    counts = _counts(mission_json(current), mission_json(releases_of(out) / back.release))
    delegates = next((e.delegates for e in entries[::-1] if e.release == current_name), None)
    now = live_revision(current, entries)
    return Undo(back, now, delegates, revision, *counts)


def _counts(
    live_mission: dict[str, Any] | None, earlier: dict[str, Any] | None
) -> tuple[int | None, int | None, int | None]:
    if live_mission is None or earlier is None:
        return None, None, None
    now, then = _by_id(live_mission), _by_id(earlier)
    changed = sum(1 for key, item in then.items() if key in now and now[key] != item)
    return changed, len(then.keys() - now.keys()), len(now.keys() - then.keys())


def _by_id(mission: dict[str, Any]) -> dict[str, Any]:
    items = mission.get("activities")
    rows = items if isinstance(items, list) else []
    return {str(i.get("id")): i for i in rows if isinstance(i, dict)}


def brought_back(out: Path, release: str) -> bool:
    """Whether what is live is a rollback that brought `release` back: a confirmation sent
    twice (a double click, a reload) finds its rollback done, not another one to make."""
    current, entries = live(out), history(out)
    last = entries[-1] if entries else None
    return (
        current is not None
        and last is not None
        and last.release == current.name
        and last.action == f"rollback:{release}"
    )
