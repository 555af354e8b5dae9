"""Distances between venues and a deliberately cautious travel-time estimate."""

from __future__ import annotations

import math

from services.models import Venue

EARTH_KM = 6371.0
WALK_LIMIT_KM = 1.2


def distance_km(a: Venue, b: Venue) -> float:
    """Great-circle distance (haversine) in kilometres."""
    return distance_between(a.lat, a.lon, b.lat, b.lon)


def distance_between(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """`distance_km` of two points given by their coordinates."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat_a, lon_a, lat_b, lon_b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def travel_minutes(a: Venue, b: Venue) -> int:
    """Minutes to get from a to b: walking when close, else by road with traffic and boarding.

    Roads are ~1.4x the straight line; city traffic ~25 km/h, cross-town ~40 km/h, highways
    ~55 km/h, and 10 minutes
    to leave a building and board a coach or taxi. Palo Alto to San Francisco comes out near
    90 minutes, which is what the Bay Area's rush hour often gives.
    """
    if a.id == b.id:
        return 0
    km = distance_km(a, b)
    if km <= WALK_LIMIT_KM:
        return max(5, round(km * 1.3 / 4.5 * 60))
    road_km = km * 1.4
    speed = 25.0 if road_km < 15 else 40.0 if road_km < 40 else 55.0
    return round(10 + road_km / speed * 60)
