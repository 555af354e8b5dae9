"""backend.qr_symbol makes the invites' QR codes module for module as segno does, or leaves them
to segno."""

from __future__ import annotations

import random
import string

import pytest
import segno

from backend.qr_symbol import BLOCKS, matrix

URL_CHARACTERS = string.ascii_letters + string.digits + "/-._~?=&%"


def segnos(text: str) -> list[bytes]:
    symbol = segno.make(text, error="m", mask=3, boost_error=False, micro=False)
    return [bytes(row) for row in symbol.matrix]


def link_of(length: int, seed: int) -> str:
    pick = random.Random(seed)
    return ("https://" + "".join(pick.choices(URL_CHARACTERS, k=length)))[:length]


@pytest.mark.parametrize("seed", [1, 2])
def test_matrix_of_every_length_it_makes_is_segnos_symbol(seed: int) -> None:
    """Every length from 1 byte to the most version 10 holds at level M: each version, each
    block layout, and the lengths that fill a version to the last bit."""
    made = {}
    for length in range(1, 214):
        text = link_of(length, seed * 1000 + length)
        assert matrix(text) == segnos(text), text
        made[len(segnos(text))] = text
    assert sorted(made) == [17 + 4 * version for version in BLOCKS]


@pytest.mark.parametrize(
    "text",
    [
        "https://app.example.org/join/ptu2t3yaakpfu2hz7yqur7ssve",
        "https://feed.example.org/delegates/ptu2t3yaakpfu2hz7yqur7ssve.json",
        "a",
        " ~",
    ],
)
def test_matrix_of_an_invite_link_is_segnos_symbol(text: str) -> None:
    assert matrix(text) == segnos(text)


@pytest.mark.parametrize(
    "text",
    [
        "https://a.example/" + "x" * 300,  # longer than version 10 holds
        "HTTPS://X.EXAMPLE/ABC",  # alphanumeric mode
        "0123456789",  # numeric mode
        "https://example.org/café",  # not ASCII
        "",
    ],
)
def test_matrix_leaves_other_symbols_to_segno(text: str) -> None:
    assert matrix(text) is None
