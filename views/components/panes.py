"""Phone or tablet: one screen, or (at 720 px and wider) the list beside the open item."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import flet as ft

from views.components.shared import frozen, shared
from views.context import Ctx, Screen
from views.routes import Route

WIDE = 720  # logical pixels: a tablet, or a phone in landscape
LISTS = ("agenda", "programme")  # tabs whose items open beside them
DETAILS = ("activity", "meeting", "venue", "changes")
# One pane on a laptop (Settings, Contacts, Safety...) took the whole 1280 px: three language
# buttons a third of the screen each, lines of 150 letters. It keeps a tablet's width, centred;
# the map alone fills the window (a picture, drawn for the room it gets).
READABLE = 720
FULL_WIDTH = ("map",)
CHROME = 136  # logical pixels: the app bar and the navigation bar
CARD_AT_LEAST = 96  # the shortest list card: a one-line title, place and kind beside the time


def fold(height: float, header: int, header_px: int) -> int | None:
    """How many of a list screen's first controls fill a window `height` px tall, at least:
    its `header` controls (`header_px` tall at least), then as many cards as the rest of the
    window could show were every card the shortest. None when the height is unknown."""
    if height <= 0:
        return None
    return header + max(1, math.ceil((height - CHROME - header_px) / CARD_AT_LEAST))


def fold_least(height: float, least: Sequence[int]) -> int | None:
    """How many of a list screen's first controls fill a window `height` px tall, at least,
    were each control only as tall as `least` says (in order): the last one counted may show
    in part. None when the height is unknown."""
    if height <= 0:
        return None
    room = height - CHROME
    for count, px in enumerate(least, 1):
        room -= px
        if room <= 0:
            return count
    return len(least)


def is_wide(width: float | None) -> bool:
    return (width or 0) >= WIDE


def list_beside(
    ctx: Ctx, route: Route, screens: Mapping[str, Callable[[Ctx], Screen]], width: float | None
) -> Screen | None:
    """The list to show on the left of `route`, or None for a single pane."""
    tab = ctx.state.tab or route.tab
    if not is_wide(width) or tab not in LISTS or tab not in screens:
        return None
    if route.name in DETAILS or route.name == tab:
        return screens[tab](ctx)
    return None


@dataclass
class Rest:
    """What follows the first part of a new screen: `controls` from `start` on (made when it
    is its turn, views/components/later.py), and the list they go in."""

    controls: Sequence[ft.Control]
    start: int
    into: ft.ListView | None = None

    def add(self) -> ft.ListView:
        """The list with the rest added, to update: only the list is compared and sent, in
        place; it finds its first controls where they were (the same objects) and adds the
        others. Flet 1.0.5 (pinned) compares a control in place when it is not marked frozen,
        with the copy of its lists its encoder keeps of an unmarked one: the list was marked
        (as not frozen) to stay so while its screen was drawn, and had no such copy; it is
        unmarked, and given it."""
        assert self.into is not None, "the rest of a screen that was never drawn"
        object.__delattr__(self.into, "_frozen")
        object.__setattr__(self.into, "__prev_lists", {"controls": list(self.into.controls)})
        self.into.controls.extend(frozen(c) for c in self.controls[self.start :])
        return self.into


def first_part(screen: Screen, beside: Screen | None, shown: str, route: Route) -> Screen | None:
    """What of a screen shown anew (`shown`: the route drawn before) goes first: its first
    `fold` controls, with the rest to draw right after; None: all of it at once (the same
    screen drawn again is compared in place, and two panes are never cut)."""
    if beside is not None or shown == route.name or screen.fold is None:
        return None
    if screen.fold >= len(screen.controls):
        return None
    first = screen.controls[: screen.fold]
    return dataclasses.replace(screen, controls=first, rest=Rest(screen.controls, screen.fold))


def grows(into: ft.ListView, rest: Rest) -> None:
    """`into` takes `rest` in later, in place. It alone is not frozen (Flet would freeze all
    it holds when drawn): each control in it is, as in any other list of the app."""
    for control in into.controls:
        frozen(control)
    object.__setattr__(into, "_frozen", False)
    rest.into = into


def pane(screen: Screen, identifier: str, shows: str) -> ft.Control:
    """`shows`: the route name drawn in it. A pane that shows another screen is sent whole
    rather than compared, field by field, with the one it replaces (a tab switch: nothing of
    one screen is worth keeping in the next, and the comparison was ~20% of a switch's CPU);
    the same screen drawn again is still compared, so a search field keeps its focus."""
    body = ft.ListView(
        list(screen.controls),
        expand=True,
        padding=shared(ft.Padding.only(bottom=16)),
        key=screen.scroll_key,
    )
    if screen.rest is not None:
        grows(body, screen.rest)
    # a screen with no header is its list alone: no Column holding one child
    column = ft.Column([*screen.header, body], expand=True, spacing=0) if screen.header else body
    return ft.Semantics(
        container=True,
        identifier=identifier,
        content=column,
        expand=True,
        key=f"{identifier}-{shows}",
    )


def body(
    ctx: Ctx, screen: Screen, beside: Screen | None, route: Route, wide: bool = False
) -> list[ft.BaseControl]:
    """One pane (`wide`: no wider than READABLE, centred); or two: the list (left, 2/5) and the
    item, or a hint to pick one (right)."""
    if beside is None:
        main = pane(screen, "pane-main", route.name)
        if not wide or route.name in FULL_WIDTH:
            return [main]
        readable = ft.Container(main, width=READABLE)
        return [
            ft.Row(
                [readable],
                alignment=ft.MainAxisAlignment.CENTER,
                vertical_alignment=ft.CrossAxisAlignment.STRETCH,
                expand=True,
            )
        ]
    if route.name in LISTS:
        hint = ft.Container(
            ft.Text(
                ctx.tr.gettext("Choose an item to see it here."),
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
            alignment=shared(ft.Alignment.CENTER),
            expand=True,
        )
        right: ft.Control = ft.Semantics(container=True, identifier="pane-detail", content=hint)
    else:
        right = pane(screen, "pane-detail", route.name)
    tab = ctx.state.tab or route.tab
    left = ft.Container(pane(beside, "pane-list", tab), expand=2)
    return [
        ft.Row(
            [left, ft.VerticalDivider(width=1), ft.Container(right, expand=3)],
            expand=True,
            spacing=0,
            vertical_alignment=ft.CrossAxisAlignment.STRETCH,
        )
    ]
