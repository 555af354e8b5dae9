"""QR codes (segno) for showing across a table: black on white with the full quiet zone."""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno

BORDER = 4  # modules of quiet zone, as the QR standard asks


@dataclass(frozen=True)
class QrImage:
    png: bytes
    size: int  # pixels per side; every module is the same whole number of pixels


def qr_png(text: str, target: int = 340) -> QrImage:
    """A PNG of `text` (UTF-8) at error level M, as close to `target` pixels as whole pixels
    per module allow: shown at exactly `size`, no module is smeared or wider than another."""
    symbol = segno.make(text, error="m", micro=False)
    modules = int(symbol.symbol_size(scale=1, border=BORDER)[0])
    scale = max(1, target // modules)
    buffer = io.BytesIO()
    symbol.save(buffer, kind="png", scale=scale, border=BORDER, dark="#000000", light="#ffffff")
    return QrImage(buffer.getvalue(), modules * scale)
