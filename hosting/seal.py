"""A drawn frozen control's bookkeeping dicts, one read-only instance per distinct content.

Every Flet control carries two dicts besides its values: `_dirty` (which fields changed since
the last diff) and `_internals` (settings for the browser side, such as a Container's
`skip_properties`). Once the hosted server has drawn a frozen control, nothing writes to them
again: Flet refuses to change a frozen control (`Prop.__set__` raises before it marks the
field dirty), and the diff reads a frozen control's fields, not its `_dirty`. Yet each control
keeps its own: an empty `_dirty` (64 bytes), an empty `_internals` (64 bytes), and on every
Container a `_internals` with its own list (~300 bytes). At ~140-340 controls a screen that is
~20 KB of every session.

`drawn` swaps them, once the walk has drawn the control, for one `Sealed` dict per distinct
content, shared by every control of every session. Only what no session owns is shared: an
empty dict, or settings made of plain words, numbers and lists of them, which Flet sets from
its own code; two dicts are shared only when equal. A `Sealed` dict refuses every change, so
a write that would reach another control fails loudly instead of changing it.
"""

from __future__ import annotations

import copy
from typing import Any, NoReturn

from flet.controls.base_control import BaseControl

SCALARS = (str, int, float, bool, type(None))


class Sealed(dict[str, Any]):
    """A dict that refuses every change (reads, and a no-op `clear` or `pop`, work as on a
    dict; any copy of it is a plain, writable dict)."""

    __slots__ = ()

    def _refuse(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise TypeError("a drawn frozen control's sealed bookkeeping cannot change")

    __setitem__ = __delitem__ = __ior__ = _refuse
    update = setdefault = popitem = _refuse

    def pop(self, key: str, *default: Any) -> Any:
        if key in self or not default:
            self._refuse()
        return default[0]

    def clear(self) -> None:
        if self:
            self._refuse()

    # A copy (shallow, deep or pickled) is a plain dict of its own: copy's default way would
    # rebuild a Sealed item by item, and be refused.
    def __copy__(self) -> dict[str, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return copy.deepcopy(dict(self), memo)

    def __reduce__(self) -> tuple[type[dict[str, Any]], tuple[dict[str, Any]]]:
        return dict, (dict(self),)


EMPTY = Sealed()
_kept: dict[tuple[Any, ...], Sealed] = {(): EMPTY}


def _key(values: dict[str, Any]) -> tuple[Any, ...] | None:
    """What identifies a dict of plain settings; None for one holding anything else."""
    key: list[tuple[str, Any]] = []
    for name, value in values.items():
        if isinstance(value, list) and all(type(v) in SCALARS for v in value):
            key.append((name, ("list", *value)))
        elif type(value) in SCALARS:
            key.append((name, value))
        else:
            return None
    return tuple(sorted(key))


def sealed(values: Any) -> Any:
    """The shared sealed dict equal to `values`, or `values` itself when it is not a plain dict
    of plain settings."""
    if type(values) is not dict:
        return values
    if not values:
        return EMPTY
    key = _key(values)
    if key is None:
        return values
    kept = _kept.get(key)
    if kept is None:
        copy = {n: list(v) if isinstance(v, list) else v for n, v in values.items()}
        kept = _kept.setdefault(key, Sealed(copy))
    return kept


_keeps: dict[type, bool] = {}


def keeps_internals(cls: type) -> bool:
    """Whether Flet may write `_internals` after the control is made: in `before_update`
    (IconButton's style, for one). Those keep their own."""
    known = _keeps.get(cls)
    if known is None:
        known = _keeps[cls] = getattr(cls, "before_update", None) is not BaseControl.before_update
    return known


def drawn(item: Any, control: bool) -> None:
    """`item` was just drawn frozen: its empty `_dirty`, and a control's plain `_internals`,
    become the shared sealed ones."""
    # getattr, never `item.__dict__`: that would give the instance a dict of its own
    dirty = getattr(item, "_dirty", None)
    if type(dirty) is dict and not dirty:
        object.__setattr__(item, "_dirty", EMPTY)
    if control and not keeps_internals(type(item)):
        internals = getattr(item, "_internals", None)
        shared = sealed(internals)
        if shared is not internals:
            object.__setattr__(item, "_internals", shared)
