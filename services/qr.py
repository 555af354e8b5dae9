"""QR codes (segno) for showing across a table: black on white with the full quiet zone."""

from __future__ import annotations

import io

import segno


def qr_png(text: str, scale: int = 8) -> bytes:
    """A PNG of `text` (UTF-8) at error level M: a vCard of ~250 bytes stays a small symbol that
    a phone camera reads from arm's length."""
    symbol = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    symbol.save(buffer, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return buffer.getvalue()
