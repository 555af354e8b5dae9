"""A drawn text's, span's or icon's values, one read-only dict per distinct content.

A control keeps what it shows in `_values` (only the fields set away from their default): a
Text's words, size, colour and style, in a dict of its own (184 bytes for up to five fields)
that holds its own copy of the words. A whole delegation sees the same texts: the day strip,
the tab labels, a shared activity's title, time and room, the demo agenda of everyone not
signed in. At 500 sessions on one server each session kept its own ~60 identical leaf dicts
(tracemalloc: ~15 KB a session on My agenda).

Once the hosted walk has drawn a frozen Text, TextSpan or Icon that the browser cannot reach
(no event handler: `lean.reachable`, so no client message can patch it either), `share`
swaps its values for the one `SharedValues` dict of the same content, kept while any control
of any session holds it (a weak table: what nobody shows any more is forgotten). Flet refuses
to change a frozen control before it writes (`Prop.__set__`), and the diff and the encoder
only read values; a write that would reach another session's control fails loudly instead.
Only values that carry nothing of a session are shared: plain words and numbers (their type
counts: 1, 1.0 and True stay apart), enum members, and frozen value objects by identity (the
shared dict holds them, so an identity is never reused while it is a key).
"""

from __future__ import annotations

import weakref
from enum import Enum
from operator import itemgetter
from typing import Any

import flet as ft
from flet.controls.base_control import BaseControl

from hosting import lean
from hosting.seal import SCALARS, Sealed

LEAVES = frozenset({ft.Text, ft.TextSpan, ft.Icon})


class SharedValues(Sealed):
    """A leaf's values shared by every control that shows the same."""

    __slots__ = ("__weakref__",)


_kept: weakref.WeakValueDictionary[tuple[Any, ...], SharedValues] = weakref.WeakValueDictionary()


def content_key(values: dict[str, Any]) -> tuple[Any, ...] | None:
    """What identifies these values; None when one of them may belong to a session."""
    key: list[tuple[str, type, Any]] = []
    for name, value in values.items():
        kind = type(value)
        if kind in SCALARS or isinstance(value, Enum):
            key.append((name, kind, value))
        elif getattr(value, "_frozen", False) and not isinstance(value, (BaseControl, type)):
            key.append((name, kind, id(value)))  # a style or a padding, never changed again
        else:
            return None  # a list, a handler, a control: left as it is
    key.sort(key=itemgetter(0))
    return tuple(key)


def share(item: Any) -> None:
    """`item` was just drawn frozen: a leaf nobody can reach takes the shared values."""
    if type(item) not in LEAVES or lean.reachable(item):
        return
    values = item._values
    if type(values) is not dict or not values:
        return
    key = content_key(values)
    if key is None:
        return
    kept = _kept.get(key)
    if kept is None:
        kept = SharedValues(values)
        _kept[key] = kept
    object.__setattr__(item, "_values", kept)


def kept_count() -> int:
    """How many distinct leaf contents are shared now (for tests and the benchmark)."""
    return len(_kept)
