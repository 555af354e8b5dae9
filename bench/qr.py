"""One invite QR code (scale 6, border 2), side by side: the symbol by segno and by
backend.qr_symbol, the PNG by segno's writer and by backend.qr_png.

python -m bench.qr [codes]
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable

import segno

from backend.qr_png import png
from backend.qr_symbol import matrix

LINK = "https://app.example.org/join/{:026d}"


def per_code(work: Callable[[int], object], codes: int) -> float:
    """Milliseconds per code, the best of three runs."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for n in range(codes):
            work(n)
        best = min(best, time.perf_counter() - start)
    return best / codes * 1000


def main() -> None:
    codes = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    symbols = [
        segno.make(LINK.format(n), error="m", mask=3, boost_error=False) for n in range(codes)
    ]

    def make(n: int) -> object:
        return segno.make(LINK.format(n), error="m", mask=3, boost_error=False, micro=False)

    def segno_png(n: int) -> None:
        symbols[n].save(io.BytesIO(), kind="png", scale=6, border=2)

    def ours(n: int) -> object:
        return png(symbols[n].matrix, 6, 2)

    def symbol(n: int) -> object:
        return matrix(LINK.format(n))

    made, own = per_code(make, codes), per_code(symbol, codes)
    theirs, mine = per_code(segno_png, codes), per_code(ours, codes)
    print(f"{codes} codes, ms per code (best of 3)")
    print(f"  make the symbol (segno)        {made:6.3f}")
    print(f"  make the symbol (qr_symbol)    {own:6.3f}   {made / own:5.1f}x faster")
    print(f"  PNG, segno's writer            {theirs:6.3f}")
    print(f"  PNG, backend.qr_png            {mine:6.3f}   {theirs / mine:5.1f}x faster")


if __name__ == "__main__":
    main()
