"""Shrink the bundled offline maps to the small images the pocket agenda embeds.

    pip install pillow && python tools/make_pocket_maps.py

The pocket agenda (services/pocket.py) inlines one image per city region, so each must stay a
few kilobytes: 360 px wide, eight colours. Pins are drawn by the page itself, in CSS.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

MAPS = Path(__file__).resolve().parent.parent / "assets" / "maps"
WIDTH = 360


def main() -> None:
    for source in sorted(MAPS.glob("*.png")):
        if source.stem.endswith(("-pocket", "-dark")):
            continue
        image = Image.open(source).convert("RGB")
        height = round(image.height * WIDTH / image.width)
        small = image.resize((WIDTH, height), Image.Resampling.LANCZOS)
        small = small.quantize(colors=8, method=Image.Quantize.MEDIANCUT)
        small.save(MAPS / f"{source.stem}-pocket.png", optimize=True)


if __name__ == "__main__":
    main()
