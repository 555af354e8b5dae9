"""Layout values (paddings, margins, corner radii, alignments) made once per process.

A hosted server draws the same few paddings on every card of every session: each a Flet
value object of ~700 bytes (the object, its attribute dict, its sparse values and change
dicts, its parent link and frozen mark). `shared` returns one frozen instance per distinct
value instead. Flet diffs a retained frozen value by identity (`src is dst`: nothing to
send) and stores no snapshot on it, so one instance serves every control of every session.
Only scalar-valued objects are shared; anything else comes back as it was given.
"""

from __future__ import annotations

from typing import Any, TypeVar

V = TypeVar("V")
_kept: dict[tuple[Any, ...], Any] = {}
SCALARS = (int, float, str, bool, type(None))


def frozen(value: V) -> V:
    """`value`, marked as never changing: Flet freezes what it holds when it first draws it."""
    object.__setattr__(value, "_frozen", True)
    return value


def shared(value: V) -> V:
    values: dict[str, Any] | None = getattr(value, "_values", None)
    if values is None or not all(isinstance(v, SCALARS) for v in values.values()):
        return value
    key = (type(value), *sorted(values.items()))
    kept = _kept.get(key)
    if kept is None:
        kept = _kept.setdefault(key, frozen(value))  # never changed, never snapshotted
    return kept  # type: ignore[no-any-return]
