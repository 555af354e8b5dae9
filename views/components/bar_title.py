"""The app bar's title: as large as fits beside the bar's buttons at the window's width and
the person's text size (views/components/fit.py), on one line or two, or above the screen."""

from __future__ import annotations

import dataclasses

import flet as ft

from views.components.fit import LARGEST, SUBTITLE, TitleFit, title_fit
from views.components.shared import shared
from views.context import Ctx, Screen
from views.routes import TABS, Route


def with_title(ctx: Ctx, screen: Screen, route: Route, width: float | None) -> Screen:
    """`screen`, with its title above its header when no word of it fits beside the bar's
    buttons (the bar then shows none)."""
    if not fitted_title(ctx, screen, route, width).under_bar:
        return screen
    lines = ft.Column(title_lines(screen, TitleFit(LARGEST, 0), in_bar=False), spacing=0)
    block = ft.Container(lines, padding=shared(ft.Padding.only(left=16, right=16, top=8)))
    # a heading, as the bar's title is to a screen reader
    named = ft.Semantics(container=True, header=True, identifier="screen-title", content=block)
    return dataclasses.replace(screen, header=[named, *screen.header])


def has_back(screen: Screen, route: Route) -> bool:
    return route.name not in TABS or screen.show_back


def fitted_title(ctx: Ctx, screen: Screen, route: Route, width: float | None) -> TitleFit:
    buttons = len(screen.actions) + 2  # Safety and the language menu
    back, scale = has_back(screen, route), ctx.state.text_scale
    return title_fit(screen.title, width, scale, buttons, back, screen.subtitle or "")


def title_lines(screen: Screen, fit: TitleFit, in_bar: bool) -> list[ft.Control]:
    """In the bar, the lines `fit` counted, broken between words, a word never cut ('…' ends
    what Flutter finds longer than estimated); under it, as many as it takes."""
    cut = ft.TextOverflow.ELLIPSIS if in_bar else ft.TextOverflow.CLIP
    most, below = (fit.lines, fit.subtitle_lines) if in_bar else (None, None)
    weight = ft.FontWeight.W_600
    title: list[ft.Control] = [
        ft.Text(screen.title, size=fit.size, weight=weight, max_lines=most, overflow=cut)
    ]
    if screen.subtitle:
        muted = ft.Colors.ON_SURFACE_VARIANT
        title.append(
            ft.Text(screen.subtitle, size=SUBTITLE, color=muted, max_lines=below, overflow=cut)
        )
    return title
