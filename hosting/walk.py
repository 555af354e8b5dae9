"""Tab switches a hosted server can make cheaper (flet 1.0.5, pinned).

After each diff Flet walks the new controls (to configure them) and the removed ones (to
forget them). Both walks visit every field of every control through a recursive generator:
~60 fields a control, and a new generator, `is_dataclass` call and two `isinstance` calls
for each field, even for a string or None, which can hold no control. On a tab switch that
is ~64% of the server's CPU (py-spy, 10 sessions, 300 switches).

`configure_dataclass` and `removed_controls` do the same walk in the same order with the same
side effects, and skip the values that cannot hold a control: strings, numbers, None, enum
members, event handlers, empty lists and dicts, the id and type name, and the sparse fields a
control leaves at their default (Flet keeps only set ones in `_values`). They collect into a
list: Flet only ever drains these generators whole (`list(...)` in `ObjectPatch.from_diff`).
`install` swaps them in only over the exact Flet code they were written against; any other
Flet keeps its own walk. On the Programme screen (~270 controls), side by side in one run:
configuring it 29–33 ms with Flet's walk, 3.7–4.0 ms with this; forgetting it 13–16 ms,
1.1–1.3 ms.

What the hosted server adds to the walk for memory (sealing a drawn control's bookkeeping,
sharing a leaf's values across sessions) waits until the patch has been sent: in one process
at 300 sessions, the first patch of a switch to the Programme took ~0.2 ms less CPU (2.7-2.8
ms instead of 2.9-3.0), the same work done right after it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from operator import itemgetter
from typing import Any

from flet.controls import object_patch
from flet.controls.base_control import BaseControl
from flet.controls.object_patch import DiffBuilder, ObjectPatchException
from flet.controls.value_types import Prop, _get_raw_descriptor

from hosting import leaf_values, lean, seal, stand_in

log = logging.getLogger(__name__)

# Values that cannot hold a control: the walk stops at them (their exact types only, so a
# str-based enum still takes the full path).
LEAVES = frozenset({str, int, float, bool, bytes, type(None)})
# sha-256 of inspect.getsource of the two methods replaced, in flet 1.0.5.
ORIGINAL = {
    "_configure_dataclass": "fbbb21ab0ef5bcaa78b15d04710e34bc0c2fdfd9b9f310915cca91f7f516ca37",
    "_removed_controls": "a2053753507269d7dcac444cdce375ecb67d43da65f670a77357c26019d264d2",
}


@dataclass(frozen=True)
class Plan:
    """How to read a class's walked fields. `sparse`: Flet `Prop`s whose default cannot hold
    a control; their value is in the instance's `_values` only when it is not the default, so
    an absent one needs no visit. `dense`: the rest, always read, but for a control's id and
    type name (an int and a str)."""

    names: tuple[str, ...]
    sparse: frozenset[str]
    dense: tuple[str, ...]
    rank: dict[str, int]


_plans: dict[type, Plan] = {}
_dataclass_types: dict[type, bool] = {}
_walked_types: dict[type, bool] = {}
SCALAR_INTERNALS = frozenset({"_i", "_c"})


def holds_nothing(default: Any) -> bool:
    """A default no control can be found in: a leaf, or an enum member (Flet's own walk
    visits an enum and finds nothing in it)."""
    return type(default) in LEAVES or isinstance(default, Enum)


def plan(cls: type) -> Plan:
    known = _plans.get(cls)
    if known is None:
        fields = dataclasses.fields(cls)
        names = tuple(f.name for f in fields if not f.metadata.get("skip", False))
        sparse = frozenset(
            name
            for name in names
            if isinstance(prop := _get_raw_descriptor(cls, name), Prop)
            and holds_nothing(prop.default)
        )
        scalars = SCALAR_INTERNALS if issubclass(cls, BaseControl) else frozenset()
        dense = tuple(n for n in names if n not in sparse and n not in scalars)
        known = _plans[cls] = Plan(names, sparse, dense, {n: i for i, n in enumerate(names)})
    return known


def walked(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass that Flet walks: all but those marked `skip`."""
    return plan(cls).names


def walked_into(value: Any) -> bool:
    """Whether either walk can find a control in `value`: a dataclass, or a dict or list with
    something in it. Everything else (a string, an enum member, an event handler, ...) both
    walks pass over doing nothing; on a tab switch they were ~45% of the values visited."""
    cls = type(value)
    kind = _walked_types.get(cls)
    if kind is None:
        kind = _walked_types[cls] = cls not in LEAVES and (
            hasattr(cls, "__dataclass_fields__") or issubclass(cls, (dict, list))
        )
    return kind and (len(value) > 0 if isinstance(value, (dict, list)) else True)


def children(item: Any) -> list[Any]:
    """The values of `item`'s walked fields that may hold a control, in field order: of its
    sparse fields only those set (a Text has ~60 fields and sets a handful)."""
    how = plan(type(item))
    values = getattr(item, "_values", None)
    if not (how.sparse and isinstance(values, dict)):
        found = (getattr(item, name) for name in how.names)
        return [value for value in found if walked_into(value)]
    rank = how.rank
    ranked = [
        (rank[name], value)
        for name, value in values.items()
        if name in how.sparse and walked_into(value)
    ]
    for name in how.dense:
        value = getattr(item, name)
        if walked_into(value):
            ranked.append((rank[name], value))
    if len(ranked) > 1:
        ranked.sort(key=itemgetter(0))
    return [value for _, value in ranked]


def is_dataclass(item: Any) -> bool:
    """`dataclasses.is_dataclass`, remembered per type."""
    if isinstance(item, type):
        return dataclasses.is_dataclass(item)
    cls = type(item)
    known = _dataclass_types.get(cls)
    if known is None:
        known = _dataclass_types[cls] = hasattr(cls, "__dataclass_fields__")
    return known


def configure_dataclass(
    self: DiffBuilder,
    item: Any,
    parent: Any,
    frozen: bool,
    configure_setattr_only: bool = False,
) -> Iterator[Any]:
    found: list[Any] = []
    _configure(self, item, parent, frozen, configure_setattr_only, found)
    return iter(found)


def _configure(
    self: DiffBuilder, item: Any, parent: Any, frozen: bool, setattr_only: bool, found: list[Any]
) -> None:
    if not is_dataclass(item):
        if isinstance(item, (dict, list)):
            for value in item.values() if isinstance(item, dict) else item:
                if walked_into(value):
                    _configure(self, value, parent, frozen, False, found)
        return
    object_patch.logger.debug("\n_configure_dataclass: %s %s %s", item, frozen, setattr_only)
    if parent is None:
        parent_ref = getattr(item, "_parent", None)
        parent = parent_ref() if parent_ref else None
    if parent:
        if parent is item:
            raise ObjectPatchException(f"Parent is the same as item: {item}")
        item._parent = weakref.ref(parent)
    if hasattr(item, "_frozen"):
        frozen = item._frozen
    elif frozen:
        item._frozen = frozen
    item_cls = item.__class__
    if getattr(item_cls, "__flet_control_cls__", None) is None:
        item_cls.__flet_control_cls__ = self.control_cls
    control = self.control_cls is not None and isinstance(item, self.control_cls)
    if control:
        if not setattr_only:
            item.build()
            item._before_update_safe()
            object.__setattr__(item, "_initialized", True)
        found.append(item)
    if not setattr_only:
        child_parent = item if control else parent
        for value in children(item):
            _configure(self, value, child_parent, frozen, False, found)
    if not frozen:
        _track_changes(item)
    else:
        _drawn_frozen(item, control)


# Controls drawn frozen whose bookkeeping waits until the patch that draws them has left.
_drawn: list[tuple[Any, bool]] = []


def _drawn_frozen(item: Any, control: bool) -> None:
    """Its empty change record and plain internals become the shared sealed ones, and a leaf
    nobody can reach takes the shared values (hosting/seal.py, hosting/leaf_values.py): less
    memory a session, the same bytes sent. That is ~27% of configuring a new screen, and
    nothing the patch being made needs: done once the patch has left; at once in a thread
    that runs no loop, so that only the loop's thread ever touches the queue.

    The patch leaves when the session's send loop wakes up: a callback queued later in the
    pass of the event loop that is making the patch (the patch is queued after its diff).
    One call_soon would run the bookkeeping before it (0.2-0.3 ms of each tab switch, up to
    3.5 ms, between the diff and the first byte out); two run it right after."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        _settle(item, control)
        return
    if not _drawn:
        loop.call_soon(loop.call_soon, settle_drawn)
    _drawn.append((item, control))


def settle_drawn() -> None:
    """The bookkeeping of every control drawn frozen since the last call."""
    waiting = _drawn[:]
    _drawn.clear()
    for item, control in waiting:
        _settle(item, control)


def _settle(item: Any, control: bool) -> None:
    seal.drawn(item, control)
    if control:
        leaf_values.share(item)


def _track_changes(item: Any) -> None:
    """As Flet does for a mutable item: later changes are tracked from a clean start."""
    dirty = getattr(item, "_dirty", None)
    if dirty is not None:
        dirty.clear()
        return
    item_cls: Any = type(item)
    if item_cls.__setattr__ is not object_patch._control_setattr:
        item_cls.__setattr__ = object_patch._control_setattr
    object.__setattr__(item, "__changes", {})


def removed_controls(self: DiffBuilder, item: Any, recurse: bool) -> Iterator[Any]:
    found: list[Any] = []
    _removed(self, item, recurse, found)
    return iter(found)


def _removed(self: DiffBuilder, item: Any, recurse: bool, found: list[Any]) -> None:
    if self.control_cls is not None and isinstance(item, self.control_cls):
        if hasattr(item, "__prev_lists"):
            for kind in ("__prev_lists", "__prev_dicts", "__prev_classes"):
                for value in getattr(item, kind, {}).values():
                    _removed(self, value, recurse, found)
        elif recurse:
            for value in children(item):
                _removed(self, value, recurse, found)
        found.append(item)
    elif isinstance(item, (dict, list)):
        for value in item.values() if isinstance(item, dict) else item:
            if walked_into(value):
                _removed(self, value, recurse, found)


def fingerprint(name: str) -> str:
    return lean.source_digest(getattr(DiffBuilder, name))


REPLACED = {"_configure_dataclass": configure_dataclass, "_removed_controls": removed_controls}
flets: dict[str, Any] = {}  # Flet's own walk while ours is in


def install() -> bool:
    """Process-wide. True if the walks were swapped in; False (and a warning) if this Flet's
    walks are not the ones these were written against."""
    return stand_in.swap_in(DiffBuilder, REPLACED, flets, fingerprint, ORIGINAL, log)


def uninstall() -> None:
    """Flet's own walk again."""
    stand_in.swap_out(DiffBuilder, flets)
