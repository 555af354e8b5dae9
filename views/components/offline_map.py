"""An offline map: a bundled, georeferenced image under numbered venue pins (no tile server)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import flet as ft
import flet_map as fm

from services.maps import Region

WATER = "#b9d3e6"


@dataclass(frozen=True)
class Pin:
    label: str
    lat: float
    lon: float
    highlight: bool = False


def offline_map(
    region: Region,
    pins: list[Pin],
    height: int = 320,
    max_zoom: float = 16,
    fit_zoom: float = 13,
    on_tap: Callable[[], None] | None = None,
) -> ft.Control:
    """With `on_tap`, a static picture (a scroll over it scrolls the page) that opens the
    full map when tapped; without, a map that pans and zooms."""
    bounds = fm.MapLatitudeLongitudeBounds(
        fm.MapLatitudeLongitude(region.north, region.west),
        fm.MapLatitudeLongitude(region.south, region.east),
    )
    markers = [
        fm.Marker(
            content=_pin(p),
            coordinates=fm.MapLatitudeLongitude(p.lat, p.lon),
            width=30,
            height=30,
        )
        for p in pins
    ]
    if pins:
        fit = fm.CameraFit(
            coordinates=[fm.MapLatitudeLongitude(p.lat, p.lon) for p in pins],
            padding=ft.Padding.all(48),
            max_zoom=fit_zoom,
        )
    else:
        fit = fm.CameraFit(bounds=bounds)
    view: ft.Control = fm.Map(
        layers=[
            fm.OverlayImageLayer(overlay_images=[fm.OverlayImage(src=region.image, bounds=bounds)]),
            fm.MarkerLayer(markers=markers),
        ],
        initial_camera_fit=fit,
        bgcolor=WATER,
        min_zoom=8,
        max_zoom=max_zoom,
        interaction_configuration=fm.InteractionConfiguration(
            flags=fm.InteractionFlag.NONE
            if on_tap
            else fm.InteractionFlag.ALL & ~fm.InteractionFlag.ROTATE
        ),
    )
    if on_tap is not None:
        # a pane over the picture takes the tap (the map itself would swallow it)
        cover = ft.Container(
            on_click=lambda _e: on_tap(),
            bgcolor=ft.Colors.TRANSPARENT,
            left=0,
            top=0,
            right=0,
            bottom=0,
        )
        view = ft.Stack([view, cover])
    return ft.Container(
        view,
        height=height,
        border_radius=ft.BorderRadius.all(14),
        clip_behavior=ft.ClipBehavior.HARD_EDGE,
        margin=ft.Margin.symmetric(horizontal=12, vertical=4),
    )


def _pin(pin: Pin) -> ft.Control:
    colour = ft.Colors.RED_700 if pin.highlight else ft.Colors.PRIMARY
    inner: ft.Control = (
        ft.Text(pin.label, size=12, weight=ft.FontWeight.BOLD, color=ft.Colors.WHITE)
        if pin.label
        else ft.Icon(ft.Icons.PLACE, size=18, color=ft.Colors.WHITE)
    )
    return ft.Container(
        inner,
        bgcolor=colour,
        border_radius=ft.BorderRadius.all(15),
        border=ft.Border.all(2, ft.Colors.WHITE),
        alignment=ft.Alignment.CENTER,
    )
