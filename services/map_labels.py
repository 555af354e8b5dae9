"""Labels on a laid-out map: venue names beside their pins, town names where room is left.

A label is only placed where it overlaps no other label, no pin and no pin's true place, and
stays inside the view; a venue whose name finds no room keeps its number (the list under the
map names it). Widths are estimated on the generous side, so the drawn text always fits; with
large text (`scale`: how much larger the screen draws text than asked) the boxes grow alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from services.map_layout import Pin

VENUE_SIZE = 13  # font size of a venue label (bold), logical pixels
PLACE_SIZE = 12  # a town's name
LINE = 1.3  # line height, in font sizes
PAD_X, PAD_Y = 6, 3
MAX_CHARS = 20  # a line of a label; two lines at most
NARROWER = 13  # a second try, where a wide label finds no room
NARROW, WIDE = set("fijlrtI.,:;'’-!|()[] "), set("mwMW@")


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Box, gap: float = 0) -> bool:
        return not (
            self.x + self.w + gap <= other.x
            or other.x + other.w + gap <= self.x
            or self.y + self.h + gap <= other.y
            or other.y + other.h + gap <= self.y
        )

    def gap(self, other: Box) -> float:
        """How far apart the two are (0 when they touch or overlap)."""
        dx = max(other.x - (self.x + self.w), self.x - (other.x + other.w), 0)
        dy = max(other.y - (self.y + self.h), self.y - (other.y + other.h), 0)
        return math.hypot(dx, dy)

    def inside(self, width: float, height: float, margin: float = 0) -> bool:
        return (
            self.x >= margin
            and self.y >= margin
            and self.x + self.w <= width - margin
            and self.y + self.h <= height - margin
        )


def square(cx: float, cy: float, side: float) -> Box:
    return Box(cx - side / 2, cy - side / 2, side, side)


class Place(NamedTuple):
    """A town to name on a map, when there is room."""

    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Label:
    key: str  # the venue id, or the town's name
    kind: Literal["venue", "place"]
    lines: tuple[str, ...]
    box: Box

    @property
    def size(self) -> int:
        return VENUE_SIZE if self.kind == "venue" else PLACE_SIZE


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the width of `text` in a sans-serif font (Roboto-like)."""
    units = 0.0
    for ch in text:
        if ch in NARROW:
            units += 0.32
        elif ch in WIDE:
            units += 0.92
        elif ch.isupper() or ch.isdigit():
            units += 0.7
        else:
            units += 0.58
    return units * size * (1.08 if bold else 1.0)


def wrap(name: str, limit: int = MAX_CHARS, most: int = 2) -> tuple[str, ...]:
    """Words in lines of up to `limit` characters, `most` lines at most; what does not fit
    ends the last line with an ellipsis."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines[most - 1] = " ".join(lines[most - 1 :])
        del lines[most:]
    last = lines[-1] if lines else ""
    if len(last) > limit:
        lines[-1] = last[: limit - 1].rstrip() + "…"
    return tuple(lines)


def label_size(
    lines: Sequence[str], size: float, bold: bool, scale: float = 1.0
) -> tuple[float, float]:
    """The box of `lines` at font `size`, drawn `scale` times larger (large text)."""
    width = max(text_width(line, size * scale, bold) for line in lines) + 2 * PAD_X
    return round(width + 0.5), round(len(lines) * size * scale * LINE + 2 * PAD_Y + 0.5)


def place_labels(
    pins: Sequence[Pin],
    places: Sequence[tuple[str, float, float]],
    width: float,
    height: float,
    scale: float = 1.0,
) -> list[Label]:
    """Venue names first (in pin order), then towns (name, x, y) in whatever room is left."""
    labels: list[Label] = []
    dots = [square(*p.anchor, 10) for p in pins if p.moved]
    for pin in sorted(pins, key=lambda p: -_crowd(p, pins)):  # the hardest to name first
        blocked = [p.box for p in pins if p is not pin] + [pin.disc, *dots]
        others = [p.disc for p in pins if p is not pin]
        label = _venue_label(pin, (blocked, others), labels, (width, height), scale)
        if label is not None:
            labels.append(label)
    for name, x, y in places:
        w, h = label_size([name], PLACE_SIZE, False, scale)
        box = Box(x - w / 2, y - h / 2, w, h)
        if _free(box, [p.box for p in pins] + dots, labels, width, height):
            labels.append(Label(name, "place", (name,), box))
    return labels


def _venue_label(
    pin: Pin,
    around: tuple[list[Box], list[Box]],
    labels: list[Label],
    view: tuple[float, float],
    scale: float,
) -> Label | None:
    """The name in one or two lines, else in up to three narrower ones, at the first free
    spot that is nearer its own pin than any other (a name nearer another pin reads as that
    one's), and that leaves the pin's leader line to its true place uncovered if any spot
    does. `around`: what it must not cover, and the other pins' discs; `view`: its size."""
    name, (blocked, others), (width, height) = pin.spot.name, around, view
    forms = dict.fromkeys([wrap(name), wrap(name, NARROWER, 3)])
    spots: list[Label] = []
    for lines in sorted(forms, key=lambda f: f[-1].endswith("…")):  # whole names first
        w, h = label_size(lines, VENUE_SIZE, True, scale)
        for box in _around(pin.centre, w, h, width):
            own = box.gap(pin.disc)
            if _free(box, blocked, labels, width, height) and all(
                box.gap(disc) > own for disc in others
            ):
                spots.append(Label(pin.spot.key, "venue", lines, box))
    clear = [s for s in spots if not pin.moved or not crosses(s.box, pin.centre, pin.anchor)]
    return (clear or spots)[0] if spots else None


def crosses(box: Box, start: tuple[float, float], end: tuple[float, float]) -> bool:
    """Whether the straight line from `start` to `end` passes through `box` (sampled every
    few pixels: a leader line is short)."""
    steps = max(2, int(math.dist(start, end) / 3))
    for k in range(steps + 1):
        x = start[0] + (end[0] - start[0]) * k / steps
        y = start[1] + (end[1] - start[1]) * k / steps
        if box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h:
            return True
    return False


def _crowd(pin: Pin, pins: Sequence[Pin]) -> int:
    return sum(1 for p in pins if p is not pin and math.dist(p.centre, pin.centre) < 120)


def _free(box: Box, blocked: list[Box], labels: list[Label], width: float, height: float) -> bool:
    return (
        box.inside(width, height, 2)
        and not any(box.overlaps(b) for b in blocked)
        and not any(box.overlaps(lb.box, 2) for lb in labels)
    )


def _around(centre: tuple[float, float], w: float, h: float, width: float) -> list[Box]:
    """Right, left, below, above, the four corners of the pin's disc, below or above reaching
    out to one side or (a pin near the edge) up to the edge, then a step further up or down
    on either side."""
    cx, cy = centre
    near = 17  # just clear of the 30 px disc
    # against an edge of the view, still above or below the disc (a pin near that edge)
    edges = [x for x in (width - 2 - w, 2) if x <= cx + 15 and x + w >= cx - 15]
    boxes = [
        Box(cx + near, cy - h / 2, w, h),
        Box(cx - near - w, cy - h / 2, w, h),
        Box(cx - w / 2, cy + near, w, h),
        Box(cx - w / 2, cy - near - h, w, h),
        Box(cx + 15, cy + 15, w, h),
        Box(cx + 15, cy - 15 - h, w, h),
        Box(cx - 15 - w, cy + 15, w, h),
        Box(cx - 15 - w, cy - 15 - h, w, h),
    ]
    for y in (cy + near, cy - near - h):  # below or above, flush with either side of the disc
        boxes += [Box(x, y, w, h) for x in (cx - 15, cx + 15 - w, *edges)]
    for dy in (26, -26, 44, -44):
        boxes += [Box(cx + near, cy - h / 2 + dy, w, h), Box(cx - near - w, cy - h / 2 + dy, w, h)]
    return boxes
