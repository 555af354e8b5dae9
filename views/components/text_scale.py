"""The person's text size, measured: with large system (or browser) text Flutter draws every
text larger than asked and tells no one; a letter drawn out of sight tells (UiState.text_scale),
for the layouts worked out here (views/components/fit.py, the map's names)."""

from __future__ import annotations

import flet as ft

from views.context import Ctx

PROBE = 40  # logical px, at a line height of exactly its size: its height is PROBE x the scale
STEP = 0.05  # smaller changes are the measure's rounding, not another text size
_LINE = ft.TextStyle(height=1.0)


def text_scale_probe(ctx: Ctx) -> ft.Control:
    """A letter nobody sees or hears (transparent, out of the semantics tree, in a box of no
    size); when its measured height says another text size than the one drawn with, it records
    it and has the screen drawn again, as the map does with its width."""
    state = ctx.state

    def measured(e: ft.LayoutSizeChangeEvent[ft.LayoutControl]) -> None:
        scale = round(e.height / PROBE / STEP) * STEP
        if scale > 0 and abs(scale - state.text_scale) >= STEP / 2:
            state.text_scale = scale
            ctx.act.refresh()

    letter = ft.Text("M", size=PROBE, style=_LINE, no_wrap=True)
    probe = ft.Container(
        ft.Semantics(content=letter, exclude_semantics=True),
        on_size_change=measured,
        size_change_interval=200,
    )
    # placed in a box of no size, it is as tall as the letter (the measure needs a box of its
    # own inside the placed one: one placed box that measured itself was never measured)
    placed = ft.Container(probe, left=0, top=0, opacity=0)
    return ft.Stack([placed], width=0, height=0, key="text-scale")
