"""Phone or tablet: one screen, or (at 720 px and wider) the list beside the open item."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import flet as ft

from views.components.shared import shared
from views.context import Ctx, Screen
from views.routes import Route

WIDE = 720  # logical pixels: a tablet, or a phone in landscape
LISTS = ("agenda", "programme")  # tabs whose items open beside them
DETAILS = ("activity", "meeting", "venue", "changes")


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
    return ft.Semantics(
        container=True,
        identifier=identifier,
        content=ft.Column([*screen.header, body], expand=True, spacing=0),
        expand=True,
        key=f"{identifier}-{shows}",
    )


def body(ctx: Ctx, screen: Screen, beside: Screen | None, route: Route) -> list[ft.BaseControl]:
    """One pane; or two: the list (left, 2/5) and the item, or a hint to pick one (right)."""
    if beside is None:
        return [pane(screen, "pane-main", route.name)]
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
