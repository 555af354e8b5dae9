"""Draw the web app icons (assets/web/icons): a white agenda page with a pin, on mission blue.

    pip install pillow && python tools/make_icons.py

The maskable icons keep the drawing inside the central 80 % safe zone, as launchers crop them.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "assets" / "web" / "icons"
BLUE, WHITE, RED = (11, 95, 165), (255, 255, 255), (200, 16, 46)


def draw(size: int, scale: float, rounded: bool) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0) if rounded else BLUE)
    pen = ImageDraw.Draw(image)
    if rounded:
        pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=BLUE)
    unit = size * scale / 10
    left, top = (size - 6 * unit) / 2, (size - 7 * unit) / 2
    pen.rounded_rectangle(
        (left, top, left + 6 * unit, top + 7 * unit), radius=unit * 0.6, fill=WHITE
    )
    pen.rectangle((left, top, left + 6 * unit, top + 1.4 * unit), fill=RED)
    for row in range(3):
        y = top + (2.4 + row * 1.4) * unit
        pen.rounded_rectangle(
            (left + unit, y, left + 5 * unit, y + 0.6 * unit), radius=unit * 0.3, fill=BLUE
        )
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, 1.0, True).save(OUT / f"icon-{size}.png", optimize=True)
        draw(size, 0.8, False).save(OUT / f"icon-maskable-{size}.png", optimize=True)
    draw(192, 1.0, False).save(OUT / "apple-touch-icon-192.png", optimize=True)
    draw(64, 1.0, True).save(OUT.parent / "favicon.png", optimize=True)
    draw(200, 1.0, True).save(OUT / "loading-animation.png", optimize=True)


if __name__ == "__main__":
    main()
