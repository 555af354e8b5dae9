"""A venue block: name, address, access notes, small offline map, Open in Maps."""

from __future__ import annotations

import flet as ft

from services.map_layout import Spot
from services.maps import REGIONS, apple_maps_link, geo_link, google_maps_link, region_for
from services.models import Venue
from views.components.offline_map import offline_map
from views.components.ui import card, muted
from views.context import Ctx


def maps_link(ctx: Ctx, venue: Venue) -> str:
    if ctx.state.platform == "android":
        return geo_link(venue)
    if ctx.state.platform in ("ios", "macos"):
        return apple_maps_link(venue)
    return google_maps_link(venue)


def venue_block(
    ctx: Ctx, venue: Venue, with_map: bool = True, on_venue_page: bool = False
) -> list[ft.Control]:
    """Elsewhere: a static small map and *Venue details*, both leading to the venue page.
    On the venue page itself: no link to itself, and a map that pans and zooms."""
    _ = ctx.tr.gettext
    lines: list[ft.Control] = [
        ft.Text(venue.name, size=16, weight=ft.FontWeight.W_600),
        ft.Text(venue.address, size=14),
    ]
    access = ctx.tr.text(venue.access)
    if access.text:
        lines.append(muted(access.text))
    buttons = ft.Row(
        [
            ft.Semantics(
                container=True,
                content=ft.FilledTonalButton(
                    _("Open in Maps"),
                    icon=ft.Icons.DIRECTIONS,
                    on_click=lambda _e: ctx.act.open_url(maps_link(ctx, venue)),
                ),
                identifier=f"open-maps-{venue.id}",
                button=True,
            ),
        ],
        wrap=True,
    )
    if not on_venue_page:
        buttons.controls.append(
            ft.TextButton(
                _("Venue details"),
                icon=ft.Icons.PLACE_OUTLINED,
                on_click=lambda _e: ctx.act.navigate(f"/venue/{venue.id}"),
            )
        )
    lines.append(buttons)
    controls: list[ft.Control] = [card(ft.Column(lines, spacing=6), identifier=f"venue-{venue.id}")]
    region = region_for([venue], REGIONS)
    if with_map and region is not None:
        pin = [Spot(venue.id, "", venue.name, venue.lat, venue.lon, True)]
        details = f"/venue/{venue.id}"
        picture = offline_map(
            region,
            pin,
            height=320 if on_venue_page else 200,
            widths=ctx.state.map_widths,
            kind="venue" if on_venue_page else "small",
            redraw=ctx.act.refresh,
            on_tap=None if on_venue_page else lambda: ctx.act.navigate(details),
            identifier="venue-map" if on_venue_page else None,
            dark=ctx.state.dark,
            text_scale=ctx.state.text_scale,
        )
        if not on_venue_page:  # the small map is one button to the venue page
            picture = ft.Semantics(
                container=True,
                content=picture,
                identifier=f"small-map-{venue.id}",
                button=True,
                label=_("Map of {venue}: open the venue page").format(venue=venue.name),
            )
        controls.append(picture)
    return controls
