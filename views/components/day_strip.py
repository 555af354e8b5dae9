"""The strip of mission days at the top of My agenda and the map."""

from __future__ import annotations

from datetime import date
from functools import partial

import flet as ft

from views.components.shared import shared
from views.context import Ctx


def number_style(fg: ft.Colors) -> ft.TextStyle:
    return shared(ft.TextStyle(size=18, weight=ft.FontWeight.BOLD, color=fg, height=1.1))


# Made once per process: every session draws a strip on My agenda and the map
NUMBER_STYLES = {fg: number_style(fg) for fg in (ft.Colors.ON_PRIMARY, ft.Colors.ON_SURFACE)}
CELL_RADIUS = shared(ft.BorderRadius.all(12))
CENTER = shared(ft.Alignment.CENTER)
STRIP_MARGIN = shared(ft.Margin.symmetric(horizontal=12, vertical=8))
# About 56 px high at the normal text size (57 in Chromium), taller with large text: a fixed 56
# cut the day's number in half when the phone (or browser) asked for bigger letters
CELL_PADDING = shared(ft.Padding.symmetric(vertical=10))


def day_strip(ctx: Ctx, days: list[date], selected: date, base: str = "/agenda") -> ft.Control:
    cells: list[ft.Control] = []
    for day in days:
        name, number = ctx.tr.short_day(day)
        chosen = day == selected
        fg = ft.Colors.ON_PRIMARY if chosen else ft.Colors.ON_SURFACE
        cell = ft.Container(
            ft.Text(  # both lines in one Text: 4 controls a day, not 6, on every render
                f"{name}\n",
                size=12,
                color=fg,
                text_align=ft.TextAlign.CENTER,
                spans=[ft.TextSpan(number, style=NUMBER_STYLES[fg])],
                semantics_label="",  # the cell's label says the day: not 'di 7' after it
            ),
            bgcolor=ft.Colors.PRIMARY if chosen else ft.Colors.SURFACE_CONTAINER_HIGH,
            border_radius=CELL_RADIUS,
            padding=CELL_PADDING,
            alignment=CENTER,
            on_click=partial(ctx.act.navigate, f"{base}/{day.isoformat()}"),
            ink=True,
        )
        cells.append(
            ft.Semantics(
                container=True,
                content=cell,
                identifier=f"day-{day.isoformat()}",
                selected=chosen,
                button=True,
                label=ctx.tr.day(day),
                expand=1,
            )
        )
    return ft.Row(cells, spacing=4, margin=STRIP_MARGIN)
