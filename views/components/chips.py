"""Filter chips: a row of days that share the width, or chips that wrap, each label whole."""

from __future__ import annotations

import flet as ft

from views.components.shared import shared

# Made once per process: the Programme draws a chip per day, city, sector and kind
TIGHT_LABEL_PADDING = shared(ft.Padding.symmetric(horizontal=0))
TIGHT_PADDING = shared(ft.Padding.symmetric(horizontal=2, vertical=14))  # 48 px high
WRAPPING_PADDING = shared(ft.Padding.symmetric(horizontal=12, vertical=13))  # 48 px
WRAPPING_BORDER = shared(ft.Border.all(1, ft.Colors.OUTLINE_VARIANT))


def chip_row(chips: list[tuple[str, str, bool, object]], tight: bool = False) -> ft.Control:
    """`tight`: the chips share one line (the six days of a mission on a phone); else they
    wrap, and a long label wraps inside its chip."""
    if not tight:
        wrapped = [wrapping_chip(*chip) for chip in chips]
        return ft.Row(wrapped, wrap=True, spacing=6, run_spacing=6)  # every chip whole
    controls: list[ft.Control] = []
    for ident, label, selected, action in chips:
        chip = ft.Chip(
            label=label,
            selected=selected,
            show_checkmark=False,
            on_select=lambda _e, a=action: a(),
            label_padding=TIGHT_LABEL_PADDING,
            padding=TIGHT_PADDING,
        )
        controls.append(
            ft.Semantics(
                container=True,
                content=chip,
                identifier=f"chip-{ident}",
                selected=selected,
                expand=1,
            )
        )
    return ft.Row(controls, spacing=4)  # the days share the width, as on My agenda's strip


def wrapping_chip(ident: str, label: str, selected: bool, action: object) -> ft.Control:
    """A filter chip whose label may take two lines: a Chip's one line is cut at the edge."""
    box = ft.Container(
        ft.Text(label, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
        padding=WRAPPING_PADDING,
        border=WRAPPING_BORDER,
        border_radius=8,
        bgcolor=ft.Colors.SECONDARY_CONTAINER if selected else None,
        on_click=lambda _e, a=action: a(),
    )
    return ft.Semantics(
        container=True, content=box, identifier=f"chip-{ident}", selected=selected, button=True
    )
