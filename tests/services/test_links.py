"""What a delegate pastes to sign in: the code, grouped or not, or any link that carries it."""

from __future__ import annotations

import pytest

from services.links import feed_url_from_link, normalise_code

CODE = "abcdefghijklmnopqrstuvwxyz"
FEED = "https://feed.example.org/"


@pytest.mark.parametrize(
    "pasted",
    [
        CODE,
        " ABCD-EFGH ijkl-mnop-qrst-uvwx-yz ",
        f"{FEED}delegates/{CODE}.json",
        f"{FEED}delegates/{CODE}.ics",
        f"webcal://feed.example.org/delegates/{CODE}.ics",
        f"{FEED}delegates/{CODE}.html",  # the pocket agenda
        f"{FEED}delegates/{CODE}.fr.html",
        f"{FEED}delegates/{CODE}.json?utm_source=mail/welcome",  # a slash in the query
        f"{FEED}delegates/{CODE}.json#top",
        f"https://app.example.org/join/{CODE}",
        f"https://app.example.org/join/{CODE}/",
        "abcd-efgh-ijkl-mn0p-qrst-uvwx-yz",  # read off paper: a zero for the letter o
    ],
)
def test_normalise_code_finds_the_code_in_what_is_pasted(pasted: str) -> None:
    assert normalise_code(pasted) == CODE


@pytest.mark.parametrize(
    "pasted",
    ["", "hello there", CODE[:-1], CODE + "a", f"{FEED}delegates/{CODE}.pdf", f"{FEED}?c={CODE}"],
)
def test_normalise_code_refuses_what_carries_no_code(pasted: str) -> None:
    assert normalise_code(pasted) is None


def test_feed_url_from_link_is_the_part_before_delegates() -> None:
    assert feed_url_from_link(f"{FEED}x/delegates/{CODE}.json") == f"{FEED}x/"
    assert feed_url_from_link(f"webcal://feed.example.org/delegates/{CODE}.ics") is None
    assert feed_url_from_link(CODE) is None
