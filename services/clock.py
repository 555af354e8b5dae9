"""Clocks: the device's, or a demo clock that starts at a chosen instant and keeps ticking,
and the device's time as the organisers' server would read it."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]
# Below this the device's own time is kept: a countdown reads whole minutes ('in 12 min'), and
# a phone set by hand to the minute, or a slow answer's round trip, is off by less. Correcting
# it would only make the app disagree with the phone's status bar for nothing.
SKEW = timedelta(minutes=3)
# A phone that lost its battery may wake in 1970: that is still corrected. An offset beyond
# this can only come from a damaged settings file, and would make every time unreadable.
FARTHEST = timedelta(days=100 * 366)


def system_clock() -> datetime:
    return datetime.now(UTC)


class DemoClock:
    """A clock set on purpose (a demo's $DELEGATE_NOW): the organisers' server never corrects
    it, and nothing is measured against it."""

    demo = True

    def __init__(self, fixed: datetime) -> None:
        self.fixed = fixed
        self.origin = system_clock()

    def __call__(self) -> datetime:
        return self.fixed + (system_clock() - self.origin)


def is_demo(clock: Clock) -> bool:
    return bool(getattr(clock, "demo", False))


def clock_from(start: str | None) -> Clock:
    """`start` like '2025-10-07T15:40:00-07:00' (e.g. $DELEGATE_NOW) shifts time for demos."""
    if not start:
        return system_clock
    try:
        fixed = datetime.fromisoformat(start)
    except ValueError as exc:
        raise SystemExit(f"DELEGATE_NOW={start!r} is not an ISO 8601 instant with offset") from exc
    if fixed.tzinfo is None:
        raise SystemExit(f"DELEGATE_NOW={start!r} needs an offset, e.g. -07:00")
    return DemoClock(fixed)


def correction(clock: Clock, offset: float | None) -> timedelta | None:
    """How far to move `clock`'s time: `offset` (seconds, the server's time minus the device's,
    measured at a sync) when it is SKEW or more and `clock` is the device's own; else None."""
    if offset is None or is_demo(clock) or not math.isfinite(offset):
        return None
    if not SKEW.total_seconds() <= abs(offset) <= FARTHEST.total_seconds():
        return None
    return timedelta(seconds=offset)
