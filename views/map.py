"""Venues & map: the day's venues numbered in agenda order on an offline map, then the list."""

from __future__ import annotations

from functools import partial

import flet as ft

from services.agenda import items_on
from services.geo import distance_km, travel_minutes
from services.i18n import Translator
from services.map_layout import Spot
from services.maps import REGIONS, Region, directions_link, region_for
from services.models import Venue
from services.present import city_name, item_sample, item_title
from views.components.day_strip import day_strip
from views.components.offline_map import offline_map
from views.components.ui import SIDES, card, heading, muted, sample_marks
from views.context import Ctx, Screen

DAY_MAP_HEIGHT = 400  # on a phone; taller on a wide screen
# what the app bar, the day strip, the navigation bar and the margins take of the window's height
MAP_CHROME = 228


def build(ctx: Ctx) -> Screen:
    repo, tr = ctx.repo, ctx.tr
    _ = tr.gettext
    day = repo.day_shown(ctx.state.day, repo.zone)  # where to be: the mission's day
    items = [i for i in items_on(repo.agenda(), day, repo.zone) if i.venue and not i.cancelled]
    stops: list[tuple[Venue, list[str]]] = []
    made_up: set[int] = set()  # stops with an item the organisers invented for the demo
    for item in items:
        assert item.venue is not None
        if not (stops and stops[-1][0].id == item.venue.id):
            stops.append((item.venue, []))
        stops[-1][1].append(item_title(tr, item))
        if item_sample(item):
            made_up.add(len(stops))
    controls: list[ft.Control] = [day_strip(ctx, repo.days(repo.zone), day, "/map")]
    venues = [v for v, _titles in stops]
    city_venues = venues or [v for v in repo.mission.venues if _city_on(ctx, v, day)]
    region = region_for(city_venues, REGIONS)
    if region is not None:
        controls += _day_map(ctx, region, venues)
    controls.append(
        heading(_("My day, stop by stop") if stops else _("No venues on your agenda this day"))
    )
    previous: Venue | None = None
    for number, (venue, titles) in enumerate(stops, 1):
        lines: list[ft.Control] = [
            ft.Text(f"{number}. {venue.name}", weight=ft.FontWeight.W_600),
            muted(" · ".join(titles)),
            *sample_marks(tr, number in made_up, f"sample-stop-{number}"),
        ]
        if previous is not None and previous.id != venue.id:
            km = distance_km(previous, venue)
            lines.append(
                muted(
                    _("{distance} from the previous stop, about {duration}").format(
                        distance=tr.distance(km),
                        duration=tr.duration(travel_minutes(previous, venue)),
                    ),
                    12,
                )
            )
            route = directions_link(previous, venue)
            lines.append(
                ft.Semantics(
                    container=True,
                    identifier=f"directions-{number}",
                    link=True,
                    content=ft.TextButton(
                        _("Directions from the previous stop"),
                        icon=ft.Icons.DIRECTIONS,
                        on_click=lambda _e, url=route: ctx.act.open_url(url),
                    ),
                )
            )
        controls.append(
            card(
                ft.Column(lines, spacing=2),
                on_click=partial(ctx.act.navigate, f"/venue/{venue.id}"),
                identifier=f"stop-{number}",
            )
        )
        previous = venue
    controls.append(heading(_("All venues")))
    for venue in sorted(repo.mission.venues, key=partial(_venue_order, ctx, day)):
        controls.append(
            ft.ListTile(
                title=ft.Text(venue.name),
                subtitle=ft.Text(f"{city_name(tr, repo.mission, venue.city)} · {venue.address}"),
                leading=ft.Icon(ft.Icons.PLACE_OUTLINED),
                on_click=lambda _e, v=venue: ctx.act.navigate(f"/venue/{v.id}"),
            )
        )
    return Screen(_("Venues & map"), controls, subtitle=tr.day(day))


def _day_map(ctx: Ctx, region: Region, venues: list[Venue]) -> list[ft.Control]:
    """The day's stops on the map: a pin per venue, numbered like the list below."""
    spots = stop_spots(ctx.tr, region, venues)
    full = offline_map(
        region,
        spots,
        height=DAY_MAP_HEIGHT,
        widths=ctx.state.map_widths,
        kind="full",
        redraw=ctx.act.refresh,
        grows=True,
        on_pin=lambda key: ctx.act.navigate(f"/venue/{key}"),
        identifier="day-map",
        room=ctx.state.window_height - MAP_CHROME if ctx.state.window_height else 0,
        dark=ctx.state.dark,
        text_scale=ctx.state.text_scale,
    )
    if not spots:
        return [full]
    hint = ctx.tr.gettext("Tap a pin to open its venue. The numbers are those of the list below.")
    return [full, muted(hint, margin=SIDES)]


def stop_spots(tr: Translator, region: Region, venues: list[Venue]) -> list[Spot]:
    """One pin per venue in the region; a venue the day comes back to carries both numbers
    ("1,6"), so that two pins never sit on the same place."""
    numbers: dict[str, list[str]] = {}
    for number, venue in enumerate(venues, 1):
        numbers.setdefault(venue.id, []).append(str(number))
    spots: list[Spot] = []
    for venue in {v.id: v for v in venues}.values():
        if region.contains(venue):
            mark = ",".join(numbers[venue.id])
            spoken = tr.gettext("Stop {number}: {venue}").format(number=mark, venue=venue.name)
            spots.append(Spot(venue.id, mark, venue.name, venue.lat, venue.lon, spoken=spoken))
    return spots


def _venue_order(ctx: Ctx, day: object, venue: Venue) -> tuple[bool, int, str]:
    """All venues: the city the shown day is in first, then the others in the mission's order
    (not by the city's id: "la" came before "sf" while the delegation was in San Francisco)."""
    legs = sorted(ctx.repo.mission.mission.cities, key=lambda c: c.start_date)
    leg = next((n for n, c in enumerate(legs) if c.id == venue.city), len(legs))
    return (not _city_on(ctx, venue, day), leg, venue.name.casefold())


def _city_on(ctx: Ctx, venue: Venue, day: object) -> bool:
    city = next((c for c in ctx.repo.mission.mission.cities if c.id == venue.city), None)
    return city is not None and city.start_date <= day <= city.end_date  # type: ignore[operator]
