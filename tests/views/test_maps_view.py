"""Issue 14, item 11: the full map names its venues, its pins are ≥48 px buttons that open
their venue, it lays itself out again for a tablet's width, and a small map stays a picture."""

from __future__ import annotations

import flet as ft
from flet.controls.base_control import BaseControl
from PIL import Image

from services.i18n import Translator
from services.maps import DARK_LOOK, LIGHT_LOOK, PLATE, REGIONS, MapLook
from services.validation import parse_mission
from tests.conftest import MISSION_BYTES, ROOT
from tests.contrast import AA, contrast
from tests.views.harness import App, walk
from views.components.offline_map import PIN_BLUE, PIN_RED
from views.components.theme import DARK
from views.map import DAY_MAP_HEIGHT, MAP_CHROME, stop_spots

STOPS = ["hilton-union-square", "stanford", "computer-history-museum", "santa-clara-cc"]


def pins(app: App) -> dict[str, ft.Semantics]:
    return {
        c.identifier.removeprefix("pin-"): c
        for c in app.controls()
        if isinstance(c, ft.Semantics) and c.identifier and c.identifier.startswith("pin-")
    }


def measured_box(app: App, identifier: str) -> ft.Container:
    """The map's own box (the one that reports its size)."""
    box = app.find(identifier).content
    assert isinstance(box, ft.Container) and box.on_size_change is not None
    return box


def texts(control: BaseControl) -> list[str]:
    return [str(c.value) for c in walk(control) if isinstance(c, ft.Text)]


async def test_day_map_pins_are_48_px_buttons_that_open_their_venue(app: App) -> None:
    await app.go("/map/2025-10-07")
    found = pins(app)
    assert set(STOPS) <= set(found)
    for pin in found.values():
        assert pin.button
        target = pin.content
        assert isinstance(target, ft.Container) and target.on_click is not None
        assert (target.width or 0) >= 48 and (target.height or 0) >= 48
    assert found["stanford"].label == "Stop 2: Stanford University"
    await app.tap("pin-stanford")
    assert app.route == "/venue/stanford"


async def test_day_map_pins_keep_white_numbers_readable_in_the_dark_theme(app: App) -> None:
    """A pin painted with the theme's primary (pale blue in the dark theme) left its white
    number at 1.7:1; its colour is now the theme's in neither."""
    await app.go("/map/2025-10-07")
    for pin in pins(app).values():
        discs = [c for c in walk(pin) if isinstance(c, ft.Container) and c.width == 30]
        assert len(discs) == 1
        colour = discs[0].bgcolor
        assert isinstance(colour, str) and colour.startswith("#"), colour
        assert contrast(colour, "#FFFFFF") >= AA, colour


async def test_all_venues_list_the_city_of_the_day_first_then_the_mission_order(app: App) -> None:
    """In San Francisco the list began with eleven Los Angeles venues (sorted by city id)."""
    mission = parse_mission(MISSION_BYTES)
    city = {v.name: v.city for v in mission.venues}

    def listed() -> list[str]:
        tiles = [c for c in app.controls() if isinstance(c, ft.ListTile)]
        return [str(t.title.value) for t in tiles if isinstance(t.title, ft.Text)]

    await app.go("/map/2025-10-07")
    names = listed()
    assert len(names) == len(mission.venues)
    cities = [city[n] for n in names]
    assert cities == sorted(cities, key=lambda c: c != "sf")  # San Francisco's, then LA's
    sf = [n for n in names if city[n] == "sf"]
    assert sf == sorted(sf, key=str.casefold)
    await app.go("/map/2025-10-09")
    assert city[listed()[0]] == "la"


async def test_day_map_names_the_stops_on_the_map_and_towns_where_there_is_room(app: App) -> None:
    await app.go("/map/2025-10-07")
    shown = " ".join(texts(app.find("day-map"))).replace("\n", " ")
    assert "Stanford University" in shown and "Hilton San Francisco Union Square" in shown
    assert any(town.name in shown for town in REGIONS[0].places)
    assert "Tap a pin to open its venue" in app.text()


async def test_day_map_lays_itself_out_again_at_tablet_width(app: App) -> None:
    await app.go("/map/2025-10-09")
    box = measured_box(app, "day-map")
    await app.fire(box, "size_change", {"w": 1000.0, "h": 400.0})
    box = measured_box(app, "day-map")  # a later drawing uses the measured width at once
    stack = box.content
    assert isinstance(stack, ft.Stack) and stack.width == 1000.0
    assert box.height == 600  # taller on a wide screen
    image = next(c for c in walk(stack) if isinstance(c, ft.Image))
    la = REGIONS[1]
    assert image.src == la.image
    assert image.left is not None and image.top is not None
    assert image.width is not None and image.height is not None
    assert image.left <= 0 and image.left + image.width >= 1000  # land to both edges
    assert image.top <= 0 and image.top + image.height >= 600
    assert abs(image.width / image.height - la.width / la.height) < 1e-6  # not stretched


async def test_day_map_speaks_dutch_and_french(app: App) -> None:
    await app.pick_language("nl")
    await app.go("/map/2025-10-07")
    assert pins(app)["stanford"].label == "Halte 2: Stanford University"
    await app.pick_language("fr")
    assert pins(app)["stanford"].label == "Étape 2\u00a0: Stanford University"


async def test_small_map_is_one_button_to_the_venue_whose_map_is_not_a_link(app: App) -> None:
    await app.go("/activity/tue-nasa-ames")
    small = app.find("small-map-nasa-ames")
    inner = [c for c in walk(small) if isinstance(c, ft.Semantics) and c is not small]
    assert not [c for c in inner if c.button], "the small map is one button, not one per pin"
    cover = next(c for c in walk(small) if isinstance(c, ft.Container) and c.on_click)
    await app.fire(cover, "click")
    assert app.route == "/venue/nasa-ames"
    pin = pins(app)["nasa-ames"]
    assert not pin.button and pin.label == "NASA Ames Research Center"
    assert "NASA Ames Research\nCenter" in texts(app.find("venue-map"))  # in two lines
    assert "Venue details" not in app.text(), "the venue page does not link to itself"


def test_stop_spots_a_venue_the_day_returns_to_is_one_pin_with_both_numbers() -> None:
    venues = {v.id: v for v in parse_mission(MISSION_BYTES).venues}
    day = [venues[i] for i in ("hilton-union-square", "stanford", "hilton-union-square")]
    spots = stop_spots(Translator("fr"), REGIONS[0], [*day, venues["ucla"]])
    assert [(s.key, s.mark) for s in spots] == [("hilton-union-square", "1,3"), ("stanford", "2")]
    assert spots[0].spoken == "Étape 1,3\u00a0: Hilton San Francisco Union Square"


async def test_day_map_fits_the_window_height_and_follows_it(app: App) -> None:
    """On a laptop (1024 x 768) the whole map shows above the navigation bar; a taller window
    gives it back its full height."""
    await app.go("/map/2025-10-09")
    box = measured_box(app, "day-map")
    await app.fire(box, "size_change", {"w": 1000.0, "h": 400.0})
    for height, expected in ((768.0, 768 - MAP_CHROME), (1000.0, 600), (600.0, DAY_MAP_HEIGHT)):
        app.page.width, app.page.height = 1024.0, height
        await app.fire(app.page, "resize", {"width": 1024.0, "height": height})
        assert measured_box(app, "day-map").height == expected, height


def over(colour: str, base: str, opacity: float) -> str:
    """`colour` at `opacity` painted over `base`."""
    mix = [
        round(opacity * int(colour[i : i + 2], 16) + (1 - opacity) * int(base[i : i + 2], 16))
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{c:02x}" for c in mix)


def test_map_names_and_pins_meet_aa_on_the_light_and_the_dark_picture() -> None:
    """Names on their plate, towns on the bare land or water: 4.5:1; a pin's white ring
    parts it from the picture by 3:1 (WCAG 1.4.11) in either theme."""
    for look in (LIGHT_LOOK, DARK_LOOK):
        for ground in (look.land, look.water):
            assert contrast(look.ink, over(look.plate, ground, PLATE)) >= AA, (look, ground)
            assert contrast(look.muted, ground) >= AA, (look, ground)
    for ground in (DARK_LOOK.land, DARK_LOOK.water):
        for pin in (PIN_BLUE, PIN_RED):
            assert contrast("#FFFFFF", ground) >= 3 and contrast("#FFFFFF", pin) >= AA


def test_the_dark_pictures_are_the_dark_looks_land_and_water() -> None:
    """Made by tools/make_dark_maps.py: mostly land and water in DARK_LOOK's colours, no
    brighter than the dark theme's cards are from its page."""
    for region in REGIONS:
        with Image.open(ROOT / "assets" / region.image) as light:
            size = light.size
        with Image.open(ROOT / "assets" / region.dark_image) as dark:
            picture = dark.convert("RGB")
        assert picture.size == size
        counts = sorted(picture.getcolors(1 << 16) or [], key=lambda n_c: -n_c[0])
        main = {"#" + bytes(c).hex() for _n, c in counts[:2]}  # type: ignore[call-overload]
        assert main == {DARK_LOOK.land, DARK_LOOK.water}, main
        assert contrast(DARK_LOOK.land, DARK.surface) < 1.6  # a shade above the page, no block


def look_of(app: App) -> tuple[str, str | None, list[str]]:
    """The day map's picture, its box's colour and the colours of the names on it."""
    box = measured_box(app, "day-map")
    image = next(c for c in walk(box) if isinstance(c, ft.Image))
    names = [str(c.color) for c in walk(box) if isinstance(c, ft.Text) and len(c.value or "") > 3]
    return str(image.src), box.bgcolor, names


def drawn_in(app: App, look: MapLook, picture: str) -> None:
    src, bgcolor, names = look_of(app)
    assert (src, bgcolor) == (picture, look.land)
    assert names and set(names) <= {look.ink, look.muted}, names


async def test_day_map_follows_the_dark_theme_chosen_or_the_systems(app: App) -> None:
    """The map was a bright block in the dark theme: it now draws the dark picture and
    light names, when Settings says Dark or the system does (Settings: System)."""
    region = next(r for r in REGIONS if r.id == "bay-area")
    await app.go("/map/2025-10-07")
    drawn_in(app, LIGHT_LOOK, region.image)
    app.page.platform_brightness = ft.Brightness.DARK
    await app.fire(app.page, "platform_brightness_change", "dark")
    drawn_in(app, DARK_LOOK, region.dark_image)
    await app.repo.update_settings(theme="light")
    assert app.shell is not None
    app.shell.apply_theme()  # as Settings does
    app.shell.render()
    drawn_in(app, LIGHT_LOOK, region.image)


def label_widths(app: App) -> dict[str, float]:
    box = measured_box(app, "day-map")
    return {
        str(c.content.value): float(c.width or 0)
        for c in walk(box)
        if isinstance(c, ft.Container) and isinstance(c.content, ft.Text) and c.width != 30
    }


async def test_day_map_names_grow_with_large_text(app: App) -> None:
    """Flutter draws the names larger with large text: their boxes, sized for the normal
    size, cut them ('Moscone Cen'). Measured larger (the frame's probe), they are laid out
    again in larger boxes."""
    await app.go("/map/2025-10-08")
    normal = label_widths(app)
    probe = next(
        c
        for c in walk(app.page.views[-1].controls[-1])
        if isinstance(c, ft.Container) and c.on_size_change
    )
    await app.fire(probe, "size_change", {"w": 40.0, "h": 60.0})
    large = label_widths(app)
    both = set(normal) & set(large)
    assert both and all(large[name] > normal[name] * 1.3 for name in both), (normal, large)
