"""The invites' QR codes as PNG files: backend.qr_symbol (or segno) makes the symbol, this
module writes the image.

segno's own PNG writer packs every pixel in Python (~2.3 ms a code at scale 6, more than making
the symbol); here each row of modules becomes its line of pixel bits with a few byte-string
operations, and the lines that repeat it are PNG "Up" filter lines of zeros, as segno does. The
image is the same, pixel for pixel (tests/backend/test_qr_png.py): a 1-bit greyscale PNG, dark
modules black (0) and light ones white (1).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

import segno

from backend import qr_symbol

SIGNATURE = b"\x89PNG\r\n\x1a\n"
LETTERS = bytes.maketrans(b"\0\1", b"LD")  # a module: Light or Dark


def qr_png(text: str, scale: int = 6, border: int = 2) -> bytes:
    """`text` as a QR code at error level M, `scale` pixels per module, `border` light modules
    around it. Mask 3: any mask scans, and a fixed one is 5x faster than searching for the best;
    never a Micro QR code (no phone camera reads those, and not searching them saves time).
    An invite link is made by backend.qr_symbol: the same symbol segno makes, ~25x faster."""
    modules = qr_symbol.matrix(text)
    if modules is None:
        symbol = segno.make(text, error="m", mask=3, boost_error=False, micro=False)
        return png(symbol.matrix, scale, border)
    return png(modules, scale, border)


def png(matrix: Sequence[bytes | bytearray], scale: int, border: int) -> bytes:
    """A square matrix of modules (1 dark, 0 light: segno's `matrix`) as a 1-bit greyscale
    PNG."""
    if scale < 1 or border < 0:
        raise ValueError(f"scale must be >= 1 and border >= 0, not {scale} and {border}")
    side = (len(matrix) + 2 * border) * scale
    width = (side + 7) // 8  # bytes per line; the last byte's spare bits are 0
    edge, pad = b"1" * border * scale, b"0" * (width * 8 - side)
    dark, light = b"0" * scale, b"1" * scale

    def line(modules: bytes) -> bytes:
        pixels = modules.translate(LETTERS).replace(b"D", dark).replace(b"L", light)
        return b"\0" + int(edge + pixels + edge + pad, 2).to_bytes(width, "big")

    up = b"\2" + bytes(width)  # filter "Up" with no change: the same pixels as the line above
    again = up * (scale - 1)
    quiet = line(bytes(len(matrix))) + up * (border * scale - 1) if border else b""
    rows = b"".join(line(bytes(row)) + again for row in matrix)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    data = zlib.compress(quiet + rows + quiet, 6)
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
