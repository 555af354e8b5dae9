"""Clocks: the real one, or a demo clock that starts at a chosen instant and keeps ticking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


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
    origin = system_clock()
    return lambda: fixed + (system_clock() - origin)
