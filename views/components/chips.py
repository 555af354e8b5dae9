"""Filter chips: a row of days that share the width, or chips that wrap, each label whole."""

from __future__ import annotations

import flet as ft

from views.components.shared import shared

# Made once per process: the Programme draws a chip per day, city, sector and kind
TIGHT_PADDING = shared(ft.Padding.symmetric(horizontal=2, vertical=14))  # 48 px high
WRAPPING_PADDING = shared(ft.Padding.symmetric(horizontal=12, vertical=13))  # 48 px
WRAPPING_BORDER = shared(ft.Border.all(1, ft.Colors.OUTLINE_VARIANT))


def chip_row(chips: list[tuple[str, str, bool, object]], tight: bool = False) -> ft.Control:
    """`tight`: the chips share one line (the six days of a mission on a phone); else they
    wrap, and a long label wraps inside its chip."""
    if not tight:
        wrapped = [wrapping_chip(*chip) for chip in chips]
        return ft.Row(wrapped, wrap=True, spacing=6, run_spacing=6)  # every chip whole
    # each day fills its share, its whole width a thumb's target (a Chip keeps its label's width)
    days = [wrapping_chip(*chip, fill=True) for chip in chips]
    return ft.Row(days, spacing=4)  # the days share the width, as on My agenda's strip


def wrapping_chip(
    ident: str, label: str, selected: bool, action: object, fill: bool = False
) -> ft.Control:
    """A filter chip whose label may take two lines: a Chip's one line is cut at the edge.
    `fill`: it takes its share of a row's width, its label in the middle."""
    box = ft.Container(
        ft.Text(
            label,
            size=14,
            color=ft.Colors.ON_SURFACE_VARIANT,
            # never cut: at 320 px, zoomed or with large text 'dim 5' was 'dim !' and 'ven 10'
            # 'ven 1'; a day that has no room puts its number under its name, as on My agenda
            text_align=ft.TextAlign.CENTER if fill else ft.TextAlign.START,
        ),
        padding=TIGHT_PADDING if fill else WRAPPING_PADDING,
        border=WRAPPING_BORDER,
        border_radius=8,
        bgcolor=ft.Colors.SECONDARY_CONTAINER if selected else None,
        on_click=lambda _e, a=action: a(),
        alignment=ft.Alignment.CENTER if fill else None,
        ink=True,  # a tap shows, as on a Chip
    )
    return ft.Semantics(
        container=True,
        content=box,
        identifier=f"chip-{ident}",
        selected=selected,
        button=True,
        expand=1 if fill else None,
    )
