"""Getting there: links to the phone's maps app, and placing venues on the bundled maps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from services.map_labels import Place
from services.models import Venue


def geo_link(venue: Venue) -> str:
    """RFC 5870 geo: URI, which Android hands to the user's maps app."""
    point = f"{venue.lat:.6f},{venue.lon:.6f}"
    return f"geo:{point}?q={point}({quote(venue.name)})"


def google_maps_link(venue: Venue) -> str:
    return search_link(venue.name, venue.address)


@lru_cache(maxsize=4096)
def search_link(name: str, address: str) -> str:
    """`google_maps_link` of any place; made for every venue and hospital of every pocket page:
    the same few texts, quoted once."""
    return f"https://www.google.com/maps/search/?api=1&query={quote(f'{name}, {address}')}"


def apple_maps_link(venue: Venue) -> str:
    return f"https://maps.apple.com/?q={quote(venue.name)}&ll={venue.lat:.6f},{venue.lon:.6f}"


def directions_link(origin: Venue, destination: Venue) -> str:
    return (
        "https://www.google.com/maps/dir/?api=1"
        f"&origin={origin.lat:.6f},{origin.lon:.6f}"
        f"&destination={destination.lat:.6f},{destination.lon:.6f}"
    )


@dataclass(frozen=True)
class MapLook:
    """The colours a map is drawn in: its picture's land and water, the names written on it
    (`ink` on a label's `plate`, a town's `muted` on the bare map) and its lines."""

    land: str
    water: str
    ink: str
    muted: str
    plate: str  # behind a venue's name, at PLATE opacity over the picture


PLATE = 0.88
LIGHT_LOOK = MapLook("#f2efe6", "#b9d3e6", "#1d2433", "#4f5968", "#ffffff")
# the dark pictures are the light ones recoloured (tools/make_dark_maps.py): land a shade
# above the dark theme's page (#121318), so that the map reads as a map and not as a hole
DARK_LOOK = MapLook("#30333a", "#14253a", "#e6e8ef", "#c3c8d4", "#1a1b21")


@dataclass(frozen=True)
class Region:
    """A bundled map image and the box of longitudes and latitudes it covers."""

    id: str
    image: str
    west: float
    south: float
    east: float
    north: float
    width: int
    height: int
    coast: tuple[tuple[float, float], ...] = ()  # points just off the shore (lat, lon)
    places: tuple[Place, ...] = ()  # towns to name when there is room

    @property
    def dark_image(self) -> str:
        """The same picture for the dark theme (tools/make_dark_maps.py)."""
        return self.image.removesuffix(".png") + "-dark.png"

    def contains(self, venue: Venue) -> bool:
        return self.west <= venue.lon <= self.east and self.south <= venue.lat <= self.north

    def to_pixels(self, lat: float, lon: float) -> tuple[float, float]:
        """Web Mercator, as map tiles use, so pins and image agree at every zoom."""
        x = (lon - self.west) / (self.east - self.west) * self.width
        top, bottom = mercator_y(self.north), mercator_y(self.south)
        y = (top - mercator_y(lat)) / (top - bottom) * self.height
        return x, y


def mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _region(
    rid: str,
    box: tuple[float, float, float, float],
    width: int,
    coast: tuple[tuple[float, float], ...],
    places: tuple[Place, ...],
) -> Region:
    """A region whose image keeps the map's true proportions at `width` pixels."""
    west, south, east, north = box
    span_x = math.radians(east - west)
    height = round(width * (mercator_y(north) - mercator_y(south)) / span_x)
    return Region(rid, f"maps/{rid}.png", west, south, east, north, width, height, coast, places)


# The map opens on the day's venues and the nearest shore, so that a delegate sees where the
# sea is (downtown Los Angeles alone is a beige square). The boxes are wider than the venues
# need, so that a wide screen still finds land (or sea) to show on either side.
REGIONS = [
    _region(
        "bay-area",
        (-122.75, 37.20, -121.55, 38.00),
        3000,
        ((37.805, -122.385), (37.62, -122.355), (37.47, -122.11), (37.80, -122.30)),
        (
            Place("San Francisco", 37.752, -122.447),
            Place("Oakland", 37.805, -122.235),
            Place("Berkeley", 37.885, -122.28),
            Place("Palo Alto", 37.44, -122.14),
            Place("Mountain View", 37.385, -122.085),
            Place("San Jose", 37.335, -121.89),
            Place("Santa Clara", 37.355, -121.955),
            Place("San Mateo", 37.56, -122.325),
        ),
    ),
    _region(
        "los-angeles",
        (-118.95, 33.60, -117.65, 34.35),
        3000,
        ((34.005, -118.51), (33.93, -118.455), (33.84, -118.41), (33.725, -118.27)),
        (
            Place("Los Angeles", 34.062, -118.245),
            Place("Pasadena", 34.155, -118.14),
            Place("Santa Monica", 34.025, -118.48),
            Place("Inglewood", 33.96, -118.35),
            Place("Long Beach", 33.785, -118.17),
            Place("San Pedro", 33.745, -118.3),
            Place("Burbank", 34.185, -118.31),
            Place("Glendale", 34.145, -118.255),
        ),
    ),
]


def region_for(venues: list[Venue], regions: list[Region]) -> Region | None:
    """The bundled region that contains most of these venues."""
    best = max(regions, key=lambda r: sum(r.contains(v) for v in venues), default=None)
    if best is None or not any(best.contains(v) for v in venues):
        return None
    return best
