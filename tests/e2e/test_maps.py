"""Issue 14, item 11 in Chromium: a tap on a pin opens its venue, and the painted map has land
where the world has land and sea where it has sea, on a phone and at tablet width (the Los
Angeles day reaches its shore)."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import pytest
from PIL import Image
from playwright.sync_api import Browser, FloatRect, Page

from services.map_labels import Box
from services.map_layout import Spot, lay_out
from services.maps import DARK_LOOK, REGIONS, Region
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES, ROOT
from tests.e2e.browser import TIMEOUT, VIEWPORT, app_server, box, open_app, settle, tap
from tests.e2e.conftest import NOW
from views.components.offline_map import grown_height
from views.map import DAY_MAP_HEIGHT, MAP_CHROME

pytestmark = pytest.mark.e2e
VENUES = {v.id: v for v in parse_mission(MISSION_BYTES).venues}
WATER, LAND = (0xB9, 0xD3, 0xE6), (0xF2, 0xEF, 0xE6)
NAV_BAR = 90  # the navigation bar covers the bottom of the window
RGB = tuple[int, int, int]


def _rgb(colour: str) -> RGB:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


DARK = (_rgb(DARK_LOOK.land), _rgb(DARK_LOOK.water))


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with no feed: the demo delegate's agenda, so each day has its stops."""
    with app_server(tmp_path_factory.mktemp("e2e-maps"), {"DELEGATE_NOW": NOW}) as url:
        yield url


def open_at(browser: Browser, url: str, width: int, height: int) -> Page:
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    open_app(page, url)
    return page


@pytest.mark.parametrize(
    ("width", "height", "venue"), [(390, 844, "fairmont-sf"), (1024, 768, "hilton-union-square")]
)
def test_a_tap_on_a_pin_opens_its_venue(
    browser: Browser, demo_url: str, width: int, height: int, venue: str
) -> None:
    """Wednesday: Moscone Center, the Fairmont and the Hilton, a few streets apart."""
    page = open_at(browser, demo_url + "map/2025-10-08", width, height)
    try:
        settle(page)
        pins = [
            box(page, f"pin-{v}") for v in ("moscone-center", "fairmont-sf", "hilton-union-square")
        ]
        for pin in pins:
            assert round(pin["width"]) >= 48 and round(pin["height"]) >= 48  # sub-pixel layout
        for a, b in itertools.combinations(pins, 2):
            apart = abs(a["x"] - b["x"]) >= 48 or abs(a["y"] - b["y"]) >= 48
            assert apart, "the pins do not cover each other"
        tap(page, f"pin-{venue}")
        page.wait_for_url(f"**/venue/{venue}", timeout=TIMEOUT)
    finally:
        page.context.close()


def classify(pixel: tuple[int, ...]) -> str | None:
    for name, ref in (("water", WATER), ("land", LAND)):
        if sum(abs(a - b) for a, b in zip(pixel[:3], ref, strict=True)) <= 18:
            return name
    return None  # a pin, a label, a line, a border or the blend of two


def expected(region: Region, ids: list[str], w: float, h: float) -> Box:
    """Where the app must have drawn the image: the same layout from the same venues."""
    spots = [Spot(i, "", i, VENUES[i].lat, VENUES[i].lon) for i in ids]
    return lay_out(region, spots, w, h, []).image


def compare(shot: Image.Image, picture: Image.Image, image: Box, scale: float) -> Counts:
    """Sample the painted map every 7 px; compare land and sea with the bundled picture."""
    counts = Counts()
    for y in range(16, shot.height - 16, 7):
        for x in range(16, shot.width - 16, 7):
            counts.total += 1
            painted = classify(shot.getpixel((x, y)))  # type: ignore[arg-type]
            if painted is None:
                continue
            at = (int((x - image.x) / scale), int((y - image.y) / scale))
            truth = classify(picture.getpixel(at))  # type: ignore[arg-type]
            counts.seen += 1
            counts.wrong += truth is not None and truth != painted
            counts.water += painted == "water"
    return counts


@dataclass
class Counts:
    total: int = 0
    seen: int = 0
    wrong: int = 0
    water: int = 0


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1024, 768)])
@pytest.mark.parametrize(
    ("day", "rid"), [("2025-10-07", "bay-area"), ("2025-10-09", "los-angeles")]
)
def test_the_painted_map_has_land_where_there_is_land(
    browser: Browser, demo_url: str, width: int, height: int, day: str, rid: str
) -> None:
    page = open_at(browser, demo_url + f"map/{day}", width, height)
    try:
        settle(page)
        area = box(page, "day-map")
        assert area["width"] >= width - 30  # the whole width, less the margins
        ids = page.eval_on_selector_all(
            "[flt-semantics-identifier^='pin-']",
            "nodes => nodes.map(n => n.getAttribute('flt-semantics-identifier').slice(4))",
        )
        assert ids
        region = next(r for r in REGIONS if r.id == rid)
        picture = Image.open(ROOT / "assets" / region.image).convert("RGB")
        drawn = grown_height(DAY_MAP_HEIGHT, area["width"], height - MAP_CHROME)
        if width > height:  # a laptop: the whole map shows, none of it under the navigation bar
            assert area["y"] + area["height"] <= height - NAV_BAR, area
        image = expected(region, ids, area["width"], drawn)
        clip: FloatRect = {**area, "height": min(area["height"], height - NAV_BAR - area["y"])}
        shot = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
        n = compare(shot, picture, image, image.w / region.width)
        assert n.seen / n.total > 0.6, "the map is mostly land and sea, not blank"
        assert n.wrong / n.seen < 0.02, (
            f"{n.wrong} of {n.seen} points: sea for land or land for sea"
        )
        assert n.water / n.seen > 0.02, "some sea is in view (Los Angeles: its shore)"
    finally:
        page.context.close()


def test_the_map_is_dark_in_the_dark_theme(browser: Browser, demo_url: str) -> None:
    """The rest of the app went dark, the map stayed a bright block: in the dark theme the
    painted map is mostly the dark picture's land and sea (a light one, in the light theme)."""
    themes: list[tuple[Literal["dark", "light"], tuple[RGB, RGB]]] = [
        ("dark", DARK),
        ("light", (LAND, WATER)),
    ]
    for scheme, colours in themes:
        context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
        try:
            page = context.new_page()
            open_app(page, demo_url + "map/2025-10-07")
            settle(page)
            shot = Image.open(io.BytesIO(page.screenshot(clip=box(page, "day-map"))))
            rgb = shot.convert("RGB")
            points = [(x, y) for x in range(8, rgb.width - 8, 9) for y in (40, 200, 360)]
            near = sum(_like(rgb.getpixel(p), colours) for p in points)  # type: ignore[arg-type]
            assert near / len(points) > 0.6, (scheme, near, len(points))
        finally:
            context.close()


def _like(pixel: tuple[int, ...], colours: tuple[RGB, RGB]) -> bool:
    return any(sum(abs(a - b) for a, b in zip(pixel[:3], c, strict=True)) <= 18 for c in colours)
