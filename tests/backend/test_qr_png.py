"""The invites' QR codes: the same pixels as segno's own PNG, a valid PNG, and they scan."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
import segno
import zxingcpp
from PIL import Image

from backend.qr_png import SIGNATURE, png, qr_png

LINKS = [
    "https://app.example.org/join/ptu2t3yaakpfu2hz7yqur7ssve",
    "https://feed.example.org/delegates/ptu2t3yaakpfu2hz7yqur7ssve.json",
    "https://a.example/" + "x" * 300,  # a large version, with version information blocks
    "HTTPS://X.EXAMPLE/ABC",  # alphanumeric mode
]


def pixels(data: bytes) -> tuple[tuple[int, int], bytes]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size, image.convert("L").tobytes()


@pytest.mark.parametrize("link", LINKS)
@pytest.mark.parametrize(("scale", "border"), [(6, 2), (1, 0), (3, 4), (5, 1)])
def test_qr_png_has_the_pixels_of_segnos_own_png(link: str, scale: int, border: int) -> None:
    theirs = io.BytesIO()
    segno.make(link, error="m", mask=3, boost_error=False).save(
        theirs, kind="png", scale=scale, border=border
    )
    ours = qr_png(link, scale, border)
    assert pixels(ours) == pixels(theirs.getvalue())
    _, grey = pixels(ours)
    assert set(grey) == {0, 255}


def test_qr_png_chunks_have_correct_lengths_and_crcs() -> None:
    data, at, kinds = qr_png(LINKS[0]), len(SIGNATURE), []
    assert data.startswith(SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        kinds.append(kind)
        at += 12 + length
    assert kinds == [b"IHDR", b"IDAT", b"IEND"] and at == len(data)


@pytest.mark.parametrize("link", LINKS[:2])
def test_qr_png_of_an_invite_scans_back_to_its_link(link: str) -> None:
    with Image.open(io.BytesIO(qr_png(link))) as image:
        found = zxingcpp.read_barcode(image.convert("L"))
    assert found is not None and found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == link


@pytest.mark.parametrize(("scale", "border"), [(0, 2), (-1, 2), (6, -1)])
def test_qr_png_refuses_a_scale_or_border_that_draws_nothing(scale: int, border: int) -> None:
    with pytest.raises(ValueError, match="scale must be"):
        png(segno.make("x", micro=False).matrix, scale, border)
