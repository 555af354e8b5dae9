"""An offline map: a bundled coastline picture, framed for the space it gets, with pins that can
be told apart and tapped, and names that can be read (the layout is services/map_layout.py)."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import flet.canvas as cv

from services.map_labels import Label
from services.map_layout import PIN, MapLayout, Pin, Spot, laid_out
from services.maps import DARK_LOOK, LIGHT_LOOK, PLATE, MapLook, Region
from views.components.shared import shared

# The pins keep their colours in both themes, with a white ring that parts them from a light
# or a dark picture: the theme's primary is a pale blue in the dark theme, and the white
# numbers on it could not be read (about 1.7:1).
PIN_BLUE, PIN_RED = "#1E3A8A", "#C62828"  # the mission blue; Material red 700
PHONE_WIDTH = 366.0  # a 390 px phone less the margins, until the map has measured itself
TALLEST = 600  # a wide map grows up to this height


def offline_map(
    region: Region,
    spots: list[Spot],
    height: int,
    widths: dict[str, float],
    kind: str,
    redraw: Callable[[], None],
    on_pin: Callable[[str], None] | None = None,
    on_tap: Callable[[], None] | None = None,
    grows: bool = False,
    identifier: str | None = None,
    room: float = 0,
    dark: bool = False,
    text_scale: float = 1.0,
) -> ft.Control:
    """`on_pin(key)`: each pin is a ≥48 px button; `on_tap`: the whole picture is one button
    (a small map that opens the full one); `grows`: taller on a wide screen, within `room`;
    `dark`: the dark theme's picture and colours (a light map was a bright block in it);
    `text_scale`: the names' boxes grow with large text (views/components/text_scale.py).

    The map is drawn for the width it last measured (`widths[kind]`, UI state); when it finds
    itself another width, it records it and asks for the screen to be drawn again (`redraw`):
    drawn controls are never patched in place."""
    width = widths.get(kind, PHONE_WIDTH)
    tall = grown_height(height, width, room) if grows else height

    def measured(e: ft.LayoutSizeChangeEvent[ft.LayoutControl]) -> None:
        widths[kind] = e.width
        if abs(e.width - width) >= 1:
            redraw()

    layout = laid_out(region, spots, width, tall, text_scale)
    look = DARK_LOOK if dark else LIGHT_LOOK
    box = ft.Container(
        _stack(region, layout, look, on_pin, on_tap),
        height=tall,
        bgcolor=look.land,
        border_radius=shared(ft.BorderRadius.all(14)),
        clip_behavior=ft.ClipBehavior.HARD_EDGE,
        on_size_change=measured,  # its own size: the margins are outside
        size_change_interval=200,  # a window being dragged wider redraws 5 times a second
    )
    return ft.Container(
        ft.Semantics(container=True, identifier=identifier, content=box),
        margin=shared(ft.Margin.symmetric(horizontal=12, vertical=4)),
    )


def grown_height(base: int, width: float, room: float = 0) -> int:
    """A wide map gets taller, up to TALLEST, so that it keeps showing a region, not a strip;
    but no taller than `room` (what the window leaves it, when known), so that a laptop shows
    the whole map, not one that runs under the navigation bar. A phone keeps `base`."""
    tallest = min(TALLEST, round(width * 0.6))
    if room > 0:
        tallest = min(tallest, int(room))
    return max(base, tallest)


def _stack(
    region: Region,
    layout: MapLayout,
    look: MapLook,
    on_pin: Callable[[str], None] | None,
    on_tap: Callable[[], None] | None,
) -> ft.Control:
    picture = layout.image
    layers: list[ft.Control] = [
        ft.Image(
            src=region.dark_image if look is DARK_LOOK else region.image,
            left=picture.x,
            top=picture.y,
            width=picture.w,
            height=picture.h,
            fit=ft.BoxFit.FILL,  # the box has the image's own proportions: nothing stretches
            gapless_playback=True,
        ),
        _leaders(layout, look),
        *(_label(lb, look) for lb in layout.labels),
        *(_pin(p, on_pin if on_tap is None else None) for p in layout.pins),
    ]
    if on_tap is not None:
        # one pane over the picture takes the tap
        layers.append(
            ft.Container(
                on_click=lambda _e: on_tap(),
                bgcolor=ft.Colors.TRANSPARENT,
                left=0,
                top=0,
                right=0,
                bottom=0,
            )
        )
    return ft.Stack(
        layers, width=layout.width, height=layout.height, clip_behavior=ft.ClipBehavior.HARD_EDGE
    )


def _leaders(layout: MapLayout, look: MapLook) -> ft.Control:
    """A line from each moved pin back to a dot on its true place."""
    shapes: list[cv.Shape] = []
    line = ft.Paint(color=look.ink, stroke_width=1.5, style=ft.PaintingStyle.STROKE)
    for pin in (p for p in layout.pins if p.moved):
        (ax, ay), (cx, cy) = pin.anchor, pin.centre
        shapes.append(cv.Line(ax, ay, cx, cy, paint=line))
        shapes.append(cv.Circle(ax, ay, 4, paint=ft.Paint(color=look.ink)))
        shapes.append(cv.Circle(ax, ay, 2, paint=ft.Paint(color=look.land)))
    return cv.Canvas(shapes, left=0, top=0, width=layout.width, height=layout.height)


def _label(label: Label, look: MapLook) -> ft.Control:
    venue = label.kind == "venue"
    text = ft.Text(
        "\n".join(label.lines),
        size=label.size,
        weight=ft.FontWeight.W_600 if venue else ft.FontWeight.W_500,
        color=look.ink if venue else look.muted,
        text_align=ft.TextAlign.CENTER,
        max_lines=len(label.lines),
        no_wrap=True,
    )
    box = label.box
    return ft.Container(
        text,
        left=box.x,
        top=box.y,
        width=box.w,
        height=box.h,
        alignment=shared(ft.Alignment.CENTER),
        bgcolor=ft.Colors.with_opacity(PLATE, look.plate) if venue else None,
        border_radius=shared(ft.BorderRadius.all(6)),
    )


def _pin(pin: Pin, on_pin: Callable[[str], None] | None) -> ft.Control:
    spot = pin.spot
    colour = PIN_RED if spot.highlight else PIN_BLUE
    inner: ft.Control = (
        ft.Text(
            spot.mark,
            size=13 if len(spot.mark) <= 2 else 10,  # "1,6": a stop the day comes back to
            weight=ft.FontWeight.BOLD,
            color=ft.Colors.WHITE,
            no_wrap=True,
        )
        if spot.mark
        else ft.Icon(ft.Icons.PLACE, size=18, color=ft.Colors.WHITE)
    )
    disc = ft.Container(
        inner,
        width=30,
        height=30,
        bgcolor=colour,
        border_radius=shared(ft.BorderRadius.all(15)),
        border=ft.Border.all(2, ft.Colors.WHITE),
        alignment=shared(ft.Alignment.CENTER),
    )
    target = ft.Container(
        disc,
        width=PIN,
        height=PIN,
        alignment=shared(ft.Alignment.CENTER),
        on_click=(lambda _e, key=spot.key: on_pin(key)) if on_pin else None,
    )
    cx, cy = pin.centre
    return ft.Container(
        ft.Semantics(
            container=True,
            identifier=f"pin-{spot.key}",
            button=on_pin is not None,
            label=spot.spoken or spot.name,
            content=target,
        ),
        left=cx - PIN / 2,
        top=cy - PIN / 2,
        width=PIN,
        height=PIN,
    )
