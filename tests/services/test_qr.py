"""The QR card decodes, with a real decoder (zxing-cpp), to exactly the vCard it shows."""

from __future__ import annotations

import io

import segno
import zxingcpp
from PIL import Image

from services.mycard import MyCard
from services.qr import qr_png
from services.vcard import my_card, vcard


def decode(png: bytes) -> str:
    with Image.open(io.BytesIO(png)) as image:
        found = zxingcpp.read_barcode(image.convert("L"))
    assert found is not None and found.format == zxingcpp.BarcodeFormat.QRCode
    return str(found.text)


def test_qr_of_my_card_decodes_to_the_same_vcard() -> None:
    card = MyCard(
        given="Françoise",
        family="Van den Berghe",
        company="Orbyt Aerospace",
        role="Directrice générale",
        phone="+32471440604",
        email="francoise@orbyt.example",
    )
    text = vcard(my_card(card))
    png = qr_png(text).png
    assert png.startswith(b"\x89PNG")
    assert decode(png) == text


def test_qr_is_black_on_white_with_a_quiet_zone() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sébastien\r\nEND:VCARD\r\n"
    qr = qr_png(text, target=340)
    modules = segno.make(text, error="m").symbol_size(scale=1, border=4)[0]
    with Image.open(io.BytesIO(qr.png)) as image:
        grey = image.convert("L")
        assert grey.size == (qr.size, qr.size) and 300 < qr.size <= 340
        assert {value for _, value in grey.getcolors() or []} == {0, 255}
        module = qr.size // int(modules)  # whole pixels per module, 4 modules of quiet zone
        assert qr.size % modules == 0 and grey.getpixel((4 * module - 1, 4 * module - 1)) == 255
        assert grey.getpixel((4 * module, 4 * module)) == 0  # the finder pattern's corner
