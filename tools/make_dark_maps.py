"""Recolour the bundled offline maps for the dark theme (assets/maps/*-dark.png).

    pip install pillow && python tools/make_dark_maps.py

Each colour of a map's palette moves from the light land colour to the dark one by half its
own distance from it: land becomes DARK_LAND, water a darker blue, borders a darker line, and
the anti-aliased shore between them stays in between. The light and dark colours are
services.maps.LIGHT_LOOK and DARK_LOOK, whose contrast the tests check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.maps import DARK_LOOK, LIGHT_LOOK, REGIONS  # noqa: E402

SHADE = 0.5  # a difference between two colours of the light map, in the dark one


def darker(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    land, dark = _rgb(LIGHT_LOOK.land), _rgb(DARK_LOOK.land)
    shifted = (round(d + (c - lc) * SHADE) for c, lc, d in zip(colour, land, dark, strict=True))
    r, g, b = (min(max(v, 0), 255) for v in shifted)
    return r, g, b


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def main() -> None:
    for region in REGIONS:
        image = Image.open(ROOT / "assets" / region.image)
        assert image.mode == "P", f"{region.image}: a palette image, as make_maps.py draws"
        palette = image.getpalette() or []
        colours = [tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)]
        image.putpalette([v for c in colours for v in darker(c)])  # type: ignore[arg-type]
        image.save(ROOT / "assets" / region.dark_image, optimize=True)


if __name__ == "__main__":
    main()
