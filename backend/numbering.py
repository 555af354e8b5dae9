"""The revision and time a publish goes out under, so that phones take it.

Phones refuse a lower revision than the one they hold, and mark a change as new only when its
revision is above what the delegate has read. Organisers are asked to raise `revision` and
`published_at` in the mission sheet before each publish, and they forget; a rollback also goes
out under a revision above every one published, which the sheet does not know. So:

- a sheet whose revision is above every published one goes out as it says;
- else, a publish that changes nothing (the mission and every delegate's document the same,
  revision and time aside) goes out under the live revision and time: the same bytes; unless
  a higher revision went out before (a rollback an earlier publisher then went below), which
  phones hold and would keep;
- else it goes out as the next revision, at the sheet's time if that is later than the live
  one's, else now (never before the live time). The preview says so.

The highest revision published is the live one's or the history's; what of either cannot be
read (damaged by hand, a line cut short) is left aside, never a reason to go out lower.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from backend import layout
from backend.build import Built
from backend.live_mission import stamp
from backend.preview import Preview
from backend.releases import highest_published, history, live
from backend.shelf import restamped
from services.models import encode


@dataclass(frozen=True)
class Renumbered:
    asked: int  # the sheet's revision
    live: int  # the highest published so far
    given: int  # what this publish goes out as
    at: datetime


def renumber(out: Path, built: Built, preview: Preview, now: datetime) -> Renumbered | None:
    """How the publish of `built` into `out` must be renumbered; None: as the sheet says."""
    assert built.mission is not None
    current, mission = live(out), built.mission
    shown = stamp(current)
    highest = highest_published(shown, history(out))
    if mission.revision > highest:
        return None
    # unchanged keeps the live revision only if it is the highest: phones may hold a higher
    # one (a rollback that an earlier publisher then went out below), whose content differs
    if shown is not None and shown[0] == highest and _unchanged(current, built, preview, shown):
        if (mission.revision, mission.published_at) == shown:
            return None
        return Renumbered(mission.revision, highest, *shown)
    later = mission.published_at if shown and mission.published_at > shown[1] else now
    if shown and later < shown[1]:
        later = shown[1]  # the live time was in the future: never dated before it
    return Renumbered(mission.revision, highest, highest + 1, later)


def _unchanged(
    current: Path | None, built: Built, preview: Preview, shown: tuple[int, datetime]
) -> bool:
    """Whether the publish changes nothing a phone reads, revision and time aside."""
    assert built.mission is not None
    if current is None or preview.affected or preview.delegates_added or preview.delegates_removed:
        return False
    same = built.mission.model_copy(update={"revision": shown[0], "published_at": shown[1]})
    try:
        return encode(same) == layout.read(current, "mission.json")
    except OSError:
        return False


def renumbered(built: Built, numbers: Renumbered) -> Built:
    """`built` as it goes out under `numbers`: the mission and every delegate's document."""
    assert built.mission is not None
    stamp = (numbers.given, numbers.at)
    mission = built.mission.model_copy(update={"revision": stamp[0], "published_at": stamp[1]})
    return replace(built, mission=mission, delegates=restamped(built.delegates, stamp))
