"""Getting there: links to the phone's maps app, and placing venues on the bundled maps."""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import quote

from services.models import Venue


def geo_link(venue: Venue) -> str:
    """RFC 5870 geo: URI, which Android hands to the user's maps app."""
    point = f"{venue.lat:.6f},{venue.lon:.6f}"
    return f"geo:{point}?q={point}({quote(venue.name)})"


def google_maps_link(venue: Venue) -> str:
    query = quote(f"{venue.name}, {venue.address}")
    return f"https://www.google.com/maps/search/?api=1&query={query}"


def apple_maps_link(venue: Venue) -> str:
    return f"https://maps.apple.com/?q={quote(venue.name)}&ll={venue.lat:.6f},{venue.lon:.6f}"


def directions_link(origin: Venue, destination: Venue) -> str:
    return (
        "https://www.google.com/maps/dir/?api=1"
        f"&origin={origin.lat:.6f},{origin.lon:.6f}"
        f"&destination={destination.lat:.6f},{destination.lon:.6f}"
    )


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

    def contains(self, venue: Venue) -> bool:
        return self.west <= venue.lon <= self.east and self.south <= venue.lat <= self.north

    def to_pixels(self, lat: float, lon: float) -> tuple[float, float]:
        """Web Mercator, like flet-map, so pins and image agree at every zoom."""
        x = (lon - self.west) / (self.east - self.west) * self.width
        top, bottom = mercator_y(self.north), mercator_y(self.south)
        y = (top - mercator_y(lat)) / (top - bottom) * self.height
        return x, y


def mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _region(rid: str, west: float, south: float, east: float, north: float, width: int) -> Region:
    """A region whose image keeps the map's true proportions at `width` pixels."""
    span_x = math.radians(east - west)
    height = round(width * (mercator_y(north) - mercator_y(south)) / span_x)
    return Region(rid, f"maps/{rid}.png", west, south, east, north, width, height)


REGIONS = [
    _region("bay-area", -122.62, 37.30, -121.85, 37.95, 1000),
    _region("los-angeles", -118.60, 33.70, -117.98, 34.27, 1000),
]


def region_for(venues: list[Venue], regions: list[Region]) -> Region | None:
    """The bundled region that contains most of these venues."""
    best = max(regions, key=lambda r: sum(r.contains(v) for v in venues), default=None)
    if best is None or not any(best.contains(v) for v in venues):
        return None
    return best
