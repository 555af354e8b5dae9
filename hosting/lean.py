"""Per-session memory a hosted server does not need to spend (flet 1.0.5, pinned).

1. Before every update Flet validates each control with `suppress_repeated_errors=True`, and to
do so gives every control its own empty set of already-reported errors, kept for the control's
lifetime: 216 bytes a control, ~39 KB of a session's ~350 KB (tracemalloc, 50 sessions). The
set is only ever written when a control fails validation. `LazyReported` stands in for it and
creates the real set on the control at its first error, so the behaviour is the same: a
repeated identical error is reported once, and a control that validates again is reset.

2. CPython 3.11 keeps the attributes of a class's instances in one key table shared by all of
them, and each instance holds only its values (~150 bytes). The table takes new names only
while the class has few instances; a name added later turns that instance's attributes into
a dict of its own (~460 bytes). Flet adds `_frozen` and `_initialized` to a control when it
first draws it, long after the first few hundred Texts are made: ~50 KB a session on My
agenda. `share_keys` gives each Flet class those names as it is defined (and every class
already defined at once), on a blank instance made for nothing else.

3. A session keeps an index of its controls by id, so that an event or a value the browser
sends reaches its control: in Flet, one weak reference and one dict entry (~120 bytes) per
control. Most drawn controls are texts, icons and boxes with no event handler and no method
the server calls in the browser; the browser sends nothing for them. `DrawnIndex` leaves those
out, and holds the rest in a plain dict.
(Were an event to name one anyway, Flet finds it by walking the page, as it does for any
control missing from the index; `page.get_control` does not find them, and the app never
asks it.)
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from typing import Any

import flet as ft
from flet.controls import base_control, value_types
from flet.controls.base_control import BaseControl
from flet.utils import validation

KEY = validation._REPORTED_VALIDATION_ERRORS_KEY
# What Flet sets on a control or value object after making it: when it first draws it, and
# when it tracks a mutable one's changes.
LATE = ("_parent", "_frozen", "_initialized", "__changes")


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


def share_key(cls: type) -> None:
    """Adds LATE to the names `cls`'s instances share (if the class still takes new ones)."""
    try:
        blank: Any = object.__new__(cls)
        for name in LATE:
            object.__setattr__(blank, name, None)
    except (TypeError, AttributeError):  # no instance dict, or no plain instance: no table
        return


def defined() -> list[type]:
    """Every Flet control and value class imported so far (Flet imports them on first use)."""
    found: list[type] = []
    todo: list[type] = [object]
    seen: set[type] = set()
    while todo:
        subs: list[type] = type.__subclasses__(todo.pop())
        for sub in subs:
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
                if issubclass(sub, BaseControl) or getattr(sub, "_is_flet_value", False):
                    found.append(sub)
    return found


installing = value_types._install_props  # Flet's class set-up: every @control and @value class
after_set_up: list[Callable[[type], None]] = []  # what runs on each class after Flet's set-up


def _install_props(cls: type) -> None:
    installing(cls)
    for hook in after_set_up:
        hook(cls)


def on_class_set_up(hook: Callable[[type], None]) -> None:
    """`hook` on every Flet class set up so far and, after Flet's own set-up, on every class
    set up later (Flet imports its classes on first use)."""
    for cls in defined():
        hook(cls)
    if hook not in after_set_up:
        after_set_up.append(hook)
    flet_modules: list[Any] = [value_types, base_control]
    for module in flet_modules:
        module._install_props = _install_props


def source_digest(code: Any) -> str:
    """sha-256 of a function's source: whether Flet's code is the one a stand-in was written
    against."""
    return hashlib.sha256(inspect.getsource(code).encode()).hexdigest()


def share_keys() -> None:
    on_class_set_up(share_key)


# Controls the browser sends nothing for unless they have an event handler.
# Not Row or Column: they scroll, and a `scroll_to` call's reply comes back by control id.
INERT = frozenset({ft.Text, ft.TextSpan, ft.Icon, ft.Container, ft.Semantics})


def reachable(control: Any) -> bool:
    """Whether the browser can send this control an event or a value."""
    if type(control) not in INERT:
        return True
    # one set operation (a Semantics has 20 event fields: asking for each was ~2 us a control)
    return not control._values.keys().isdisjoint(type(control)._event_fields)


class DrawnIndex(dict[int, Any]):
    """A session's id -> control index, holding only the controls the browser can reach.

    A plain dict where Flet keeps a weak one: Flet takes every removed control, and all
    below it, out of the index in the step that adds the new ones, so no entry outlives its
    place on screen (tested), and the weak references cost ~100 bytes a control."""

    def __setitem__(self, key: Any, control: Any) -> None:
        if reachable(control):
            super().__setitem__(key, control)
        else:
            self.pop(key, None)  # a control that took over this id is not reachable


def index_reachable(page: ft.Page) -> None:
    """Flet's `before_main` hook: this session's index holds reachable controls only."""
    session: Any = page.session
    session._Session__index = DrawnIndex(session._Session__index)


def install() -> None:
    """Process-wide; `validate` looks the helper up at each call."""
    validation._get_reported_validation_errors = reported_errors  # type: ignore[assignment]
    share_keys()
