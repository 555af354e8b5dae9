"""Frame a bundled map for a given screen size and place pins that never hide each other.

Pure geometry, in logical pixels of the map view: which part of the image shows (always
covered by the image, never stretched), where each pin sits (spread away from its neighbours,
with a leader line back to its true place when moved), and which labels fit (services/
map_labels.py). The view draws what this returns; tests check it without a screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from services.map_labels import Box, Label, Place, place_labels, square
from services.maps import Region
from services.per_process import PerProcess

PIN = 48  # a pin's touch target, square
DOT = 30  # the visible disc inside it
PAD = 52  # room between the pins' true places and the edges, at least (more on wide maps)
MIN_METRES_PER_PX = 30.0  # closer than this the coastline picture says nothing more
MOVED = 6  # a pin further than this from its true place gets a leader line
EARTH_M = 6_371_000.0


@dataclass(frozen=True)
class Spot:
    """Something to pin: `key` (a venue id), the pin's text (a number, or '') and its name."""

    key: str
    mark: str
    name: str
    lat: float
    lon: float
    highlight: bool = False
    spoken: str = ""  # what a screen reader says for the pin (defaults to the name)


@dataclass(frozen=True)
class Pin:
    spot: Spot
    anchor: tuple[float, float]  # the true place
    centre: tuple[float, float]  # where the pin is drawn

    @property
    def box(self) -> Box:
        return square(*self.centre, PIN)

    @property
    def disc(self) -> Box:
        return square(*self.centre, DOT)

    @property
    def moved(self) -> bool:
        return math.dist(self.anchor, self.centre) > MOVED


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    image: Box  # where the whole region image is drawn (it covers the view)
    pins: list[Pin]
    labels: list[Label]

    def unlabelled(self) -> list[Pin]:
        named = {lb.key for lb in self.labels if lb.kind == "venue"}
        return [p for p in self.pins if p.spot.key not in named]


def metres_per_image_px(region: Region) -> float:
    lat = math.radians((region.north + region.south) / 2)
    return math.radians(region.east - region.west) * EARTH_M * math.cos(lat) / region.width


def lay_out(
    region: Region,
    spots: list[Spot],
    width: float,
    height: float,
    places: list[Place],
    text_scale: float = 1.0,
) -> MapLayout:
    """The frame that shows every spot (and the nearest coast, to orient), then pins, labels
    sized for text drawn `text_scale` times larger (about a millisecond for a day's stops)."""
    points = [region.to_pixels(s.lat, s.lon) for s in spots]
    focus = list(points)
    if points and region.coast:
        cx = sum(x for x, _ in points) / len(points)
        cy = sum(y for _, y in points) / len(points)
        coast = [region.to_pixels(lat, lon) for lat, lon in region.coast]
        focus.append(min(coast, key=lambda c: math.dist(c, (cx, cy))))
    image = frame(region, focus, width, height)
    scale = image.w / region.width
    anchors = [(image.x + x * scale, image.y + y * scale) for x, y in points]
    pins = spread(spots, anchors, width, height)
    shown = [(p.name, *_to_view(region, image, p.lat, p.lon)) for p in places]
    return MapLayout(
        width, height, image, pins, place_labels(pins, shown, width, height, text_scale)
    )


KEPT = 64  # layouts kept: a day's stops, per map kind and width, for a few days and regions
_kept: PerProcess[MapLayout] = PerProcess(KEPT)


def laid_out(
    region: Region, spots: Sequence[Spot], width: float, height: float, text_scale: float = 1.0
) -> MapLayout:
    """`lay_out` with the region's own places, kept per process: every session that shows
    the same stops at the same size (and text size) reads the same layout (it was a third of
    the map screen's build, done again on every visit). Nothing is ever written to a layout
    once made."""
    key = (id(region), tuple(spots), width, height, text_scale)
    places = list(region.places)
    return _kept.get(
        key, region, lambda: lay_out(region, list(spots), width, height, places, text_scale)
    )


def frame(region: Region, focus: list[tuple[float, float]], width: float, height: float) -> Box:
    """Where to draw the image: scaled alike on both axes, as close as the focus allows,
    never closer than MIN_METRES_PER_PX, and always covering the whole view."""
    cover = max(width / region.width, height / region.height)
    if not focus:
        scale = cover
        cx, cy = region.width / 2, region.height / 2
    else:
        xs, ys = [x for x, _ in focus], [y for _, y in focus]
        span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
        pad_x, pad_y = max(PAD, min(0.18 * width, 160)), max(PAD, min(0.14 * height, 90))
        fit = min(max(width - 2 * pad_x, PIN) / span_x, max(height - 2 * pad_y, PIN) / span_y)
        closest = metres_per_image_px(region) / MIN_METRES_PER_PX
        scale = max(min(fit, closest), cover)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    left = min(max(cx - width / 2 / scale, 0.0), region.width - width / scale)
    top = min(max(cy - height / 2 / scale, 0.0), region.height - height / scale)
    return Box(-left * scale, -top * scale, region.width * scale, region.height * scale)


def _to_view(region: Region, image: Box, lat: float, lon: float) -> tuple[float, float]:
    x, y = region.to_pixels(lat, lon)
    scale = image.w / region.width
    return image.x + x * scale, image.y + y * scale


def spread(
    spots: Sequence[Spot], anchors: list[tuple[float, float]], width: float, height: float
) -> list[Pin]:
    """Each pin at its true place if free, else at the nearest free spot around it (in the
    view, not over another pin's touch target, preferably not over another's true place)."""
    pins: list[Pin] = []
    taken: list[Box] = []  # the touch targets placed so far
    dots = [square(*a, 8) for a in anchors]
    for spot, anchor in zip(spots, anchors, strict=True):
        others = [d for a, d in zip(anchors, dots, strict=True) if a != anchor]
        best: tuple[float, tuple[float, float]] | None = None
        for centre in _candidates(anchor):
            away = math.dist(centre, anchor)
            if best is not None and best[0] <= away:
                break  # candidates come nearest first: nothing further can cost less
            box = square(*centre, PIN)
            if not box.inside(width, height) or any(box.overlaps(t, 2) for t in taken):
                continue
            cost = away + 200 * sum(box.overlaps(d) for d in others)
            if best is None or cost < best[0]:
                best = (cost, centre)
        centre = best[1] if best else _clamp(anchor, width, height)
        pins.append(Pin(spot, anchor, centre))
        taken.append(square(*centre, PIN))
    return pins


def _candidates(anchor: tuple[float, float]) -> list[tuple[float, float]]:
    ax, ay = anchor
    out = [anchor]
    for ring in range(1, 10):
        radius, steps = 26.0 * ring + 26, 8 + 4 * ring
        for k in range(steps):
            angle = 2 * math.pi * k / steps - math.pi / 2
            out.append((ax + radius * math.cos(angle), ay + radius * math.sin(angle)))
    return out


def _clamp(point: tuple[float, float], width: float, height: float) -> tuple[float, float]:
    half = PIN / 2
    return min(max(point[0], half), width - half), min(max(point[1], half), height - half)
