"""Per-session memory a hosted server does not need to spend (flet 1.0.5, pinned).

Before every update Flet validates each control with `suppress_repeated_errors=True`, and to
do so gives every control its own empty set of already-reported errors, kept for the control's
lifetime: 216 bytes a control, ~39 KB of a session's ~350 KB (tracemalloc, 50 sessions). The
set is only ever written when a control fails validation. `LazyReported` stands in for it and
creates the real set on the control at its first error, so the behaviour is the same: a
repeated identical error is reported once, and a control that validates again is reset.
"""

from __future__ import annotations

from typing import Any

from flet.utils import validation

KEY = validation._REPORTED_VALIDATION_ERRORS_KEY


class LazyReported:
    """The error set of one control, made only when there is something to remember."""

    __slots__ = ("_owner",)

    def __init__(self, owner: Any) -> None:
        self._owner = owner

    def _kept(self) -> set[tuple[str, str]] | None:
        kept: set[tuple[str, str]] | None = getattr(self._owner, KEY, None)
        return kept

    def __contains__(self, signature: object) -> bool:
        kept = self._kept()
        return kept is not None and signature in kept

    def __bool__(self) -> bool:
        return bool(self._kept())

    def add(self, signature: tuple[str, str]) -> None:
        kept = self._kept()
        if kept is None:
            kept = set()
            setattr(self._owner, KEY, kept)
        kept.add(signature)

    def clear(self) -> None:
        kept = self._kept()
        if kept is not None:
            kept.clear()


def reported_errors(instance: Any) -> LazyReported:
    return LazyReported(instance)


def install() -> None:
    """Process-wide; `validate` looks the helper up at each call."""
    validation._get_reported_validation_errors = reported_errors  # type: ignore[assignment]
