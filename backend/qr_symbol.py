"""The modules of an invite's QR code, made the short way for the links a publish prints.

Every invite link is plain ASCII in byte mode, at error level M and mask 3, in one of the
small versions (an invite link is about 60 characters: version 4 or 5). For each version the
function patterns, format and version information, the order in which data bits are placed and
the mask are worked out once (`_layout`); a link then costs its Reed-Solomon codewords (a few
integer operations a byte, `_Code`) and one gather of bytes: about 25x faster than segno.make
(python -m bench.qr: 0.06 against 1.4-1.5 ms a code). A deliberate exception to using the
library made for the job: segno stays the reference and the fallback. Module for module it is
the symbol segno makes, down to segno's padding (a whole zero byte after a terminator that ends
on a byte boundary, where ISO/IEC 18004 adds none; readers stop at the terminator):
tests/backend/test_qr_symbol.py compares every length. Anything else (another
mode, a longer text) is left to segno, which the caller falls back to.
"""

from __future__ import annotations

import operator
import string
from collections.abc import Callable, Sequence
from functools import cache

FORMAT_M = 0  # error correction level M in the format information
MASK = 3  # (row + column) % 3 == 0: the one qr_png asks segno for
# level M, versions 1-10: (ECC codewords per block, [data codewords of each block])
BLOCKS: dict[int, tuple[int, list[int]]] = {
    1: (10, [16]),
    2: (16, [28]),
    3: (26, [44]),
    4: (18, [32, 32]),
    5: (24, [43, 43]),
    6: (16, [27] * 4),
    7: (18, [31] * 4),
    8: (22, [38, 38, 39, 39]),
    9: (22, [36, 36, 36, 37, 37]),
    10: (26, [43] * 4 + [44]),
}
ALIGNMENT = {1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34]}
ALIGNMENT |= {7: [6, 22, 38], 8: [6, 24, 42], 9: [6, 26, 46], 10: [6, 28, 50]}
ZERO_ONE = bytes.maketrans(b"01", b"\0\1")  # a string of bits: one byte a module
ALPHANUMERIC = set(string.digits + string.ascii_uppercase + " $%*+-./:")


def matrix(text: str) -> Sequence[bytes] | None:
    """The rows of `text`'s QR code (1 dark, 0 light) as segno.make(text, error="m", mask=3,
    boost_error=False, micro=False) makes them; None when this module does not make that one
    (not ASCII, numeric or alphanumeric mode, longer than version 10 holds)."""
    if not text.isascii() or set(text) <= ALPHANUMERIC:
        return None
    data = text.encode("ascii")
    version = next((v for v in BLOCKS if len(data) <= _capacity(v)), None)
    if version is None:
        return None
    size, template, order = _layout(version)
    codewords = _codewords(version, data)
    bits = int.from_bytes(codewords, "big") << (len(order) - 8 * len(codewords))  # remainder: 0
    placed = format(bits ^ _mask_bits(version), f"0{len(order)}b").encode().translate(ZERO_ONE)
    # each data module's value is one byte of `placed`: written over the template in one gather
    cells = _gather(version)(template + placed)
    flat = bytes(cells)
    return [flat[row * size : (row + 1) * size] for row in range(size)]


def _capacity(version: int) -> int:
    """Bytes a version holds at level M: 4 mode bits and an 8- or 16-bit count first."""
    blocks = BLOCKS[version][1]
    return (sum(blocks) * 8 - 4 - (8 if version < 10 else 16)) // 8


def _codewords(version: int, data: bytes) -> bytes:
    """Data and error correction codewords, interleaved as they are placed."""
    ecc, blocks = BLOCKS[version]
    count = len(data).to_bytes(1 if version < 10 else 2, "big")
    length = 4 + len(count) * 8 + len(data) * 8
    head = 0b0100 << (length - 4) | int.from_bytes(count + data, "big")  # byte mode, count
    room = sum(blocks) * 8
    end = min(4, room - length)  # the terminator, as much of it as fits
    pad = 8 - (length + end) % 8  # to a byte boundary: segno pads a whole byte when on one
    stream = ((head << end) << pad).to_bytes((length + end + pad) // 8, "big")[: sum(blocks)]
    stream += (b"\xec\x11" * room)[: sum(blocks) - len(stream)]
    split, at = [], 0
    for size in blocks:
        split.append(stream[at : at + size])
        at += size
    code = _Code.of(ecc)
    checks = [code.remainder(block) for block in split]
    return _interleave(split) + _interleave(checks)


def _interleave(blocks: list[bytes]) -> bytes:
    longest = max(map(len, blocks))
    return bytes(b[i] for i in range(longest) for b in blocks if i < len(b))


def _powers() -> tuple[list[int], list[int]]:
    """GF(256) with polynomial 0x11d: alpha**i for i < 255, and the logarithms."""
    exp, log, value = [], [0] * 256, 1
    for i in range(255):
        exp.append(value)
        log[value] = i
        value = (value << 1) ^ (0x11D if value & 0x80 else 0)
    return exp, log


EXP, LOG = _powers()


def _mul(a: int, b: int) -> int:
    return EXP[(LOG[a] + LOG[b]) % 255] if a and b else 0


class _Code:
    """Reed-Solomon with `degree` check bytes: for each value of the leading byte, the
    generator polynomial times it, as one integer to XOR in."""

    def __init__(self, degree: int) -> None:
        generator = [1]
        for i in range(degree):  # (x - alpha**0) ... (x - alpha**(degree - 1))
            generator = [
                (generator[k] if k < len(generator) else 0)
                ^ (_mul(generator[k - 1], EXP[i]) if k else 0)
                for k in range(len(generator) + 1)
            ]
        self.degree = degree
        tail = generator[1:]
        self.rows = [int.from_bytes(bytes(_mul(f, g) for g in tail), "big") for f in range(256)]

    @staticmethod
    @cache
    def of(degree: int) -> _Code:
        return _Code(degree)

    def remainder(self, block: bytes) -> bytes:
        shift, keep, rows = 8 * (self.degree - 1), (1 << 8 * self.degree) - 1, self.rows
        rest = 0
        for byte in block:
            rest = ((rest << 8) & keep) ^ rows[byte ^ (rest >> shift)]
        return rest.to_bytes(self.degree, "big")


@cache
def _layout(version: int) -> tuple[int, bytes, list[int]]:
    """Side, the symbol's function modules (data modules 0), and the data modules' flat
    indices in the order bits are placed: two columns at a time from the right, up then down,
    column 6 (the vertical timing pattern) skipped."""
    size = 17 + 4 * version
    cells, fixed = bytearray(size * size), bytearray(size * size)

    def put(row: int, column: int, dark: int) -> None:
        cells[row * size + column], fixed[row * size + column] = dark, 1

    _function_patterns(version, size, put)
    order: list[int] = []
    rights = [*range(size - 1, 7, -2), 5, 3, 1]
    for right in rights:
        upward = (right + 1) & 2 == 0
        for step in range(size):
            row = size - 1 - step if upward else step
            order.extend(i for i in (row * size + right, row * size + right - 1) if not fixed[i])
    return size, bytes(cells), order


Put = Callable[[int, int, int], None]  # row, column, dark


def _function_patterns(version: int, size: int, draw: Put) -> None:
    for i in range(size):  # timing patterns
        draw(6, i, int(i % 2 == 0))
        draw(i, 6, int(i % 2 == 0))
    for row, column in ((0, 0), (0, size - 7), (size - 7, 0)):  # finders, separators
        for dr in range(-1, 8):
            for dc in range(-1, 8):
                r, c = row + dr, column + dc
                if 0 <= r < size and 0 <= c < size:
                    ring = max(abs(dr - 3), abs(dc - 3))
                    draw(r, c, int(ring != 2 and ring != 4))
    spots = ALIGNMENT[version]
    for r in spots:
        for c in spots:
            if (r, c) in ((6, 6), (6, spots[-1]), (spots[-1], 6)):
                continue  # under a finder pattern
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    draw(r + dr, c + dc, int(max(abs(dr), abs(dc)) != 1))
    _information(version, size, draw)


def _information(version: int, size: int, put: Put) -> None:
    """Format information (level M, mask 3) twice, the dark module, version information."""
    data = FORMAT_M << 3 | MASK
    rest = data
    for _ in range(10):
        rest = (rest << 1) ^ ((rest >> 9) * 0x537)
    bits = (data << 10 | rest) ^ 0x5412
    bit = [bits >> i & 1 for i in range(15)]
    for i in range(6):
        put(i, 8, bit[i])
    put(7, 8, bit[6])
    put(8, 8, bit[7])
    put(8, 7, bit[8])
    for i in range(9, 15):
        put(8, 14 - i, bit[i])
    for i in range(8):
        put(8, size - 1 - i, bit[i])
    for i in range(8, 15):
        put(size - 15 + i, 8, bit[i])
    put(size - 8, 8, 1)  # the dark module
    if version >= 7:
        rest = version
        for _ in range(12):
            rest = (rest << 1) ^ ((rest >> 11) * 0x1F25)
        word = version << 12 | rest
        for i in range(18):
            a, b = size - 11 + i % 3, i // 3
            put(b, a, word >> i & 1)
            put(a, b, word >> i & 1)


@cache
def _mask_bits(version: int) -> int:
    """Mask 3 over the data modules, in placing order, as one integer (first module highest)."""
    size, _, order = _layout(version)
    bits = "".join("1" if (i // size + i % size) % 3 == 0 else "0" for i in order)
    return int(bits, 2) if bits else 0


@cache
def _gather(version: int) -> Callable[[bytes], tuple[int, ...]]:
    """Picks each module of the symbol out of `template + placed`: a function module from the
    template, a data module from its byte in `placed`."""
    size, template, order = _layout(version)
    source = list(range(size * size))
    for k, index in enumerate(order):
        source[index] = len(template) + k
    return operator.itemgetter(*source)
