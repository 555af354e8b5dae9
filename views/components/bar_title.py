"""The app bar's title: as large as fits beside the bar's buttons at the window's width and
the person's text size (views/components/fit.py), on one line or two, or above the screen."""

from __future__ import annotations

import dataclasses

import flet as ft

from views.components.fit import LARGEST, TitleFit, title_fit
from views.components.shared import shared
from views.context import Ctx, Screen
from views.routes import TABS, Route


def with_title(ctx: Ctx, screen: Screen, route: Route, width: float | None) -> Screen:
    """`screen`, with its title above its header when no word of it fits beside the bar's
    buttons (the bar then shows none)."""
    if not fitted_title(ctx, screen, route, width).under_bar:
        return screen
    lines = ft.Column(title_lines(screen, LARGEST, 0, in_bar=False), spacing=0)
    block = ft.Container(lines, padding=shared(ft.Padding.only(left=16, right=16, top=8)))
    # a heading, as the bar's title is to a screen reader
    named = ft.Semantics(container=True, header=True, identifier="screen-title", content=block)
    return dataclasses.replace(screen, header=[named, *screen.header])


def has_back(screen: Screen, route: Route) -> bool:
    return route.name not in TABS or screen.show_back


def fitted_title(ctx: Ctx, screen: Screen, route: Route, width: float | None) -> TitleFit:
    buttons = len(screen.actions) + 2  # Safety and the language menu
    return title_fit(screen.title, width, ctx.state.text_scale, buttons, has_back(screen, route))


def title_lines(screen: Screen, size: int, lines: int, in_bar: bool) -> list[ft.Control]:
    """In the bar, at most `lines` lines, broken between words, a word never cut ('…' ends
    what Flutter finds longer than estimated); under it, as many as it takes."""
    cut = ft.TextOverflow.ELLIPSIS if in_bar else ft.TextOverflow.CLIP
    most = lines if in_bar else None
    title: list[ft.Control] = [
        ft.Text(screen.title, size=size, weight=ft.FontWeight.W_600, max_lines=most, overflow=cut)
    ]
    if screen.subtitle:
        muted = ft.Colors.ON_SURFACE_VARIANT
        title.append(
            ft.Text(screen.subtitle, size=12, color=muted, max_lines=most and 1, overflow=cut)
        )
    return title
